import type { UsageGroup, UsageRow, UsageTotals } from './types.js';

const groupValue = (row: UsageRow, by: UsageGroup): string | undefined => {
  switch (by) {
    case 'user':
      return row.userId;
    case 'team':
      return row.teamId;
    case 'key':
      return row.keyId;
    case 'session':
      return row.session;
    case 'model':
      return row.provider && row.model ? `${row.provider}/${row.model}` : row.model;
    case 'provider':
      return row.provider;
    case 'alias':
      return row.alias;
    case 'day':
      return new Date(row.ts).toISOString().slice(0, 10);
    case 'hour':
      return new Date(row.ts).toISOString().slice(0, 13);
  }
};

const empty = (): UsageTotals => ({ requests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, errors: 0, cacheHits: 0 });

/** Sum rows, overall or per group and split (the memory store's report; the SQL stores do it in SQL). */
export function totalsOf(rows: UsageRow[], by?: UsageGroup, splitBy?: UsageGroup): UsageTotals[] {
  const groups = new Map<string, UsageTotals>();
  const split = by ? splitBy : undefined;
  for (const r of rows) {
    const group = by ? (groupValue(r, by) ?? '') : undefined;
    const part = split ? (groupValue(r, split) ?? '') : undefined;
    const id = `${group ?? ''}\u0000${part ?? ''}`;
    let t = groups.get(id);
    if (!t) groups.set(id, (t = { ...(group !== undefined ? { group } : {}), ...(part !== undefined ? { split: part } : {}), ...empty() }));
    t.requests++;
    t.inputTokens += r.inputTokens;
    t.outputTokens += r.outputTokens;
    t.cacheReadTokens += r.cacheReadTokens;
    t.cacheWriteTokens += r.cacheWriteTokens;
    t.costUsd += r.costUsd;
    if (r.status !== 'completed') t.errors++;
    if (r.cacheHit) t.cacheHits++;
  }
  if (!by && groups.size === 0) return [empty()];
  return [...groups.values()].sort(byCostThenName);
}

/** The order of grouped totals on every backend: cost descending, then group and split by name (code points). */
export function byCostThenName(a: UsageTotals, b: UsageTotals): number {
  return b.costUsd - a.costUsd || cmp(a.group ?? '', b.group ?? '') || cmp(a.split ?? '', b.split ?? '');
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
