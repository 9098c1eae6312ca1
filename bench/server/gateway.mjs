// The gateway under test: `new Tokligence()` with two providers on the fake upstream, served by
// createServer(). Imports the built dist/ (plain node), or src/ when started with `--import tsx`
// and TK_SRC=1. Answers IPC `{ mem: true }` with process.memoryUsage() after a full GC (needs
// --expose-gc), so RSS can be compared at the same heap state before and after a soak.
const root = new URL('../../', import.meta.url);
const src = process.env.TK_SRC === '1';
const { Tokligence } = await import(new URL(src ? 'src/index.ts' : 'dist/index.js', root).href);
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
});
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
