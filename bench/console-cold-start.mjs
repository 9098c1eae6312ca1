/**
 * What the admin console costs a gateway that does not use it: time from `tokligence serve
 * --profile team` to its first answer, and its memory, for two builds (e.g. main's and this
 * branch's dist/). The console is imported on the first /ui request only, so both should match;
 * the first /ui request is timed separately.
 *
 *   node bench/console-cold-start.mjs [distA] [distB] [runs]
 *
 * Runs alternate between the builds (A B A B …) so machine load hits both alike.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [distA = 'dist', distB, runsArg = '15'] = process.argv.slice(2);
const runs = Number(runsArg);
const ADMIN_KEY = 'bench-admin-key-0123456789';

async function once(dist) {
  const home = mkdtempSync(join(tmpdir(), 'tk-cold-'));
  const started = performance.now();
  const child = spawn(process.execPath, [resolve(dist, 'cli/index.js'), 'serve', '--profile', 'team', '--port', '0', '--host', '127.0.0.1'], {
    env: { PATH: process.env.PATH, HOME: home, TOKLIGENCE_ADMIN_KEY: ADMIN_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise((ok, fail) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        const m = /gateway on (http:\/\/\S+)/.exec(out);
        if (m) ok(m[1]);
      });
      child.on('exit', (code) => fail(new Error(`serve exited with ${code}`)));
      setTimeout(() => fail(new Error('serve did not start in 30 s')), 30_000).unref();
    });
    await fetch(`${url}/healthz`).then((r) => r.text());
    const ready = performance.now() - started;
    const rss = Number((await import('node:fs')).readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
    const t = performance.now();
    const ui = await fetch(`${url}/ui`);
    await ui.text();
    const firstUi = performance.now() - t;
    return { ready, rss, firstUi, uiStatus: ui.status };
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    rmSync(home, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const builds = distB ? [distA, distB] : [distA];
const results = Object.fromEntries(builds.map((b) => [b, []]));
for (let i = 0; i < runs; i++) for (const b of builds) results[b].push(await once(b));
for (const b of builds) {
  const r = results[b];
  console.log(
    `${b.padEnd(28)} start→first answer ${median(r.map((x) => x.ready)).toFixed(0)} ms (median of ${runs})  RSS ${median(r.map((x) => x.rss)).toFixed(1)} MB  first /ui ${median(r.map((x) => x.firstUi)).toFixed(1)} ms (${r[0].uiStatus})`,
  );
}
