import { defineConfig, type Options } from 'tsup';

const entry = {
  index: 'src/index.ts',
  'server/index': 'src/server/index.ts',
  'cli/index': 'src/cli/index.ts',
  'langchain/index': 'src/integrations/langchain/index.ts',
  'ai-sdk/index': 'src/integrations/ai-sdk/index.ts',
  'security/index': 'src/security/index.ts',
};

/** Everything but the CLI has public types. */
const typedEntries = Object.fromEntries(Object.entries(entry).filter(([k]) => k !== 'cli/index'));

const shared: Options = {
  entry,
  // The adapters' frameworks are the user's (peer dependencies), never bundled.
  external: [/^@langchain\//, /^langchain(\/|$)/, /^ai(\/|$)/, /^@ai-sdk\//],
  // p-retry is ESM-only; bundling it (a few KB) keeps `require('tokligence')` working without
  // esbuild's ESM-in-CJS interop turning its default export into a namespace.
  noExternal: ['p-retry', 'is-network-error'],
  sourcemap: true,
  target: 'node20',
  shims: true,
};

export default defineConfig([
  // ESM: entries share chunks, so importing tokligence and tokligence/server loads one copy.
  {
    ...shared,
    format: ['esm'],
    splitting: true,
    dts: { entry: typedEntries },
  },
  { ...shared, format: ['cjs'], splitting: false, dts: { entry: typedEntries } },
]);
