// The gateway under test: `new Tokligence()` with two providers on the fake upstream, served by
// createServer(). Imports the built dist/ (plain node), or src/ when started with `--import tsx`
// and TK_SRC=1. Answers IPC `{ mem: true }` with process.memoryUsage() after a full GC (needs
// --expose-gc), so RSS can be compared at the same heap state before and after a soak.
// TK_BUILD=<dir>: a build laid out like dist/ elsewhere (icount.mjs builds any checkout that way).
const root = new URL('../../', import.meta.url);
const src = process.env.TK_SRC === '1';
const built = process.env.TK_BUILD ? new URL(`file://${process.env.TK_BUILD.replace(/\/?$/, '/')}`) : new URL('dist/', root);
const { Tokligence, AdminService } = await import(src ? new URL('src/index.ts', root).href : new URL('index.js', built).href);
const { createServer } = await import(src ? new URL('src/server/index.ts', root).href : new URL('server/index.js', built).href);

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
await tk.ready?.(); // builds from before ready() existed (icount.mjs A/B) have none
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

// IPC `{ profile: 'start' }` / `{ profile: <file> }`: a CPU profile of just the requests in between
// (icount.mjs --profile), written to <file>, answered with `{ profiled: <file> }`.
let session;
process.on('message', async (msg) => {
  if (msg?.mem) {
    globalThis.gc?.();
    process.send?.({ mem: process.memoryUsage() });
  } else if (msg?.profile === 'start') {
    const { Session } = await import('node:inspector/promises');
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    process.send?.({ profiling: true });
  } else if (msg?.profile) {
    const { profile } = await session.post('Profiler.stop');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(msg.profile, JSON.stringify(profile));
    process.send?.({ profiled: msg.profile });
  }
});
// A clean exit on SIGINT so --cpu-prof writes its profile.
process.on('SIGINT', () => process.exit(0));
process.send?.({ ready: Number(new URL(url).port) });
