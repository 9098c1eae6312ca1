// The gateway's own CPU per call, in-process (no HTTP, no network): `node inprocess-cost.mjs <mode>`
// with mode off | ledger | full (ledger = the usage ledger alone on SQLite; full = a budget
// reservation, a rate limit and the ledger). 50 calls in flight on the mock provider; prints JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { Tokligence } = await import(new URL('../../dist/index.js', import.meta.url).href);
const mode = process.argv[2] ?? 'off';
const N = Number(process.argv[3] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'tk-cost-'));
const governance =
  mode === 'off'
    ? {}
    : {
        database: { type: 'sqlite', path: join(dir, 'g.db'), spoolDir: join(dir, 'spool') },
        team: { enabled: true, quotas: mode === 'full' ? { perUserDaily: 1e6 } : {} },
        ...(mode === 'full' ? { rateLimit: { enabled: true, perUser: { rpm: 1e9 } } } : {}),
      };
const tk = new Tokligence({ env: {}, configFile: false, ...governance });
await tk.ready();
const body = { model: 'mock/mock-1', messages: [{ role: 'user', content: 'hello there, how are you today?' }], max_tokens: 100 };
const burst = () => Promise.all(Array.from({ length: 50 }, () => tk.chat.completions.create(body, { user: 'u1' })));
for (let i = 0; i < 40; i++) await burst();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < N / 50; i++) await burst();
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - t0;
await tk.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ mode, calls: N, cpuUsPerCall: (cpu.user + cpu.system) / N, callsPerSecond: (N * 1000) / wallMs }));
