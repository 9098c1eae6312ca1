/**
 * Issue 7, Security 5: supply chain. The published package runs nothing on install and ships only
 * what it should: dist/, profiles/, README.md, LICENSE and package.json (checked on the real
 * `npm pack --dry-run --json` file list).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string>; license?: string; files?: string[] };

/** npm runs these on `npm install` of the package (or of a git dependency on it). */
const INSTALL_HOOKS = ['preinstall', 'install', 'postinstall', 'preuninstall', 'uninstall', 'postuninstall', 'prepare', 'prepublish'];

describe('supply chain', () => {
  it('package.json has no install-time scripts', () => {
    const hooks = Object.keys(pkg.scripts ?? {}).filter((s) => INSTALL_HOOKS.includes(s));
    expect(hooks).toEqual([]);
    // And no native build that would run at install time.
    expect(existsSync(join(ROOT, 'binding.gyp'))).toBe(false);
  });

  it('the licence is shipped and matches package.json', () => {
    expect(pkg.license).toBe('Apache-2.0');
    const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(text).toContain('Apache License');
    expect(text).toContain('Version 2.0, January 2004');
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });

  it('`npm pack` contains only dist/, profiles/, README.md, LICENSE and package.json', { timeout: 120_000 }, () => {
    if (!existsSync(join(ROOT, 'dist', 'index.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const [report] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
    const paths = report.files.map((f) => f.path);
    const stray = paths.filter((p) => !/^(dist|profiles)\//.test(p) && !['README.md', 'LICENSE', 'package.json'].includes(p));
    expect(stray).toEqual([]);
    for (const must of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/server/index.js', 'dist/cli/index.js']) expect(paths).toContain(must);
    expect(paths.some((p) => p.startsWith('profiles/') && p.endsWith('.yaml'))).toBe(true);
    // Nothing that smells of a secret or of local state, whatever `files` says.
    expect(paths.filter((p) => /(^|\/)(\.env|\.npmrc|.*\.pem|.*\.key|id_rsa|.*\.db|.*\.sqlite)$/.test(p))).toEqual([]);
  });
});
