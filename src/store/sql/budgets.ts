import { counterId } from '../periods.js';
import type { BudgetRepo } from '../store.js';
import type { CounterRef } from '../types.js';
import type { SqlContext } from './context.js';
import type { SqlExecutor } from './driver.js';

async function releaseTaken(tx: SqlExecutor, taken: Array<{ tenant: string; counters: string; amount: number }>): Promise<void> {
  const byCounter = new Map<string, { tenant: string; ref: CounterRef; amount: number }>();
  for (const r of taken)
    for (const ref of JSON.parse(r.counters) as CounterRef[]) {
      const id = counterId(r.tenant, ref);
      const c = byCounter.get(id) ?? { tenant: r.tenant, ref, amount: 0 };
      c.amount += Number(r.amount);
      byCounter.set(id, c);
    }
  for (const id of [...byCounter.keys()].sort()) {
    const c = byCounter.get(id)!;
    await tx.run(
      'UPDATE budget_counters SET reserved = CASE WHEN reserved > ? THEN reserved - ? ELSE 0 END WHERE tenant = ? AND scope = ? AND period = ?',
      [c.amount, c.amount, c.tenant, c.ref.scope, c.ref.period],
    );
  }
}

/**
 * Reservations are transient (a crash loses nothing a restart needs: an unsettled one only expires),
 * so PostgreSQL need not flush them to disk before answering: no fsync per call on the hot path.
 */
async function relaxCommit(tx: SqlExecutor, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'postgres') await tx.run('SET LOCAL synchronous_commit = off');
}

export function sqlBudgets(ctx: SqlContext): BudgetRepo {
  return {
    reserve(id, tenant, checks, amount, expiresAt) {
      return ctx.atomic(async (tx) => {
        await relaxCommit(tx, ctx.dialect);
        // Counter rows in key order, so two instances reserving the same counters cannot deadlock.
        const sorted = [...checks].sort((a, b) => (counterId(tenant, a) < counterId(tenant, b) ? -1 : 1));
        for (const check of sorted) {
          // The check and the add in one statement (a new counter starts at 0 spent): the row lock
          // makes it atomic across instances. A cap of 0 admits nothing, not even a first call.
          const ok =
            check.limit > 0
              ? await tx.all(
                  `INSERT INTO budget_counters (tenant, scope, period, spent, reserved) VALUES (?, ?, ?, 0, ?)
                   ON CONFLICT (tenant, scope, period) DO UPDATE SET reserved = budget_counters.reserved + excluded.reserved
                   WHERE budget_counters.spent + budget_counters.reserved < ? RETURNING spent`,
                  [tenant, check.scope, check.period, amount, check.limit],
                )
              : [];
          if (ok.length === 0) {
            const rows = await tx.all<{ spent: number; reserved: number }>('SELECT spent, reserved FROM budget_counters WHERE tenant = ? AND scope = ? AND period = ?', [
              tenant,
              check.scope,
              check.period,
            ]);
            // Undo the counters already raised: throwing rolls the transaction back.
            throw new Exceeded(check, Number(rows[0]?.spent ?? 0), Number(rows[0]?.reserved ?? 0));
          }
        }
        const refs = sorted.map(({ scope, period }) => ({ scope, period }));
        await tx.run('INSERT INTO budget_reservations (id, tenant, counters, amount, expires_at) VALUES (?, ?, ?, ?, ?)', [id, tenant, JSON.stringify(refs), amount, expiresAt]);
        return { ok: true as const };
      }).catch((err) => {
        if (err instanceof Exceeded) return { ok: false as const, check: err.check, spent: err.spent, reserved: err.reserved };
        throw err;
      });
    },
    release(id) {
      return ctx.atomic(async (tx) => {
        await relaxCommit(tx, ctx.dialect);
        const taken = await tx.all<{ tenant: string; counters: string; amount: number }>('DELETE FROM budget_reservations WHERE id = ? RETURNING tenant, counters, amount', [id]);
        await releaseTaken(tx, taken);
      });
    },
    expire(now) {
      return ctx.atomic(async (tx) => {
        const taken = await tx.all<{ tenant: string; counters: string; amount: number }>('DELETE FROM budget_reservations WHERE expires_at <= ? RETURNING tenant, counters, amount', [now]);
        await releaseTaken(tx, taken);
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

class Exceeded extends Error {
  constructor(
    readonly check: import('../types.js').BudgetCheck,
    readonly spent: number,
    readonly reserved: number,
  ) {
    super('budget exceeded');
  }
}
