import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/verify.js';
import { Tokligence } from '../../src/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

/**
 * Retention with a fake clock, on a real SQLite file: usage rows and audit prompt text older than
 * `compliance.data_retention_days` go, whole audit rows older than `audit.retention_years` go, and
 * the audit chain still verifies after each pass (the deletions are recorded in it).
 */
const DAY = 86_400_000;
const ENV = { TOKLIGENCE_AUDIT_KEY: 'r'.repeat(40), TOKLIGENCE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
let t = Date.UTC(2026, 0, 5, 12);
let dir = '';
let upstream: FakeUpstream;
let tk: Tokligence;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tk-retention-'));
  upstream = await startFakeUpstream({ handler: chatCompletionReply('noted') });
  tk = new Tokligence({
    env: ENV,
    configFile: false,
    now: () => t,
    database: { type: 'sqlite', path: join(dir, 'gw.db'), spoolDir: join(dir, 'spool') },
    team: { enabled: true },
    providers: { openai: { type: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'sk-r' } },
    prices: { 'gpt-4o': { input: 2500, output: 10000 } },
    audit: { enabled: true, immutable: true, logAllPrompts: true, retentionYears: 1 },
    compliance: { dataRetentionDays: 30, encryptionAtRest: true },
  } as never);
});
afterAll(async () => {
  await tk.close();
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (content: string) => tk.chat.completions.create({ model: 'openai/gpt-4o', messages: [{ role: 'user', content }], max_tokens: 5 }, { user: 'alice' });
const settle = async () => {
  await tk.governance?.ledger?.flush();
  await tk.governance?.audit?.log?.flush();
};
const auditRows = async () => (await tk.governance?.audit?.log?.repo.list({ afterSeq: 0, limit: 10_000 })) ?? [];
const verify = async () => {
  const g = tk.governance;
  return verifyAudit(g?.audit?.log?.repo as never, { auditKey: g?.audit?.auditKey, keyring: g?.keyring });
};

describe('retention (compliance.data_retention_days, audit.retention_years)', () => {
  it('deletes usage rows and audit prompt text past 30 days; the chain still verifies', async () => {
    await call('OLD-PROMPT from January');
    await settle();
    t += 40 * DAY;
    await call('NEW-PROMPT from February');
    await settle();
    const store = tk.governance?.store;
    expect((await store?.ledger.list({ tenant: 'default' }))?.items).toHaveLength(2);

    const result = await tk.governance?.runRetention();
    expect(result).toEqual({ ledgerRows: 1, auditRows: 0, auditContents: 1 });
    const left = (await store?.ledger.list({ tenant: 'default' }))?.items ?? [];
    expect(left.map((r) => r.ts)).toEqual([t]);
    const rows = await auditRows();
    const calls = rows.filter((r) => r.kind === 'request');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.content).toBeUndefined();
    expect(calls[1]?.content).toBeDefined();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['ledger.purge', 'audit.content_purged']));
    expect((await verify()).ok).toBe(true);
    // The text is gone from the database file itself, not only from answers (encrypted anyway; the key is not in the file).
    expect(readFileSync(join(dir, 'gw.db')).includes('OLD-PROMPT')).toBe(false);
  });

  it('deletes whole audit rows past a year, recorded as a purge the verifier accepts; a second pass has nothing to do', async () => {
    t += 400 * DAY;
    await call('LATEST');
    await settle();
    const before = await auditRows();
    const result = await tk.governance?.runRetention();
    expect(result?.auditRows).toBe(before.filter((r) => r.ts < t - 365 * DAY).length);
    expect(result?.auditRows).toBeGreaterThan(0);
    expect(result?.ledgerRows).toBe(1);
    const after = await auditRows();
    expect(after.every((r) => r.ts >= t - 365 * DAY)).toBe(true);
    expect(after.some((r) => r.action === 'audit.purge')).toBe(true);
    const report = await verify();
    expect(report.problem).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(await tk.governance?.runRetention()).toEqual({ ledgerRows: 0, auditRows: 0, auditContents: 0 });
  });
});
