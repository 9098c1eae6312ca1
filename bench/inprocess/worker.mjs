// One system under test in its own process: `node worker.mjs <system> <json|stream> <upstream>`.
// Waits for `{ round: n }` over IPC, makes n calls with `concurrency` in flight, and answers with
// the wall time and this process's CPU time (process.cpuUsage: user + system) over the round.
import { SYSTEMS, check } from './systems.mjs';

const [id, mode, upstream] = process.argv.slice(2);
const system = SYSTEMS[id];
if (!system) throw new Error(`unknown system ${id}`);
const calls = await system.make(upstream);
const call = calls[mode];

// Every system answers correctly before it is timed.
for (let i = 0; i < 20; i++) check(mode, await call());

async function round(n, concurrency) {
  let next = 0;
  let failures = 0;
  const lane = async () => {
    while (next < n) {
      next++;
      try {
        await call();
      } catch {
        failures++;
      }
    }
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { n, wallMs, cpuUs: cpu.user + cpu.system, failures };
}

process.on('message', async (m) => {
  if (m?.round) process.send({ result: await round(m.round, m.concurrency) });
  if (m?.mem) {
    globalThis.gc?.();
    process.send({ mem: process.memoryUsage() });
  }
});
process.send({ ready: true });
