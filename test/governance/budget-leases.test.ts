/**
 * Budgets without a database round trip per call: each instance (a BudgetGuard) leases a share of a
 * cap from the store and admits against it in memory. On every backend: several instances sharing
 * one store never pass a cap by more than one call's estimate each; the store is asked rarely;
 * idle leases go back; a closed instance leaves nothing reserved.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../src/core/contracts/index.js';
import { BudgetGuard, type BudgetTicket } from '../../src/governance/budgets.js';
import { dayKey, type Store, type UsageRow } from '../../src/store/index.js';
import { backends } from '../store/backends.js';

const alice: Identity = { tenant: 'default', userId: 'alice', resolved: true };
const T0 = Date.UTC(2026, 11, 7, 12);

function row(id: string, costUsd: number, leases: string[]): UsageRow {
  return {
    requestId: id,
    tenant: 'default',
    ts: T0,
    userId: 'alice',
    dialect: 'openai-chat',
    inputTokens: 1,
    outputTokens: 1,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    costUsd,
    latencyMs: 1,
    status: 'completed',
    cacheHit: false,
    leases,
  };
}

/** Count the store's lease calls: the round trips budgets cost. */
function counting(store: Store): { store: Store; leases: () => number } {
  let n = 0;
  const lease = store.budgets.lease.bind(store.budgets);
  store.budgets.lease = (...args) => {
    n++;
    return lease(...args);
  };
  return { store, leases: () => n };
}

for (const backend of backends())
  describe(`budget leases (${backend.name})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    async function open(now: () => number) {
      const opened = await backend.open(now);
      cleanups.push(async () => {
        await opened.store.close();
        await opened.cleanup();
      });
      return opened.store;
    }

    it('two instances sharing a store pass a cap by at most one estimate each, and come to the store rarely', async () => {
      const now = () => T0;
      const { store, leases } = counting(await open(now));
      const limit = 10;
      const guards = [new BudgetGuard(store, { perUserDaily: limit }, now), new BudgetGuard(store, { perUserDaily: limit }, now)];
      cleanups.push(async () => {
        for (const g of guards) await g.close();
      });
      const estimate = 0.05;
      const cost = 0.01;
      let admitted = 0;
      let refused = 0;
      let i = 0;
      // Waves of 20 concurrent calls spread over both instances; each settles at its real cost.
      for (let wave = 0; wave < 80 && refused < 20; wave++) {
        const tickets = await Promise.all(
          Array.from({ length: 20 }, async () => {
            const guard = guards[i++ % 2] as BudgetGuard;
            try {
              return { guard, ticket: await guard.admit(alice, estimate) };
            } catch (err) {
              expect((err as Error).message).toMatch(/^Budget exceeded: the daily budget of user alice is \$10\.00/);
              refused++;
              return undefined;
            }
          }),
        );
        const rows: UsageRow[] = [];
        for (const t of tickets) {
          if (!t?.ticket) continue;
          admitted++;
          rows.push(row(`r${admitted}`, cost, t.guard.settle(t.ticket as BudgetTicket, cost)));
        }
        await store.ledger.write(rows);
      }
      const spent = (await store.budgets.counter('default', { scope: 'user:alice', period: dayKey(T0) })).spent;
      expect(refused).toBeGreaterThan(0);
      // Admission stops at the cap: spent never passes it by more than one call per instance.
      expect(spent).toBeLessThanOrEqual(limit + 2 * cost + 1e-9);
      // And near the cap only a refill's worth may sit unused in the other instance.
      expect(spent).toBeGreaterThan(limit - 2 * limit * 0.05 - 1e-9);
      // A refill covers many calls: far fewer store round trips than calls.
      expect(leases()).toBeLessThan(admitted / 10);
    });

    it('an idle lease goes back to the store; closing gives back the rest', async () => {
      let t = T0;
      const store = await open(() => t);
      const a = new BudgetGuard(store, { perUserDaily: 1 }, () => t);
      const b = new BudgetGuard(store, { perUserDaily: 1 }, () => t);
      const ref = { scope: 'user:alice', period: dayKey(T0) };
      const ticket = (await a.admit(alice, 0.01)) as BudgetTicket;
      expect((await store.budgets.counter('default', ref)).reserved).toBeCloseTo(0.05);
      await store.ledger.write([row('x1', 0.01, a.settle(ticket, 0.01))]);
      // Still leased: another instance gets what is left, not more.
      expect((await store.budgets.lease('default', [{ ...ref, limit: 1, id: 'lease|probe|1', want: 5 }], t + 1000))[0]?.granted).toBeCloseTo(0.95);
      await store.budgets.giveBack('lease|probe|1', 5);
      t += 11_000;
      await (a as unknown as { tidy(): Promise<void> }).tidy();
      expect((await store.budgets.counter('default', ref)).reserved).toBeCloseTo(0);
      // b still holds its lease until it closes.
      await b.admit(alice, 0.01);
      expect((await store.budgets.counter('default', ref)).reserved).toBeGreaterThan(0);
      await a.close();
      await b.close();
      // b's call never settled: its estimate stays reserved only until its lease expires.
      expect((await store.budgets.counter('default', ref)).reserved).toBeCloseTo(0.01);
    });
  });
