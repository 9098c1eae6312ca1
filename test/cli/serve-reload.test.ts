import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

const CLI = join(import.meta.dirname, '../../src/cli/index.ts');
const fakes: FakeUpstream[] = [];
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  for (const f of fakes.splice(0)) await f.close();
});

/** `tokligence serve --config <file>` as a real process; its stderr is collected. */
async function serve(config: string): Promise<{ url: string; proc: ChildProcess; stderr: () => string; waitFor(text: string, from?: number): Promise<void> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--config', config, '--port', '0'], { env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => proc.kill('SIGKILL'));
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (err += d));
  const waitFor = async (text: string, from = 0) => {
    for (let i = 0; i < 200; i++) {
      if (err.indexOf(text, from) >= 0 || out.indexOf(text, from) >= 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no "${text}" in the output:\n${out}\n${err}`);
  };
  await waitFor('Tokligence gateway on ');
  const url = /gateway on (http:\/\/\S+)/.exec(out)![1]!;
  return { url, proc, stderr: () => err, waitFor };
}

const yamlFor = (url: string) => `providers:\n  up:\n    type: openai-compatible\n    base_url: ${url}/v1\nmodels:\n  smart: up/m\n`;
async function ask(url: string): Promise<string> {
  const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }) });
  return (await res.json()).choices[0].message.content;
}

describe('tokligence serve reloads its config', () => {
  it('on a changed file and on SIGHUP; a bad config is refused and the server keeps serving', async () => {
    const a = await startFakeUpstream({ handler: chatCompletionReply('upstream A') });
    const b = await startFakeUpstream({ handler: chatCompletionReply('upstream B') });
    fakes.push(a, b);
    const dir = mkdtempSync(join(tmpdir(), 'tk-serve-reload-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'tokligence.yaml');
    writeFileSync(file, yamlFor(a.url));
    const gw = await serve(file);
    expect(await ask(gw.url)).toBe('upstream A');

    // The file changes: picked up by the watcher.
    let mark = gw.stderr().length;
    writeFileSync(file, yamlFor(b.url));
    await gw.waitFor('config reloaded (changed: providers)', mark);
    expect(await ask(gw.url)).toBe('upstream B');

    // A broken file: refused, with the error naming the key; B still answers.
    mark = gw.stderr().length;
    writeFileSync(file, `${yamlFor(a.url)}retry:\n  attempts: -3\n`);
    await gw.waitFor('new config refused, the running one stays', mark);
    expect(gw.stderr().slice(mark)).toContain('retry.attempts');
    expect(await ask(gw.url)).toBe('upstream B');

    // SIGHUP re-reads it (now fixed, without the watcher: the file is rewritten to the same bytes first).
    writeFileSync(file, yamlFor(a.url));
    await gw.waitFor('config reloaded', mark);
    mark = gw.stderr().length;
    gw.proc.kill('SIGHUP');
    await gw.waitFor('SIGHUP: config reloaded (no change)', mark);
    expect(await ask(gw.url)).toBe('upstream A');
  });
});
