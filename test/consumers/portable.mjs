// The core entries bundle for a platform without Node built-ins (issue 19, item 8): esbuild with
// platform "neutral" over the installed package; any `node:` import reachable from them fails.
// Only optional modules loaded lazily on Node (the undici pool, the SDK transport, Redis, SQLite,
// Postgres, prom-client, the OpenTelemetry SDK) may stay unresolved. Run from the consumer project: node portable.mjs ESBUILD
const [esbuildPath] = process.argv.slice(2);
const { build } = await import(esbuildPath);
const OPTIONAL = ['undici', 'openai', '@anthropic-ai/sdk', 'ioredis', 'better-sqlite3', 'pg', 'prom-client', '@opentelemetry'];
let failed = 0;
for (const entry of ['tokligence', 'tokligence/server', 'tokligence/security']) {
  const r = await build({
    stdin: { contents: `export * from '${entry}';`, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'esm',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser'],
    external: OPTIONAL.flatMap((m) => [m, `${m}/*`]),
    metafile: true,
    logLevel: 'silent',
  }).catch((err) => err);
  const problems = (r.errors ?? []).map((e) => `${e.text} (${e.location?.file ?? '?'})`);
  if (!problems.length)
    for (const [file, meta] of Object.entries(r.metafile.inputs))
      for (const i of meta.imports) if (i.external && !OPTIONAL.some((m) => i.path === m || i.path.startsWith(`${m}/`))) problems.push(`${i.path} imported by ${file}`);
  console.log(`${problems.length ? 'FAIL' : 'ok  '} portable: ${entry} bundles for platform neutral${problems.length ? `:\n  ${problems.join('\n  ')}` : ''}`);
  failed += problems.length ? 1 : 0;
}
console.log(`portable: ${3 - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
