/**
 * Issue 19, item 5: every TypeScript block in README.md is what a user would paste. Each block is
 * written to a file of its own (so it must import what it uses), type-checked with `tsc --strict`
 * (module resolution Bundler, `tokligence` and its subpaths mapped to src/), then run in a child
 * process with no keys in its environment: each must work offline on the mock and exit 0.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** The ```ts blocks of the README, with the line each starts on. */
function tsBlocks(markdown: string): Array<{ line: number; code: string }> {
  const blocks: Array<{ line: number; code: string }> = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].startsWith('```')) end++;
    blocks.push({ line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

const blocks = tsBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
const file = (i: number) => `block-${i + 1}.ts`;
let dir: string;

function exec(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: dir, env, timeout: 120_000, maxBuffer: 8 * 1024 * 1024 }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

beforeAll(() => {
  // Inside the repository (gitignored .cache/) so the blocks' other imports (ai, zod, …) resolve
  // from its node_modules; not under node_modules/ itself, where tsx ignores tsconfig paths.
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  dir = mkdtempSync(join(ROOT, '.cache/readme-'));
  for (const [i, b] of blocks.entries()) writeFileSync(join(dir, file(i)), `${b.code}\nexport {};\n`);
  // ES modules, as in a user's `"type": "module"` project (the blocks use top-level await); its own
  // package scope, so `tokligence` is only what the paths below say (no self-reference to the root).
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  const src = (p: string) => [join(ROOT, 'src', p)];
  const compilerOptions = {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    types: ['node'],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    paths: {
      tokligence: src('index.ts'),
      'tokligence/server': src('server/index.ts'),
      'tokligence/security': src('security/index.ts'),
      'tokligence/langchain': src('integrations/langchain/index.ts'),
      'tokligence/ai-sdk': src('integrations/ai-sdk/index.ts'),
    },
  };
  // tsc and tsx both read this file (tsx from the working directory) for the `tokligence` paths.
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: blocks.map((_, i) => file(i)) }, null, 2));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** tsc's `block-N.ts(l,c)` as the README line it came from. */
const readmeLines = (out: string) =>
  out.replace(/block-(\d+)\.ts\((\d+),(\d+)\)/g, (_, n, l, c) => `README.md:${blocks[Number(n) - 1].line + Number(l) - 1}:${c}`);

describe('README TypeScript blocks', () => {
  it('has the blocks this test is about', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it('every block type-checks on its own (strict)', async () => {
    const { code, out } = await exec([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { PATH: process.env.PATH ?? '' });
    expect(code, readmeLines(out)).toBe(0);
  }, 180_000);

  it.concurrent.each(blocks.map((b, i) => [b.line, i] as const))('the block at README.md:%i runs offline on the mock', async (_line, i) => {
    // No keys: only PATH, and a HOME of its own (the team profile's store and spool live there).
    const { code, out } = await exec(['--import', TSX, file(i)], { PATH: process.env.PATH ?? '', HOME: dir });
    expect(code, out.slice(-3000)).toBe(0);
  }, 120_000);
});
