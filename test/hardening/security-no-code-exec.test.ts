/**
 * Issue 7, Security 4: no code execution from input. Nothing in src/ (the CLI included: `batch`
 * and `compare` read files, they never spawn) or in the built dist/ may spawn a process or
 * evaluate code: no `child_process`, `eval(`, `new Function`, `node:vm`, `process.binding`, and no
 * dynamic `import()` of a name that is not a string literal (the one optional-package loader is
 * checked to be called with literals only).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

const FORBIDDEN: Array<[string, RegExp]> = [
  ['child_process', /\bchild_process\b/],
  ['eval(', /(^|[^\w.$])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['Function(...) constructor', /(^|[^\w.$])Function\s*\(\s*['"`]/],
  ['node:vm', /['"](node:)?vm['"]/],
  ['process.binding', /\bprocess\.(binding|dlopen)\s*\(/],
  ['string timers', /\bset(Timeout|Interval|Immediate)\s*\(\s*['"`]/],
];

/** A dynamic import whose specifier is not a literal (comments stripped first). */
const DYNAMIC_IMPORT = /(^|[^\w.$])import\s*\(\s*(?!['"`])/;

function files(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => ext.test(f) && !f.includes('node_modules'))
    .map((f) => join(dir, f));
}

/** Strip comments so prose ("never eval(") does not count; strings stay (an import name is one). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** Every forbidden construct in a source text, as `name` strings. */
function violations(text: string): string[] {
  const src = code(text);
  const found = FORBIDDEN.filter(([, re]) => re.test(src)).map(([name]) => name);
  if (DYNAMIC_IMPORT.test(src.replace(/typeof\s+import\s*\(/g, ''))) found.push('dynamic import()');
  return found;
}

describe('no code execution from input', () => {
  it('the scanner itself catches each construct (so a pass means something)', () => {
    for (const sample of [
      "import { spawn } from 'node:child_process';",
      'const r = eval(body.code);',
      'const f = new Function("a", body.code);',
      "const vm = require('vm');",
      'await import(body.module);',
      'setTimeout("doIt()", 1)',
      "const g = Function('return this')();",
    ])
      expect(violations(sample), sample).not.toEqual([]);
    expect(violations('// never eval(x) or new Function\nconst x = retrieval(y); const t = typeof import("a");')).toEqual([]);
  });

  it('no file in src/ (request paths and the CLI) spawns or evaluates', () => {
    const sources = files(join(ROOT, 'src'), /\.ts$/);
    expect(sources.length).toBeGreaterThan(100);
    const bad: string[] = [];
    for (const file of sources) {
      let found = violations(readFileSync(file, 'utf8'));
      // The ONNX detector's optional-package loader takes a variable, by design; its callers must pass literals.
      if (file.endsWith(join('security', 'onnx-detector.ts')) && found.includes('dynamic import()')) {
        const text = code(readFileSync(file, 'utf8'));
        const calls = [...text.matchAll(/optionalImport(?:<[^>]*>)?\(\s*([^,)]+)/g)].map((m) => m[1].trim());
        expect(calls.length).toBeGreaterThan(0);
        for (const arg of calls.filter((a) => !a.includes(':'))) expect(arg, 'optionalImport must be called with a string literal').toMatch(/^['"][\w@/.-]+['"]$/);
        found = found.filter((f) => f !== 'dynamic import()');
      }
      if (found.length) bad.push(`${relative(ROOT, file)}: ${found.join(', ')}`);
    }
    expect(bad).toEqual([]);
  });

  it('the built dist/ (what users run) has none either', () => {
    const built = files(join(ROOT, 'dist'), /\.(c?js)$/);
    if (built.length === 0) return; // not built in this checkout; the package test builds it
    const bad = built.filter((f) => FORBIDDEN.some(([, re]) => re.test(code(readFileSync(f, 'utf8'))))).map((f) => relative(ROOT, f));
    expect(bad).toEqual([]);
  });
});
