/**
 * Builds the admin console (ui/) into dist/console/: one script and one stylesheet, minified,
 * named by content hash, and the page that loads them. Run by `npm run build` (`tsx
 * scripts/build-console.ts [outdir]`); the gateway serves the result at /ui, and the browser tests
 * build it into a temporary directory with `buildConsole`.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BuiltFile {
  file: string;
  bytes: number;
  gzip: number;
}

/** Build into `outdir`; returns the files written and their sizes (bytes, and gzipped). */
export async function buildConsole(outdir = join(root, 'dist', 'console')): Promise<BuiltFile[]> {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: { app: join(root, 'ui', 'src', 'main.tsx') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome111', 'firefox111', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir,
    entryNames: '[name]-[hash]',
    metafile: true,
    // Licence headers of preact and chart.js stay in the bundle (both MIT), a few hundred bytes.
    legalComments: 'eof',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((p) => resolve(root, p));
  const js = outputs.find((p) => p.endsWith('.js')) as string;
  const css = outputs.find((p) => p.endsWith('.css')) as string;
  const name = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const page = readFileSync(join(root, 'ui', 'index.html'), 'utf8')
    .replace('%SCRIPT%', `/ui/assets/${name(js)}`)
    .replace('%STYLE%', `/ui/assets/${name(css)}`);
  writeFileSync(join(outdir, 'index.html'), page);
  const files = [join(outdir, 'index.html'), ...outputs].map((p) => {
    const body = readFileSync(p);
    return { file: name(p), bytes: statSync(p).size, gzip: gzipSync(body, { level: 9 }).length };
  });
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await buildConsole(process.argv[2] ? resolve(process.argv[2]) : undefined);
  const total = files.reduce((n, f) => n + f.bytes, 0);
  const gz = files.reduce((n, f) => n + f.gzip, 0);
  for (const f of files) console.log(`  ${f.file.padEnd(32)} ${(f.bytes / 1024).toFixed(1).padStart(7)} KB  (${(f.gzip / 1024).toFixed(1)} KB gzipped)`);
  console.log(`console: ${(total / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped`);
}
