/** The Node built-ins the core may use when the runtime has them. */
interface Builtins {
  crypto: typeof import('node:crypto');
  dns: typeof import('node:dns');
  fs: typeof import('node:fs');
  http: typeof import('node:http');
  os: typeof import('node:os');
  path: typeof import('node:path');
  url: typeof import('node:url');
  zlib: typeof import('node:zlib');
}

/**
 * A Node built-in where the runtime has one (Node ≥ 20.16, Bun, Deno), else undefined (workerd,
 * browsers). `process.getBuiltinModule` is a plain function call: bundlers see no `node:` import
 * and no `require`, so the core bundles for any platform, and each caller has a fallback.
 */
export function nodeBuiltin<K extends keyof Builtins>(name: K): Builtins[K] | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return proc?.getBuiltinModule?.(`node:${name}`) as Builtins[K] | undefined;
  } catch {
    return undefined;
  }
}

/** Node itself, not Bun or Deno (which also set `process.versions.node`) nor workerd. */
export function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process;
  const v = proc?.versions;
  return !!v?.node && !v.bun && !v.deno && (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent !== 'Cloudflare-Workers';
}
