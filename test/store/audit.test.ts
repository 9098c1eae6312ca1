import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import { purgeAudit } from '../../src/audit/retention.js';
import { verifyAudit } from '../../src/audit/verify.js';
import type { Store } from '../../src/store/index.js';
import { backends } from './backends.js';

const KEY = Buffer.from('x'.repeat(40));

describe.each(backends())('audit log and approvals in the store: $name', (backend) => {
  let store: Store;
  let cleanup: () => Promise<void> = async () => {};
  afterEach(async () => {
    await store?.close();
    await cleanup();
  });
  const open = async () => {
    const opened = await backend.open();
    store = opened.store;
    cleanup = opened.cleanup;
  };

  it('rows round-trip exactly (the chain verifies), two writers appending at once keep one chain', async () => {
    await open();
    const a = new AuditLog({ repo: store.audit, immutable: true, auditKey: KEY, checkpointEvery: 7 });
    const b = new AuditLog({ repo: store.audit, immutable: true, auditKey: KEY, checkpointEvery: 5 });
    const rec = (i: number) => ({
      ts: 1_700_000_000_000 + i,
      tenant: i % 2 ? 'engineering' : 'finance',
      kind: 'request' as const,
      action: 'call',
      actor: `u${i}`,
      status: 200,
      findings: [{ source: 'pii', action: 'redact', category: 'email' }],
      details: { tokens: i, nested: { ok: true, list: [1, 'two'] } },
      prompt: `it's "quoted" ${i}`,
    });
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const log = i % 2 ? a : b;
        log.record(rec(i));
        if (i % 3 === 0) await log.flush();
      }),
    );
    await Promise.all([a.close(), b.close()]);
    const report = await verifyAudit(store.audit, { auditKey: KEY });
    expect(report).toMatchObject({ ok: true, rows: 30, contentChecked: 30 });
    expect(report.checkpoints).toBeGreaterThanOrEqual(1);
    expect((await store.audit.list({ tenant: 'finance' })).every((r) => r.tenant === 'finance')).toBe(true);
    // Filters: kind, actor, time and seq together, as the console's audit page asks.
    const u7 = await store.audit.list({ tenant: 'engineering', kind: 'request', actor: 'u7' });
    expect(u7.map((r) => r.actor)).toEqual(['u7']);
    expect(await store.audit.list({ tenant: 'finance', actor: 'u7' })).toEqual([]);
    expect(await store.audit.list({ kind: 'admin' })).toEqual([]);
    const window = await store.audit.list({ tenant: 'engineering', from: 1_700_000_000_000 + 5, to: 1_700_000_000_000 + 12 });
    expect(window.map((r) => r.actor).sort()).toEqual(['u11', 'u5', 'u7', 'u9']);
    const second = await store.audit.list({ tenant: 'engineering', afterSeq: (window[1] as { seq: number }).seq, from: 1_700_000_000_000 + 5, to: 1_700_000_000_000 + 12 });
    expect(second).toHaveLength(2);
    const purged = await purgeAudit(a, { rowsBefore: 1_700_000_000_000 + 10 });
    expect(purged.rows).toBeGreaterThan(0);
    expect((await verifyAudit(store.audit, { auditKey: KEY })).ok).toBe(true);
  });

  it('approvals: request, list by user and status, decide once, scoped to the tenant', async () => {
    await open();
    const req = await store.approvals.create({ tenant: 'engineering', userId: 'usr_1', model: 'gpt-4', reason: 'eval' });
    expect(req).toMatchObject({ status: 'pending', model: 'gpt-4', reason: 'eval' });
    expect(await store.approvals.get(req.id, 'finance')).toBeUndefined();
    expect(await store.approvals.decide(req.id, 'finance', { status: 'approved', decidedBy: 'x' })).toBeUndefined();
    const decided = await store.approvals.decide(req.id, 'engineering', { status: 'approved', decidedBy: 'admin@corp', note: 'ok' });
    expect(decided).toMatchObject({ changed: true, approval: { status: 'approved', decidedBy: 'admin@corp', note: 'ok' } });
    expect((await store.approvals.decide(req.id, 'engineering', { status: 'denied', decidedBy: 'y' }))?.changed).toBe(false);
    expect(await store.approvals.list({ tenant: 'engineering', userId: 'usr_1', status: 'approved', model: 'gpt-4' })).toHaveLength(1);
    expect(await store.approvals.list({ tenant: 'finance' })).toEqual([]);
  });

  it('users carry a role (default member)', async () => {
    await open();
    const u = await store.users.create({ name: 'vic', role: 'viewer' });
    expect((await store.users.get(u.id))?.role).toBe('viewer');
    const m = await store.users.create({ name: 'mem' });
    expect((await store.users.get(m.id))?.role).toBe('member');
    expect((await store.users.update(m.id, { role: 'tenant_admin' }))?.role).toBe('tenant_admin');
  });
});
