import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Each case spawns the CLI several times (tsx over src/): slow on a busy machine.
vi.setConfig({ testTimeout: 180_000 });
import { AuditLog } from '../../src/audit/audit-log.js';
import { FileAuditRepo, keyringFromEnv } from '../../src/store/index.js';

const ROOT = resolve(__dirname, '../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const ENV = { TOKLIGENCE_AUDIT_KEY: 'a'.repeat(40), TOKLIGENCE_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64') };
const dir = mkdtempSync(join(tmpdir(), 'tk-cli-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `tokligence <args>` as a user runs it. */
function cli(args: string[], env: Record<string, string> = ENV) {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/index.ts'), ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tokligence audit and doctor', () => {
  const logDir = join(dir, 'audit');
  const config = join(dir, 'tokligence.yaml');
  writeFileSync(config, `audit:\n  enabled: true\n  immutable: true\n  storage: file\n  path: ${logDir}\ncompliance:\n  soc2: true\n  encryption_at_rest: true\n`);

  it('verify says ok, then names the edited row and exits 1; export writes CSV with decrypted prompts', async () => {
    const log = new AuditLog({ repo: new FileAuditRepo(logDir), immutable: true, auditKey: Buffer.from(ENV.TOKLIGENCE_AUDIT_KEY), keyring: keyringFromEnv(ENV), checkpointEvery: 2 });
    for (let i = 1; i <= 5; i++) {
      log.record({ ts: Date.UTC(2026, 10, i), tenant: 'finance', kind: 'request', action: 'call', actor: `u${i}`, decision: 'allowed', prompt: `=cmd|' /C calc'!A0 prompt ${i}` });
      await log.flush();
    }
    await log.close();
    const ok = cli(['audit', 'verify', '-c', config]);
    expect(ok.out).toMatch(/^ok: 5 row\(s\) \(rows 1-5\), \d+ checkpoint\(s\) signed, 5 content MAC\(s\) checked/);
    expect(ok.code).toBe(0);

    const csv = cli(['audit', 'export', '-c', config, '--from', '2026-11-02', '--to', '2026-11-04', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("'=cmd");
    expect(csv.err).toContain('2 row(s) exported');
    expect(cli(['audit', 'export', '-c', config, '--format', 'xml']).code).toBe(2);
    expect(cli(['audit', 'export', '-c', config, '--from', 'yesterday-ish']).code).toBe(2);

    const file = join(logDir, readdirSync(logDir).find((f) => f.startsWith('audit-')) as string);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"actor":"u3"', '"actor":"u9"'));
    const bad = cli(['audit', 'verify', '-c', config]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('TAMPERED: row 3 does not match its hash (edited)');
  });

  it('doctor --compliance lists each control on or missing, and exits 1 while any is missing', () => {
    const r = cli(['doctor', '--compliance', '-c', config], { TOKLIGENCE_AUDIT_KEY: ENV.TOKLIGENCE_AUDIT_KEY });
    expect(r.out).toMatch(/soc2 +on +every caller authenticated/);
    expect(r.out).toMatch(/soc2 +on +audit log tamper-evident/);
    expect(r.out).toMatch(/all +deploy +TLS in transit/);
    expect(r.code).toBe(0);
    const hipaa = join(dir, 'hipaa.yaml');
    writeFileSync(hipaa, 'compliance:\n  hipaa: true\naudit:\n  immutable: false\n');
    const missing = cli(['doctor', '--compliance', '-c', hipaa], {});
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/hipaa +MISSING audit log tamper-evident .*→ audit\.immutable: true/);
    expect(missing.out).toMatch(/hipaa +MISSING prompt\/response text encrypted at rest .*TOKLIGENCE_ENCRYPTION_KEY/);
    expect(missing.err).toMatch(/notice: compliance\.hipaa needs audit\.immutable: true, but the config sets false/);
  });
});
