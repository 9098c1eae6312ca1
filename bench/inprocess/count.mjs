// Instruction counts for A/B work on a busy machine: `valgrind --tool=callgrind node
// bench/inprocess/count.mjs <system> <json|stream> <calls>`. The fake upstream is forked (and not
// traced: valgrind follows no children by default); the calls run 16 at a time after a warm-up.
// Run it with 0 calls and with N: the difference divided by N is the instructions a call costs.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SYSTEMS, check } from './systems.mjs';

const [id, mode, n = '0', warm = '300'] = process.argv.slice(2);
const upstream = fork(fileURLToPath(new URL('../server/fake-upstream.mjs', import.meta.url)), ['0'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const port = await new Promise((r) => upstream.once('message', (m) => r(m.ready)));
const call = (await SYSTEMS[id].make(`http://127.0.0.1:${port}`))[mode];
check(mode, await call());
const run = async (total) => {
  let next = 0;
  const lane = async () => {
    while (next < total) {
      next++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
};
await run(Number(warm));
const cpu0 = process.cpuUsage();
await run(Number(n));
const cpu = process.cpuUsage(cpu0);
console.log(`${id} ${mode} ${n} calls: ${((cpu.user + cpu.system) / 1000 / Math.max(1, Number(n))).toFixed(4)} ms CPU/call`);
upstream.kill();
process.exit(0);
