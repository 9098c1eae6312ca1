// The gateway under test: `new Tokligence()` with two providers on the fake upstream, served by
// createServer(). Imports the built dist/ (plain node), or src/ when started with `--import tsx`
// and TK_SRC=1. Answers IPC `{ mem: true }` with process.memoryUsage() after a full GC (needs
// --expose-gc), so RSS can be compared at the same heap state before and after a soak.
const root = new URL('../../', import.meta.url);
const src = process.env.TK_SRC === '1';
const { Tokligence, AdminService } = await import(new URL(src ? 'src/index.ts' : 'dist/index.js', root).href);
const { createServer } = await import(new URL(src ? 'src/server/index.ts' : 'dist/server/index.js', root).href);

const [port, upstream] = [Number(process.argv[2] ?? 0), process.argv[3]];
const tk = new Tokligence({
  env: {},
  configFile: false,
  providers: {
    up: { type: 'openai-compatible', baseUrl: `${upstream}/v1` },
    ant: { type: 'anthropic', baseUrl: upstream, apiKey: 'x' },
  },
  gateway: { logLevel: 'silent' },
  // TK_CACHE=1: the response cache on (in memory), for the cache-hit rows.
  ...(process.env.TK_CACHE === '1' ? { cache: { enabled: true, type: 'memory' } } : {}),
  ...governance(process.env.TK_GOVERNANCE),
});
await tk.ready();
// With governance on, requests carry a managed key of a store user (see governance.mjs).
if (process.env.TK_GOVERNANCE_KEY_FILE) {
  const { writeFileSync } = await import('node:fs');
  const admin = new AdminService(tk.governance.store);
  const user = await admin.createUser({ name: `bench-${process.pid}` });
  writeFileSync(process.env.TK_GOVERNANCE_KEY_FILE, (await admin.createKey(user.id)).secret);
}

/**
 * TK_GOVERNANCE: `ledger` (the usage ledger alone, SQLite), `sqlite` or `postgres` (managed-key auth,
 * a daily budget, a per-user rate limit and the ledger), with TK_DB (file or URL) and TK_SPOOL.
 */
function governance(mode) {
  if (!mode) return {};
  const database = mode === 'postgres' ? { type: 'postgresql', url: process.env.TK_DB } : { type: 'sqlite', path: process.env.TK_DB };
  const common = { database: { ...database, spoolDir: process.env.TK_SPOOL } };
  if (mode === 'ledger') return { ...common, team: { costTracking: { enabled: true } } };
  return {
    ...common,
    gateway: { logLevel: 'silent', auth: { enabled: true } },
    team: { enabled: true, quotas: { perUserDaily: 1_000_000 } },
    rateLimit: { enabled: true, perUser: { rpm: 10_000_000 } },
  };
}
const { url } = await createServer(tk, { logLevel: 'silent' }).listen(port, '127.0.0.1');

process.on('message', (msg) => {
  if (msg?.mem) {
    globalThis.gc?.();
    process.send?.({ mem: process.memoryUsage() });
  }
});
// A clean exit on SIGINT so --cpu-prof writes its profile.
process.on('SIGINT', () => process.exit(0));
process.send?.({ ready: Number(new URL(url).port) });
