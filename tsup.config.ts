import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

/** The public entries: each is one `exports` subpath in package.json. */
const entry = {
  index: 'src/index.ts',
  'server/index': 'src/server/index.ts',
  'langchain/index': 'src/integrations/langchain/index.ts',
  'ai-sdk/index': 'src/integrations/ai-sdk/index.ts',
  'security/index': 'src/security/index.ts',
};

const require = createRequire(import.meta.url);

/**
 * Dependencies built into the package rather than resolved in the user's node_modules:
 * - `yaml`: its Node build is CommonJS that `require`s `process`, which an ESM bundle of the user's
 *   app cannot do ("Dynamic require of \"process\""); its ESM build (the one it gives browsers)
 *   has no such line and runs on Node as well.
 * - `libphonenumber-js`: the core and one metadata file, imported statically by the phone
 *   recognizer; the metadata becomes one `JSON.parse` of a string (≈1 ms to load, where the
 *   object literal took ≈12 ms).
 */
const inlineDeps: Plugin = {
  name: 'tokligence-inline-deps',
  setup(build) {
    const yamlBrowser = join(dirname(require.resolve('yaml/package.json')), 'browser', 'index.js');
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: yamlBrowser }));
    build.onLoad({ filter: /libphonenumber-js[\\/]metadata\.\w+\.json\.js$/ }, (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(readFileSync(args.path.replace(/\.js$/, ''), 'utf8').trim())});`,
      loader: 'js',
    }));
  },
};

const shared: Options = {
  // The adapters' frameworks are the user's (peer dependencies), never bundled.
  external: [/^@langchain\//, /^langchain(\/|$)/, /^ai(\/|$)/, /^@ai-sdk\//],
  // p-retry is ESM-only; bundling it (a few KB) keeps `require('tokligence')` working without
  // esbuild's ESM-in-CJS interop turning its default export into a namespace.
  noExternal: ['p-retry', 'is-network-error', 'yaml', /^libphonenumber-js(\/|$)/],
  esbuildPlugins: [inlineDeps],
  // No source maps in the package: they were two thirds of the tarball (issue 19).
  sourcemap: false,
  target: 'node20',
  // Keep `node:` on built-in imports: edge bundlers (wrangler, esbuild for workerd) key on it.
  removeNodeProtocol: false,
  // No shims: they add static `path`/`url` imports to the ESM build (profiles.ts copes with both formats).
  shims: false,
  // One copy of every module per format: the entries share chunks, in CommonJS too, so
  // `require('tokligence')` and `require('tokligence/server')` see the same classes.
  splitting: true,
  dts: { entry },
};

export default defineConfig([
  // ESM, plus the CLI (ESM only: `bin` runs it with node, nobody requires it).
  { ...shared, entry: { ...entry, 'cli/index': 'src/cli/index.ts' }, format: ['esm'] },
  {
    ...shared,
    entry,
    format: ['cjs'],
    // CommonJS chunks are made from ESM ones and would keep `import.meta` (a syntax error in a
    // script); profiles.ts takes `__dirname` there.
    esbuildOptions(options) {
      options.define = { ...options.define, 'import.meta.url': 'undefined' };
    },
  },
]);
