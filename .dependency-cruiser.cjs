/**
 * The layer rules of ARCHITECTURE.md, checked in CI (`npm run lint:layers`). Each folder of src/ may
 * import only folders below it in LAYERS; dialects never import one another; no cycles.
 */
const LAYERS = [
  ['index', 'client', 'cli'],
  ['server'],
  ['integrations'],
  ['facades', 'batch'],
  ['runtime'],
  ['pipeline'],
  ['governance'],
  ['audit'],
  ['routing'],
  ['providers'],
  ['dialects'],
  ['security', 'cache', 'sessions', 'store', 'tokens'],
  ['config'],
  ['core'],
];

/** `src/<name>` as a folder or a top-level file (`src/client.ts`). */
const at = (name) => `^src/${name}(/|\\.ts$)`;
const any = (names) => `^src/(${names.join('|')})(/|\\.ts$)`;

const layerRules = LAYERS.flatMap((layer, i) => {
  const above = LAYERS.slice(0, i).flat();
  const siblings = (name) => layer.filter((n) => n !== name);
  return layer.flatMap((name) => [
    ...(above.length
      ? [
          {
            name: `${name}-imports-upward`,
            comment: `src/${name} sits below ${above.join(', ')} and must not import them (ARCHITECTURE.md)`,
            severity: 'error',
            from: { path: at(name) },
            to: { path: any(above) },
          },
        ]
      : []),
    ...(siblings(name).length && !['index', 'client', 'cli'].includes(name)
      ? [
          {
            name: `${name}-imports-sibling`,
            comment: `src/${name} must not import its sibling layers ${siblings(name).join(', ')}`,
            severity: 'error',
            from: { path: at(name) },
            to: { path: any(siblings(name)) },
          },
        ]
      : []),
  ]);
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'dialect-imports-dialect',
      comment: 'a dialect codec never imports another dialect (shared logic lives in dialects/shared)',
      severity: 'error',
      from: { path: '^src/dialects/([^/]+)/' },
      to: { path: '^src/dialects/([^/]+)/', pathNot: ['^src/dialects/$1/', '^src/dialects/shared/'] },
    },
    {
      name: 'contracts-import-only-core',
      comment: 'core/contracts holds types every layer shares: it imports nothing outside core',
      severity: 'error',
      from: { path: '^src/core/contracts/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
