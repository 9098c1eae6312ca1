/**
 * The research workflow: `tk.batch()` (order, per-item errors, concurrency, progress) and the
 * `tokligence batch` CLI, including a run killed with SIGKILL and resumed: exactly one result per
 * input row per model.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDone, parseRows, parseResults } from '../../src/batch/jsonl.js';
import { formatProgress } from '../../src/batch/progress.js';
import { runBatch } from '../../src/batch/run.js';
import { parseTags } from '../../src/cli/batch.js';
import { type ChatRequest, MockProvider, type Provider, RateLimitError, Tokligence } from '../../src/index.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { textReply } from '../integrations/openai-wire.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'src/cli/index.ts');
/** tsx's loader by absolute URL: the child runs in a temp dir, and must be one process (SIGKILL reaches it). */
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const fakes: FakeUpstream[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const f of fakes.splice(0)) await f.close();
});

/** A driver that fails prompts containing "fail" and records how many calls overlap. */
function flakyDriver(delayMs = 10): Provider & { maxInFlight: number } {
  const mock = new MockProvider();
  let inFlight = 0;
  const driver = {
    name: 'mock',
    type: 'mock' as const,
    dialects: [] as const,
    maxInFlight: 0,
    models: () => ['m'],
    async chat(request: ChatRequest, options: Parameters<Provider['chat']>[1]) {
      inFlight++;
      driver.maxInFlight = Math.max(driver.maxInFlight, inFlight);
      try {
        await new Promise((r) => setTimeout(r, delayMs));
        const text = JSON.stringify(request.messages);
        if (text.includes('fail')) throw new RateLimitError('quota exceeded for this row', { status: 429 });
        return mock.chat(request, options);
      } finally {
        inFlight--;
      }
    },
  };
  return driver;
}

describe('tk.batch', () => {
  it('returns results in input order with per-item errors, bounded concurrency and progress', async () => {
    const driver = flakyDriver();
    const tk = new Tokligence({ env: {}, drivers: [driver] });
    const prompts = ['a', 'b', 'please fail', 'd', 'e', 'f', 'g'];
    const progress: number[] = [];
    const results = await tk.batch(
      prompts.map((p) => ({ model: 'm', messages: [{ role: 'user', content: p }] })),
      { concurrency: 3, onProgress: (p) => progress.push(p.done) },
    );
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(results.map((r) => r.ok)).toEqual([true, true, false, true, true, true, true]);
    const first = results[0];
    expect(first?.ok && first.response.choices[0]?.message.content).toBe('Mock answer to: a');
    expect(first?.ok && first.usage?.outputTokens).toBeGreaterThan(0);
    const failed = results[2];
    expect(!failed?.ok && failed?.error.kind).toBe('rate_limit');
    expect(driver.maxInFlight).toBe(3);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('runBatch: ETA and usage in progress; an abort stops new items but every input gets a result', async () => {
    const controller = new AbortController();
    const seen: Array<{ eta?: number; out: number }> = [];
    const results = await runBatch(
      [1, 2, 3, 4, 5, 6],
      async (n) => {
        if (n === 2) controller.abort();
        return { response: n * 10, usage: { inputTokens: 1, outputTokens: n, cacheReadTokens: 0, cacheWriteTokens: 0 } };
      },
      { concurrency: 1, signal: controller.signal, onProgress: (p) => seen.push({ eta: p.etaMs, out: p.usage.outputTokens }) },
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, false, false, false, false]);
    expect(seen.map((s) => s.out)).toEqual([1, 3]);
    expect(seen[0]?.eta).toBeGreaterThanOrEqual(0);
  });
});

describe('batch input and output files', () => {
  it('parses prompt / messages / system rows, keeps params, ids default to line numbers', () => {
    const rows = parseRows(
      ['{"prompt":"hi","max_tokens":5}', '', '{"id":"x","system":"be nice","messages":[{"role":"user","content":"yo"}],"expected":"YO"}'].join('\n'),
    );
    expect(rows).toEqual([
      { id: '1', body: { messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 } },
      { id: 'x', body: { messages: [{ role: 'system', content: 'be nice' }, { role: 'user', content: 'yo' }] }, expected: 'YO' },
    ]);
  });

  it('rejects bad rows naming the line', () => {
    expect(() => parseRows('{"prompt":"a"}\n{oops', 'in.jsonl')).toThrow(/^in\.jsonl:2: not valid JSON/);
    expect(() => parseRows('{"id":1,"prompt":"a"}\n{"id":"1","prompt":"b"}', 'in.jsonl')).toThrow(/in\.jsonl:2: duplicate row id "1"/);
    expect(() => parseRows('{"nothing":true}', 'in.jsonl')).toThrow(/needs "prompt"/);
  });

  it('loadDone cuts a half-written last line so appends start clean', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tk-batch-')), 'out.jsonl');
    writeFileSync(file, '{"id":"1","model":"a","ok":true}\n{"id":"2","mod');
    expect([...loadDone(file)]).toEqual(['1\u0000a']);
    expect(readFileSync(file, 'utf8')).toBe('{"id":"1","model":"a","ok":true}\n');
  });

  it('tags and progress formatting', () => {
    expect(parseTags(['exp=ab1', 'prompt=v2=x'])).toEqual({ exp: 'ab1', prompt: 'v2=x' });
    expect(() => parseTags(['nope'])).toThrow(/key=value/);
    expect(formatProgress({ done: 5, total: 20, failed: 1, costUsd: 0.01234, elapsedMs: 10_000 })).toBe(
      '[######------------------] 5/20 25% · ETA 30s · $0.0123 · 1 failed',
    );
  });
});

/** Run the CLI as a user would (tsx, a real child process), with an environment that has no keys. */
function cli(args: string[], cwd: string): ChildProcess & { stderrText: () => string; done: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  child.stdout?.resume();
  const done = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return Object.assign(child, { stderrText: () => stderr, done });
}

describe('tokligence batch (CLI)', () => {
  it('a run killed with SIGKILL mid-way, then resumed, has exactly one result per row per model', async () => {
    const fake = await startFakeUpstream({ handler: (r) => ({ ...textReply(r.body as never, `answer from ${(r.body as { model: string }).model}`), delayMs: 40 }) });
    fakes.push(fake);
    const dir = mkdtempSync(join(tmpdir(), 'tk-batch-cli-'));
    writeFileSync(join(dir, 'tokligence.yaml'), `providers:\n  lab:\n    type: openai-compatible\n    base_url: ${fake.url}/v1\n    api_key: sk-test\n`);
    const ROWS = 15;
    writeFileSync(join(dir, 'input.jsonl'), Array.from({ length: ROWS }, (_, i) => JSON.stringify({ id: `r${i}`, prompt: `Question ${i}` })).join('\n'));
    const args = ['batch', 'input.jsonl', '--model', 'lab/model-a', '--model', 'lab/model-b', '--out', 'results.jsonl', '--concurrency', '2', '--tag', 'exp=resume-test'];
    const out = join(dir, 'results.jsonl');

    const first = cli(args, dir);
    // Kill it for real once a few results are on disk.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (existsSync(out) && readFileSync(out, 'utf8').split('\n').filter(Boolean).length >= 5) break;
      if (first.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(first.exitCode).toBeNull(); // still running: the kill is mid-way
    first.kill('SIGKILL');
    await first.done;
    const partial = parseResults(readFileSync(out, 'utf8'));
    expect(partial.length).toBeGreaterThanOrEqual(5);
    expect(partial.length).toBeLessThan(ROWS * 2);
    const requestsBefore = fake.requests.length;

    const second = cli(args, dir);
    expect(await second.done).toBe(0);
    expect(second.stderrText()).toMatch(new RegExp(`${ROWS * 2 - partial.length} call\\(s\\) run, ${partial.length} already done, 0 failed`));
    expect(second.stderrText()).toMatch(/\[#+\] 30\/30 100% · ETA 0s · \$0\.0000/);

    const final = parseResults(readFileSync(out, 'utf8'));
    const keys = final.map((r) => `${r.id}/${r.model}`);
    expect(final).toHaveLength(ROWS * 2);
    expect(new Set(keys).size).toBe(ROWS * 2);
    for (let i = 0; i < ROWS; i++) for (const m of ['lab/model-a', 'lab/model-b']) expect(keys).toContain(`r${i}/${m}`);
    expect(final.every((r) => r.ok && r.tags.exp === 'resume-test')).toBe(true);
    expect(final.find((r) => r.id === 'r3' && r.model === 'lab/model-b')?.output).toBe('answer from model-b');
    expect(final[0]?.input_tokens).toBe(20);
    // The resumed run only asked for what was missing (plus at most the calls the kill cut off).
    expect(fake.requests.length - requestsBefore).toBe(ROWS * 2 - partial.length);
    expect(requestsBefore - partial.length).toBeLessThanOrEqual(2);
  }, 60_000);
});
