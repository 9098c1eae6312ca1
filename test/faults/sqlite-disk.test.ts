/**
 * Issue 22, item 4: the SQLite file on a full disk, and a corrupted or truncated file at start.
 * - At start: `tokligence serve` exits non-zero with one message naming the file, what is wrong
 *   and what to do; no stack trace, and the usage spool a stopped run left stays untouched.
 * - While running: the disk under the database fills up for real (a small tmpfs, filled by a
 *   file): calls keep being answered (the ledger spools on another disk), `/readyz` names the
 *   store, one log line per outage (the store does not flap: its probe is the write that failed),
 *   and when space comes back every answered call is in the ledger exactly once.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statfsSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { sleep, startLoad } from '../helpers/load.js';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'src/cli/index.ts');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

const dirs: string[] = [];
const mounts: string[] = [];
let fake: FakeUpstream | undefined;
let tk: Tokligence | undefined;
let gateway: { url: string; close(ms?: number): Promise<void> } | undefined;

afterEach(async () => {
  await gateway?.close(0);
  await tk?.close();
  await fake?.close();
  gateway = tk = fake = undefined;
  for (const m of mounts.splice(0)) spawnSync('umount', [m]);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tk-sqlite-disk-'));
  dirs.push(dir);
  return dir;
}

/** `tokligence serve` over a config file, expected to exit: its exit code and output. */
async function serveExpectingExit(dir: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ['--import', TSX, CLI, 'serve', '--config', join(dir, 'config.yaml'), '--port', '0', '--host', '127.0.0.1'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  clearTimeout(timer);
  return { code, stderr, stdout };
}

/** A real SQLite database of ~1 MB (so a cut leaves a header that reads and pages that do not). */
function realDatabase(path: string): void {
  const py = `import sqlite3\nc=sqlite3.connect(${JSON.stringify(path)})\nc.execute('create table t(x)')\nc.executemany('insert into t values(?)',[('x'*500,)]*2000)\nc.commit()\nc.close()`;
  const r = spawnSync('python3', ['-c', py]);
  if (r.status !== 0) throw new Error(`python3 sqlite3 failed: ${r.stderr}`);
}

const hasPython = spawnSync('python3', ['-c', 'import sqlite3']).status === 0;

describe('a SQLite file that cannot be used at start', () => {
  const cases: Array<[string, (path: string) => void, RegExp]> = [
    ['garbage (not a database)', (p) => writeFileSync(p, Buffer.alloc(8192, 0x5a)), /is not a SQLite database: the file is corrupted, was overwritten, or belongs to another program/],
    [
      'truncated',
      (p) => {
        realDatabase(p);
        const cut = readFileSync(p).subarray(0, 50_000);
        writeFileSync(p, cut);
      },
      /is damaged \(truncated or corrupted\)/,
    ],
  ];
  for (const [name, make, what] of cases)
    it.skipIf(name === 'truncated' && !hasPython)(`${name}: exits 1 naming the file, what is wrong and what to do; no stack; the spool is kept`, { timeout: 60_000 }, async () => {
      const dir = tempDir();
      const db = join(dir, 'gateway.db');
      make(db);
      const before = readFileSync(db);
      // Rows a previous run could not write: they must survive a start that fails.
      const spool = join(dir, 'spool');
      mkdirSync(spool);
      const row = `${JSON.stringify({ requestId: 'left-1', tenant: 'default', model: 'gpt-4o', provider: 'openai', inputTokens: 1, outputTokens: 1, cost: 0, createdAt: 1 })}\n`;
      writeFileSync(join(spool, 'usage-99999-leftover.jsonl'), row);
      writeFileSync(join(dir, 'config.yaml'), `team:\n  enabled: true\ndatabase:\n  type: sqlite\n  path: ${db}\n  spool_dir: ${spool}\n`);

      const { code, stderr, stdout } = await serveExpectingExit(dir);
      expect(code).toBe(1);
      expect(stdout).not.toMatch(/gateway on/);
      expect(stderr).toContain(`the SQLite database ${db} (database.path)`);
      expect(stderr).toMatch(what);
      expect(stderr).toContain(`mv ${db} ${db}.broken`);
      expect(stderr).toMatch(/restore your last backup/);
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(stderr.trim().split('\n')).toHaveLength(1);
      // Nothing was touched: not the file, not the spool.
      expect(readFileSync(db).equals(before)).toBe(true);
      expect(readdirSync(spool)).toEqual(['usage-99999-leftover.jsonl']);
      expect(readFileSync(join(spool, 'usage-99999-leftover.jsonl'), 'utf8')).toBe(row);
    });
});

/** A fresh tmpfs of `mb` MiB (root only; undefined where mounting is not allowed). */
function smallDisk(mb: number): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const dir = tempDir();
  const mnt = join(dir, 'disk');
  mkdirSync(mnt);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', mnt]);
  if (r.status !== 0) return undefined;
  mounts.push(mnt);
  return mnt;
}

/** Fill the disk under `dir` until it refuses a write; returns the filler to delete. */
function fill(dir: string): string {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOSPC') throw err;
  }
  // The last bytes too (a chunk may not fit where a page would).
  const byte = Buffer.alloc(1, 1);
  try {
    for (;;) writeSync(fd, byte);
  } catch {
    // full
  }
  closeSync(fd);
  return filler;
}

const canMount = (() => {
  if (process.getuid?.() !== 0 || spawnSync('which', ['mount']).status !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'tk-mount-probe-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]).status === 0;
  if (ok) spawnSync('umount', [probe]);
  rmSync(probe, { recursive: true, force: true });
  return ok;
})();

describe.skipIf(!canMount)('the disk under the SQLite file fills up while the gateway runs (a real 8 MiB tmpfs)', () => {
  it('calls are answered, /readyz names the store, one log line per outage, every answered call in the ledger exactly once after space returns', { timeout: 120_000 }, async () => {
    const disk = smallDisk(8) as string;
    const db = join(disk, 'gateway.db');
    const spoolDir = join(tempDir(), 'spool');
    const lines: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];
    fake = await startFakeUpstream({ handler: chatCompletionReply('ok') });
    tk = new Tokligence({
      env: {},
      gateway: { auth: { enabled: true, keys: [{ name: 'alice', key: 'tk-alice-secret-1' }] } },
      providers: { openai: { type: 'openai', baseUrl: `${fake.url}/v1`, apiKey: 'sk-test' } },
      database: { type: 'sqlite', path: db, spoolDir, ledgerBatchMs: 20, timeoutMs: 1000 },
      team: { enabled: true },
      failureModes: { probeIntervalMs: 200, auth: 'fail_open' },
    } as never);
    await tk.ready();
    gateway = await createServer(tk, { logger: { log: (level, msg, fields) => void lines.push({ level, msg, fields }) } }).listen(0, '127.0.0.1');
    const url = gateway.url;
    const readyz = async () => (await (await fetch(`${url}/readyz`)).json()) as { status: string; parts?: Array<{ part: string; target: string; error: string }> };

    const load = startLoad({ url, key: 'tk-alice-secret-1', workers: 4, deadlineMs: 10_000 });
    await sleep(500);
    const filler = fill(disk);
    expect(statfsSync(disk).bavail).toBeLessThan(2);
    // The next ledger batch that needs a page fails: the store is down, and says why.
    const deadline = Date.now() + 30_000;
    while ((await readyz()).status !== 'degraded') {
      if (Date.now() > deadline) throw new Error('the store never went down on a full disk');
      await sleep(100);
    }
    const down = await readyz();
    expect(down.parts?.map((p) => p.part)).toEqual(['store']);
    expect(down.parts?.[0]?.target).toBe(`SQLite ${db}`);
    expect(down.parts?.[0]?.error).toMatch(/SQLITE_FULL|disk is full/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // Calls go on while the disk is full (waited for, not slept: the machine may be slow).
    const at = load.report.answered.length;
    while (load.report.answered.length < at + 20) await sleep(100);
    // Still down: its probe is the write that failed, not a read that a full disk still answers.
    await sleep(1500);
    expect((await readyz()).status).toBe('degraded');
    expect(tk.governance?.ledger?.pending).toBeGreaterThan(0);

    unlinkSync(filler);
    const back = Date.now() + 30_000;
    while ((await readyz()).status !== 'ready') {
      if (Date.now() > back) throw new Error('the store did not come back after space returned');
      await sleep(100);
    }
    await sleep(500);
    const report = await load.stop();
    const drained = Date.now() + 20_000;
    while ((tk.governance?.ledger?.pending ?? 0) > 0 && Date.now() < drained) await sleep(100);
    expect(tk.governance?.ledger?.pending).toBe(0);

    expect(report.hung).toBe(0);
    expect(report.failed).toBe(0);
    expect([...report.refused.keys()]).toEqual([]);
    const outages = lines.filter((l) => l.msg === 'dependency unavailable');
    expect(outages).toHaveLength(1);
    expect(outages[0]?.fields?.part).toBe('store');
    expect(lines.filter((l) => l.msg === 'dependency recovered')).toHaveLength(1);

    // Exactly once: read the file with a connection of our own.
    const { default: Database } = await import('better-sqlite3');
    const check = new Database(db, { readonly: true });
    try {
      const rows = check.prepare('SELECT request_id AS id, count(*) AS n FROM usage GROUP BY request_id').all() as Array<{ id: string; n: number }>;
      const ids = new Map(rows.map((r) => [r.id, r.n]));
      expect(report.answered.filter((id) => !ids.has(id))).toEqual([]);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect(ids.size).toBe(report.answered.length);
    } finally {
      check.close();
    }
    expect(existsSync(db)).toBe(true);
  });
});
