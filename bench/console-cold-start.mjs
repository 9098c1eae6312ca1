/**
 * What the admin console costs a gateway: `tokligence serve --profile team` from a built dist/,
 * with the console off (`console.enabled: false`) and on, each in fresh processes, alternating
 * (off, on, off, on …) so machine load hits both alike. For each: time from spawn to the first
 * answer of /healthz and the RSS then; for the console on, the first /ui request, and the RSS after
 * a whole first visit (the page, its script and stylesheet, sign-in, one admin report).
 *
 *   npm run build && node bench/console-cold-start.mjs [dist] [runs]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [dist = 'dist', runsArg = '15'] = process.argv.slice(2);
const runs = Number(runsArg);
const ADMIN_KEY = 'bench-admin-key-0123456789';

const rssMb = (pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;

async function once(consoleOn) {
  const home = mkdtempSync(join(tmpdir(), 'tk-cold-'));
  const config = join(home, 'tokligence.yaml');
  writeFileSync(config, `console:\n  enabled: ${consoleOn}\n`);
  const started = performance.now();
  const child = spawn(process.execPath, [resolve(dist, 'cli/index.js'), 'serve', '--profile', 'team', '--config', config, '--port', '0', '--host', '127.0.0.1'], {
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
    const rss = rssMb(child.pid);
    if (!consoleOn) return { ready, rss };
    const t = performance.now();
    const page = await fetch(`${url}/ui`);
    const html = await page.text();
    const firstUi = performance.now() - t;
    if (page.status !== 200) throw new Error(`/ui answered ${page.status}: is dist/console built?`);
    for (const asset of html.match(/\/ui\/assets\/[^"]+/g) ?? []) await fetch(`${url}${asset}`, { headers: { 'accept-encoding': 'gzip' } }).then((r) => r.arrayBuffer());
    const signIn = await fetch(`${url}/ui/api/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: ADMIN_KEY }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const report = await fetch(`${url}/admin/usage?group_by=user&split_by=model`, { headers: { cookie } });
    if (report.status !== 200) throw new Error(`/admin/usage through the console answered ${report.status}`);
    await report.text();
    return { ready, rss, firstUi, rssAfterUi: rssMb(child.pid) };
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    rmSync(home, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const off = [];
const on = [];
for (let i = 0; i < runs; i++) {
  off.push(await once(false));
  on.push(await once(true));
}
const f = (n, d = 0) => n.toFixed(d);
console.log(`serve --profile team from ${dist}, median of ${runs} fresh processes each, alternating`);
console.log(`console off: start→first answer ${f(median(off.map((x) => x.ready)))} ms, RSS ${f(median(off.map((x) => x.rss)), 1)} MB`);
console.log(
  `console on:  start→first answer ${f(median(on.map((x) => x.ready)))} ms, RSS ${f(median(on.map((x) => x.rss)), 1)} MB; first /ui ${f(median(on.map((x) => x.firstUi)), 1)} ms; RSS after a first visit (page, assets, sign-in, one report) ${f(median(on.map((x) => x.rssAfterUi)), 1)} MB`,
);
