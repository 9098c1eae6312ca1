// A quick build of src/ for benchmarks while working (well under a second, against minutes for
// `npm run build`): the same esbuild tsup uses, ESM, dependencies left external, no type
// declarations. Not `tsx`: its `keepNames` wraps every closure in a naming call, which skews
// profiles of code that makes closures per call. Output: bench/.tmp/quick/ (git-ignored).
//   node bench/quick-build.mjs
import { build } from 'esbuild';

const root = new URL('../', import.meta.url).pathname;
export async function quickBuild() {
  await build({
    absWorkingDir: root,
    entryPoints: {
      index: 'src/index.ts',
      'ai-sdk': 'src/integrations/ai-sdk/index.ts',
      langchain: 'src/integrations/langchain/index.ts',
      'bench-entry': 'bench/inprocess/entry.ts',
    },
    outdir: 'bench/.tmp/quick',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return `${root}bench/.tmp/quick/`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await quickBuild());
