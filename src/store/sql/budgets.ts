import { counterId } from '../periods.js';
import type { BudgetRepo } from '../store.js';
import type { CounterRef, LeaseGrant } from '../types.js';
import type { SqlContext } from './context.js';
import type { SqlExecutor } from './driver.js';

/**
 * Leases are transient (a crash loses nothing a restart needs: an orphaned one only expires), so
 * PostgreSQL need not flush them to disk before answering.
 */
async function relaxCommit(tx: SqlExecutor, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'postgres') await tx.run('SET LOCAL synchronous_commit = off');
}

/** Row locks where the database has them (SQLite's BEGIN IMMEDIATE already serialises writers). */
const forUpdate = (dialect: 'sqlite' | 'postgres') => (dialect === 'postgres' ? ' FOR UPDATE' : '');

/** Take `amount` off a counter's reserved (never below 0). */
function unreserve(tx: SqlExecutor, tenant: string, ref: CounterRef, amount: number): Promise<number> {
  return tx.run(
    'UPDATE budget_counters SET reserved = CASE WHEN reserved > ? THEN reserved - ? ELSE 0 END WHERE tenant = ? AND scope = ? AND period = ?',
    [amount, amount, tenant, ref.scope, ref.period],
  );
}

/**
 * Shrink leases by up to the given amounts (their rows locked first), give the counters back what
 * was actually taken, and drop leases that reach nothing. Returns per counter what was released.
 */
export async function shrinkLeases(tx: SqlExecutor, dialect: 'sqlite' | 'postgres', amounts: Map<string, number>): Promise<Array<{ tenant: string; ref: CounterRef; released: number }>> {
  const ids = [...amounts.keys()].sort();
  if (ids.length === 0) return [];
  const rows = await tx.all<{ id: string; tenant: string; counters: string; amount: number }>(
    `SELECT id, tenant, counters, amount FROM budget_reservations WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id${forUpdate(dialect)}`,
    ids,
  );
  const out: Array<{ tenant: string; ref: CounterRef; released: number }> = [];
  for (const r of rows) {
    const have = Number(r.amount);
    const take = Math.min(have, amounts.get(r.id) ?? 0);
    if (take <= 0) continue;
    if (have - take <= 1e-12) await tx.run('DELETE FROM budget_reservations WHERE id = ?', [r.id]);
    else await tx.run('UPDATE budget_reservations SET amount = ? WHERE id = ?', [have - take, r.id]);
    for (const ref of JSON.parse(r.counters) as CounterRef[]) out.push({ tenant: r.tenant, ref, released: take });
  }
  return out;
}

export function sqlBudgets(ctx: SqlContext): BudgetRepo {
  return {
    lease(tenant, requests, expiresAt) {
      return ctx.atomic(async (tx) => {
        await relaxCommit(tx, ctx.dialect);
        const grants = new Map<string, LeaseGrant>();
        // Counter rows in key order, so two instances leasing the same counters cannot deadlock.
        const sorted = [...requests].sort((a, b) => (counterId(tenant, a) < counterId(tenant, b) ? -1 : 1));
        for (const r of sorted) {
          await tx.run('INSERT INTO budget_counters (tenant, scope, period, spent, reserved) VALUES (?, ?, ?, 0, 0) ON CONFLICT (tenant, scope, period) DO NOTHING', [
            tenant,
            r.scope,
            r.period,
          ]);
          const [c] = await tx.all<{ spent: number; reserved: number }>(
            `SELECT spent, reserved FROM budget_counters WHERE tenant = ? AND scope = ? AND period = ?${forUpdate(ctx.dialect)}`,
            [tenant, r.scope, r.period],
          );
          const spent = Number(c?.spent ?? 0);
          const reserved = Number(c?.reserved ?? 0);
          const granted = Math.max(0, Math.min(r.want, r.limit - spent - reserved));
          if (granted > 0) {
            await tx.run('UPDATE budget_counters SET reserved = reserved + ? WHERE tenant = ? AND scope = ? AND period = ?', [granted, tenant, r.scope, r.period]);
            await tx.run(
              `INSERT INTO budget_reservations (id, tenant, counters, amount, expires_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET amount = budget_reservations.amount + excluded.amount, expires_at = excluded.expires_at`,
              [r.id, tenant, JSON.stringify([{ scope: r.scope, period: r.period }]), granted, expiresAt],
            );
          }
          grants.set(r.id, { granted, spent, reserved });
        }
        return requests.map((r) => grants.get(r.id) as LeaseGrant);
      });
    },
    giveBack(id, amount) {
      if (!(amount > 0)) return Promise.resolve();
      return ctx.atomic(async (tx) => {
        await relaxCommit(tx, ctx.dialect);
        for (const r of await shrinkLeases(tx, ctx.dialect, new Map([[id, amount]]))) await unreserve(tx, r.tenant, r.ref, r.released);
      });
    },
    async renew(prefix, expiresAt) {
      // The prefix is ours (`lease|<instance>|`): no LIKE wildcards in it, and it is bound, not spliced.
      await ctx.exec.run("UPDATE budget_reservations SET expires_at = ? WHERE substr(id, 1, length(?)) = ?", [expiresAt, prefix, prefix]);
    },
    expire(now) {
      return ctx.atomic(async (tx) => {
        const taken = await tx.all<{ tenant: string; counters: string; amount: number }>('DELETE FROM budget_reservations WHERE expires_at <= ? RETURNING tenant, counters, amount', [now]);
        for (const r of taken) for (const ref of JSON.parse(r.counters) as CounterRef[]) await unreserve(tx, r.tenant, ref, Number(r.amount));
        return taken.length;
      });
    },
    async counter(tenant, ref) {
      const rows = await ctx.exec.all<{ spent: number; reserved: number }>('SELECT spent, reserved FROM budget_counters WHERE tenant = ? AND scope = ? AND period = ?', [
        tenant,
        ref.scope,
        ref.period,
      ]);
      return { spent: Number(rows[0]?.spent ?? 0), reserved: Number(rows[0]?.reserved ?? 0) };
    },
  };
}
