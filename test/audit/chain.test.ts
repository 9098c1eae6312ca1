import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog, type AuditRecord } from '../../src/audit/audit-log.js';
import { exportAudit } from '../../src/audit/export.js';
import { rekeyAudit } from '../../src/audit/rekey.js';
import { purgeAudit } from '../../src/audit/retention.js';
import { verifyAudit } from '../../src/audit/verify.js';
import { rowHash } from '../../src/store/audit/chain.js';
import { FileAuditRepo } from '../../src/store/audit/file-repo.js';
import { MemoryAuditRepo } from '../../src/store/audit/memory-repo.js';
import type { AuditRow } from '../../src/store/audit/types.js';
import { keyringFromEnv, requireKeyring } from '../../src/store/encryption.js';

const KEY = Buffer.from('an audit key of at least thirty-two characters');
const ENC = { TOKLIGENCE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tk-audit-'));
  dirs.push(d);
  return d;
}

const call = (i: number, extra: Partial<AuditRecord> = {}): AuditRecord => ({
  ts: Date.UTC(2026, 0, 1) + i * 60_000,
  tenant: i % 2 ? 'engineering' : 'finance',
  kind: 'request',
  action: 'call',
  actor: `user-${i}`,
  route: '/v1/messages',
  model: 'claude-sonnet-4',
  decision: 'allowed',
  status: 200,
  prompt: `prompt number ${i}`,
  response: `answer ${i}`,
  ...extra,
});

async function fileLog(rows = 10, over: Partial<ConstructorParameters<typeof AuditLog>[0]> = {}) {
  const dir = tempDir();
  const repo = new FileAuditRepo(dir);
  const log = new AuditLog({ repo, immutable: true, auditKey: KEY, checkpointEvery: 5, ...over });
  for (let i = 1; i <= rows; i++) {
    log.record(call(i));
    // Batches of 4 rows, as calls arriving over time would make them.
    if (i % 4 === 0) await log.flush();
  }
  await log.close();
  const file = join(dir, readdirSync(dir).find((f) => f.startsWith('audit-')) as string);
  const lines = () => readFileSync(file, 'utf8').trimEnd().split('\n');
  const write = (ls: string[]) => writeFileSync(file, `${ls.join('\n')}\n`);
  return { dir, repo, log, file, lines, write };
}

describe('audit chain: verify names the first tampered row', () => {
  it('a log written through AuditLog verifies, with checkpoints and content MACs', async () => {
    const { repo } = await fileLog(12);
    const report = await verifyAudit(repo, { auditKey: KEY });
    expect(report).toMatchObject({ ok: true, rows: 12, firstSeq: 1, lastSeq: 12, signed: true, contentChecked: 12 });
    expect(report.checkpoints).toBeGreaterThanOrEqual(2);
  });

  it('an edited row (hash left as it was)', async () => {
    const { repo, lines, write } = await fileLog();
    const ls = lines();
    ls[3] = (ls[3] as string).replace('"decision":"allowed"', '"decision":"refused"');
    write(ls);
    expect((await verifyAudit(repo, { auditKey: KEY })).problem).toMatchObject({ kind: 'edited', seq: 4 });
  });

  it('an edited row whose hash and every later hash were recomputed: the signed checkpoint catches it', async () => {
    const { repo, lines, write } = await fileLog(10);
    const rows = lines().map((l) => JSON.parse(l) as AuditRow);
    // Checkpoints were signed at rows 8 and 10 (batches of 4, one every 5 rows).
    (rows[8] as AuditRow).actor = 'someone-else';
    for (let i = 8; i < rows.length; i++) {
      const r = rows[i] as AuditRow;
      r.prev = (rows[i - 1] as AuditRow).hash;
      r.hash = rowHash(r);
    }
    write(rows.map((r) => JSON.stringify(r)));
    const report = await verifyAudit(repo, { auditKey: KEY });
    expect(report.problem).toMatchObject({ kind: 'rewritten', seq: 9 });
    expect(report.problem?.message).toMatch(/rows 9-10 were rewritten/);
    // Without the key only the chain is checked: it holds, and verify says what it could not check.
    const unsigned = await verifyAudit(repo);
    expect(unsigned.ok).toBe(true);
    expect(unsigned.warnings.join(' ')).toMatch(/TOKLIGENCE_AUDIT_KEY/);
  });

  it('a deleted row', async () => {
    const { repo, lines, write } = await fileLog();
    const ls = lines();
    ls.splice(4, 1);
    write(ls);
    expect((await verifyAudit(repo, { auditKey: KEY })).problem).toMatchObject({ kind: 'deleted', seq: 5 });
  });

  it('an inserted row (hashed and linked, later rows renumbered and rehashed except their link)', async () => {
    const { repo, lines, write } = await fileLog(8, { checkpointEvery: 1000, checkpointIntervalMs: 60_000 });
    const rows = lines().map((l) => JSON.parse(l) as AuditRow);
    const fake: AuditRow = { ...(rows[2] as AuditRow), actor: 'intruder', seq: 4, prev: (rows[2] as AuditRow).hash };
    delete fake.content;
    delete fake.contentMac;
    fake.hash = rowHash(fake);
    const after = rows.slice(3).map((r) => {
      const moved = { ...r, seq: r.seq + 1 };
      moved.hash = rowHash(moved);
      return moved;
    });
    write([...rows.slice(0, 3), fake, ...after].map((r) => JSON.stringify(r)));
    expect((await verifyAudit(repo)).problem).toMatchObject({ kind: 'inserted', seq: 4 });
  });

  it('two rows swapped', async () => {
    const { repo, lines, write } = await fileLog();
    const ls = lines();
    [ls[5], ls[6]] = [ls[6] as string, ls[5] as string];
    write(ls);
    expect((await verifyAudit(repo, { auditKey: KEY })).problem).toMatchObject({ kind: 'reordered', seq: 7 });
  });

  it('a cut tail is caught by the last checkpoint', async () => {
    const { repo, lines, write } = await fileLog(10);
    write(lines().slice(0, 7));
    const report = await verifyAudit(repo, { auditKey: KEY });
    expect(report.problem).toMatchObject({ kind: 'truncated', seq: 8 });
    expect(report.problem?.message).toMatch(/rows 8-10 were deleted/);
  });

  it('content swapped between rows, and a line that is not JSON', async () => {
    const { repo, lines, write } = await fileLog();
    const rows = lines().map((l) => JSON.parse(l) as AuditRow);
    [(rows[1] as AuditRow).content, (rows[2] as AuditRow).content] = [(rows[2] as AuditRow).content, (rows[1] as AuditRow).content];
    write(rows.map((r) => JSON.stringify(r)));
    expect((await verifyAudit(repo, { auditKey: KEY })).problem).toMatchObject({ kind: 'content', seq: 2 });
    const ls = lines();
    ls[4] = `${(ls[4] as string).slice(0, 40)}`;
    write(ls);
    const report = await verifyAudit(repo, { auditKey: KEY });
    expect(report.problem?.kind).toBe('format');
    expect(report.problem?.message).toMatch(/:5: not valid JSON/);
  });

  it('a forged or deleted checkpoint', async () => {
    const { dir, repo } = await fileLog(24);
    const path = join(dir, 'checkpoints.jsonl');
    const cps = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(cps.length).toBeGreaterThanOrEqual(3);
    writeFileSync(path, `${[cps[0], ...cps.slice(2)].join('\n')}\n`);
    expect((await verifyAudit(repo, { auditKey: KEY })).problem?.message).toMatch(/checkpoint .* was deleted/);
    const forged = JSON.parse(cps[0] as string);
    forged.seq = 3;
    writeFileSync(path, `${JSON.stringify(forged)}\n`);
    expect((await verifyAudit(repo, { auditKey: KEY })).problem).toMatchObject({ kind: 'checkpoint' });
  });
});

describe('audit retention', () => {
  it('purges old rows and old content; the chain still verifies; deleting without a purge does not', async () => {
    const repo = new MemoryAuditRepo();
    const log = new AuditLog({ repo, immutable: true, auditKey: KEY, checkpointEvery: 3 });
    for (let i = 1; i <= 9; i++) log.record(call(i));
    await log.flush();
    const result = await purgeAudit(log, { rowsBefore: call(5).ts, contentBefore: call(7).ts });
    expect(result).toEqual({ rows: 4, contents: 6 });
    expect(repo.rows[0]?.seq).toBe(5);
    expect(repo.rows.filter((r) => r.seq < 7 && r.content !== undefined)).toEqual([]);
    expect(repo.rows.find((r) => r.seq === 8)?.content).toBeDefined();
    await log.close();
    const report = await verifyAudit(repo, { auditKey: KEY });
    expect(report.problem).toBeUndefined();
    expect(report.firstSeq).toBe(5);
    // The same cut made by hand (no purge row) is a deletion.
    repo.rows.splice(0, 2);
    expect((await verifyAudit(repo, { auditKey: KEY })).problem).toMatchObject({ kind: 'deleted', seq: 7 });
  });
});

describe('encryption at rest', () => {
  it('the file holds no prompt in plain text; export decrypts with the key; rekey moves rows to a new key', async () => {
    const ring = keyringFromEnv(ENC);
    const canary = 'CANARY-7f3a9 patient record for Jane';
    const dir = tempDir();
    const repo = new FileAuditRepo(dir);
    const log = new AuditLog({ repo, immutable: true, auditKey: KEY, keyring: ring });
    log.record(call(1, { prompt: canary, response: `echo ${canary}` }));
    await log.close();
    const onDisk = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(onDisk).not.toContain('CANARY-7f3a9');
    expect(onDisk).not.toContain(Buffer.from(canary).toString('base64').slice(0, 12));
    const lines: string[] = [];
    for await (const l of exportAudit(repo, {}, 'jsonl', ring)) lines.push(l);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ prompt: canary, response: `echo ${canary}` });
    const sealed: string[] = [];
    for await (const l of exportAudit(repo, {}, 'csv')) sealed.push(l);
    expect(sealed.join('')).toContain('[encrypted: k');

    const rotated = keyringFromEnv({ TOKLIGENCE_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('hex'), TOKLIGENCE_ENCRYPTION_PREVIOUS_KEYS: ENC.TOKLIGENCE_ENCRYPTION_KEY });
    expect(rotated?.currentId).not.toBe(ring?.currentId);
    expect(await rekeyAudit(repo, rotated as NonNullable<typeof rotated>)).toEqual({ rows: 1 });
    const rows = await repo.list({});
    expect(rows[0]?.keyId).toBe(rotated?.currentId);
    const after = await verifyAudit(repo, { auditKey: KEY, keyring: keyringFromEnv({ TOKLIGENCE_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('hex') }) });
    expect(after).toMatchObject({ ok: true, contentChecked: 1 });
  });

  it('refuses to start without a key, or with a malformed one, naming the variable', () => {
    expect(() => requireKeyring({})).toThrow(/TOKLIGENCE_ENCRYPTION_KEY is not set/);
    expect(() => keyringFromEnv({ TOKLIGENCE_ENCRYPTION_KEY: 'short' })).toThrow(/TOKLIGENCE_ENCRYPTION_KEY must be a 256-bit key/);
    expect(() => new AuditLog({ repo: new MemoryAuditRepo(), immutable: true })).toThrow(/TOKLIGENCE_AUDIT_KEY is not set/);
  });
});
