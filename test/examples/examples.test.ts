/**
 * Every example runs, as a user would run it, in a child process with no keys in its environment
 * (only PATH and HOME), so each must work offline on the mock provider and exit 0 in bounded time.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.ts')).sort();

/** A phrase each example prints when it did its job (examples not listed only need exit 0). */
const EXPECT: Record<string, RegExp> = {
  'personal.ts': /route: mock\/mock-1 ok/,
  'coder.ts': /Claude Code sees: Bash returned: hello from the gateway/,
  'agent.ts': /step 2: stop get_weather returned/,
  'team.ts': /over budget: 429 retry-after \d+ .*Budget exceeded: the daily budget of user usr_/,
  'enterprise.ts': /after drain \/readyz: 503/,
  'security.ts': /prompt injection: 400 — /,
  'langchain.ts': /tool: It is sunny/,
  'ai-sdk.ts': /object: \{ name: 'Ada Lovelace'/,
  'chat-completions.ts': /Mock answer to: Say hello/,
  'call-metadata.ts': /second call: cache hit, usage/,
  'sdk-helpers.ts': /round trip: message_start … message_stop/,
};

function run(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', TSX, join(ROOT, 'examples', file)],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, timeout: 60_000, maxBuffer: 8 * 1024 * 1024 },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('examples (offline smoke tests)', () => {
  it('has one example per profile plus the adapters', () => {
    for (const name of ['personal', 'coder', 'agent', 'team', 'enterprise', 'security', 'langchain', 'ai-sdk']) expect(examples).toContain(`${name}.ts`);
  });

  it.concurrent.each(examples)('%s exits 0', async (file) => {
    const { code, stdout, stderr } = await run(file);
    expect(code, `${file} failed:\n${stderr.slice(-2000)}`).toBe(0);
    const want = EXPECT[file];
    if (want) expect(stdout).toMatch(want);
  }, 90_000);
});
