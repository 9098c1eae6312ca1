import type { CounterRef, UsageRow } from './types.js';

/** Budget periods are UTC calendar days and months. */
export const dayKey = (ts: number): string => `d:${new Date(ts).toISOString().slice(0, 10)}`;
export const monthKey = (ts: number): string => `m:${new Date(ts).toISOString().slice(0, 7)}`;
export const ALL_TIME = 'all';

/** When the period holding `ts` ends (the reset time of a daily or monthly budget). */
export function periodEnd(period: 'day' | 'month', ts: number): number {
  const d = new Date(ts);
  return period === 'day'
    ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)
    : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** `2026-12` → [start, end) in epoch ms; undefined when the text is not a month. */
export function monthRange(month: string): [number, number] | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return undefined;
  const year = Number(m[1]);
  const mon = Number(m[2]);
  if (mon < 1 || mon > 12) return undefined;
  return [Date.UTC(year, mon - 1, 1), Date.UTC(year, mon, 1)];
}

/** Every spend counter one ledger row adds to. */
export function countersOf(row: Pick<UsageRow, 'ts' | 'userId' | 'teamId' | 'keyId' | 'session'>): CounterRef[] {
  const day = dayKey(row.ts);
  const month = monthKey(row.ts);
  const out: CounterRef[] = [{ scope: 'tenant', period: month }];
  if (row.userId) out.push({ scope: `user:${row.userId}`, period: day }, { scope: `user:${row.userId}`, period: month });
  if (row.teamId) out.push({ scope: `team:${row.teamId}`, period: day }, { scope: `team:${row.teamId}`, period: month });
  if (row.keyId) out.push({ scope: `key:${row.keyId}`, period: day }, { scope: `key:${row.keyId}`, period: month });
  if (row.session) out.push({ scope: `session:${row.session}`, period: ALL_TIME });
  return out;
}

export const counterId = (tenant: string, ref: CounterRef): string => `${tenant}\u0000${ref.scope}\u0000${ref.period}`;
