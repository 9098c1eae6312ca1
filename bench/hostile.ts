/**
 * Memory under hostile input (issue 22, item 6): 2,000 requests (1 MB prompts, 10,000-deep JSON,
 * arrays of 256k numbers; 32 at a time over loopback, round robin over the four dialect routes)
 * against a gateway in its own process. Prints its RSS and heap at rest, at the peak, right after,
 * 10 s later (no forced GC: what an operator sees), and the heap after a full GC.
 * Goal: RSS back within 2× of the start within 10 s, heap after GC at the start's.
 * Run: npm run bench:hostile   (HOSTILE_TOTAL=… to change the count)
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { HOSTILE_ROUTES, hostileBodies } from './hostile/bodies.js';

interface Mem {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

const TOTAL = Number(process.env.HOSTILE_TOTAL ?? 2000);
const CONCURRENCY = 32;
const child = fork(fileURLToPath(new URL('./hostile/server.ts', import.meta.url)), [], {
  execArgv: ['--expose-gc', '--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
const { url } = await next<{ url: string }>();
const mem = async (gc = false): Promise<Mem> => {
  const reply = next<{ mem: Mem }>();
  child.send({ gc });
  return (await reply).mem;
};
const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

// Warm up with ordinary calls, then take the starting point.
for (let i = 0; i < 50; i++)
  await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'mock-1', messages: [{ role: 'user', content: 'hi' }] }) }).then((r) => r.text());
const start = await mem(true);

const bodies = hostileBodies();
const statuses: Record<string, number> = {};
let peak = start.rss;
let sent = 0;
// The peak from /proc (the IPC channel stays free for the measurements).
const rssNow = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const sampler = setInterval(() => {
  peak = Math.max(peak, rssNow());
}, 100);
const t0 = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (sent < TOTAL) {
      const i = sent++;
      const body = bodies[i % bodies.length]!;
      const route = HOSTILE_ROUTES[Math.floor(i / bodies.length) % HOSTILE_ROUTES.length]!;
      const res = await fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body.body });
      await res.arrayBuffer();
      const key = `${body.label} → ${res.status}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const after = await mem();
await new Promise((r) => setTimeout(r, 10_000));
const later = await mem();
const collected = await mem(true);
child.kill();

console.log(`Node ${process.version} · ${cpus().length} cores · ${new Date().toISOString()}`);
console.log(`${TOTAL} hostile requests in ${seconds.toFixed(1)} s, ${CONCURRENCY} at a time`);
for (const [k, n] of Object.entries(statuses).sort()) console.log(`  ${k}: ${n}`);
console.log('| | RSS | heap used | external |');
console.log('|---|---|---|---|');
for (const [label, m] of [['start (after warm-up, GC)', start], ['right after', after], ['10 s later (no forced GC)', later], ['after a full GC', collected]] as const)
  console.log(`| ${label} | ${mb(m.rss)} | ${mb(m.heapUsed)} | ${mb(m.external)} |`);
console.log(`| peak during the run (sampled every 100 ms) | ${mb(peak)} | | |`);
const rssOk = later.rss <= 2 * start.rss;
const heapOk = collected.heapUsed <= start.heapUsed * 1.25 + 4 * 1048576;
console.log(`RSS 10 s later ÷ start: ${(later.rss / start.rss).toFixed(2)} (goal ≤ 2) ${rssOk ? 'OK' : 'FAILED'}`);
console.log(`heap after GC − start: ${mb(collected.heapUsed - start.heapUsed)} (goal: back at the start) ${heapOk ? 'OK' : 'FAILED'}`);
process.exitCode = rssOk && heapOk ? 0 : 1;
