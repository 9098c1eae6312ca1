import { ConfigError } from '../core/errors.js';
import { nodeBuiltin } from '../core/node-builtins.js';
import { BUILTIN_PROFILES } from './builtin-profiles.js';

/** The six built-in profiles, in the order the docs present them. */
export const PROFILE_NAMES = ['personal', 'coder', 'agent', 'team', 'enterprise', 'security'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const VALID_NAME = /^[a-z0-9][a-z0-9_-]*$/i;

/**
 * This module's directory where there is a file system (Node, Bun, Deno): CJS has `__dirname`, ESM
 * `import.meta.url`. Undefined in a runtime without modules on disk (workerd, a browser).
 */
function moduleDir(): string | undefined {
  if (typeof __dirname !== 'undefined') return __dirname;
  const url = nodeBuiltin('url');
  try {
    return url && import.meta.url?.startsWith('file:') ? url.fileURLToPath(new URL('.', import.meta.url)) : undefined;
  } catch {
    return undefined;
  }
}

let cachedRoot: string | null | undefined;

/**
 * The package root on disk: the nearest ancestor of this module holding `profiles/personal.yaml`
 * (from `src/config/` under tsx/vitest, from `dist/` in the package); null when there is none (a
 * bundled app, an edge runtime), where the profiles embedded in the build are used.
 */
export function packageRootOrNull(): string | null {
  if (cachedRoot !== undefined) return cachedRoot;
  const fs = nodeBuiltin('fs');
  const path = nodeBuiltin('path');
  const start = moduleDir();
  if (!fs || !path || !start) return (cachedRoot = null);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (exists(fs, path.join(dir, 'profiles', 'personal.yaml'))) return (cachedRoot = dir);
    if (path.dirname(dir) === dir) return (cachedRoot = null);
  }
}

/** The package root; a ConfigError where the profiles are not on disk (they are still embedded). */
export function packageRoot(): string {
  const root = packageRootOrNull();
  if (root === null) throw new ConfigError(`cannot find the built-in profiles on disk: no profiles/personal.yaml above ${moduleDir() ?? 'this module'}`);
  return root;
}

/** The built-in profile names: the six first, in their documented order, then any others. */
export function listProfiles(): string[] {
  const present = new Set(Object.keys(BUILTIN_PROFILES));
  const root = packageRootOrNull();
  const fs = nodeBuiltin('fs');
  const path = nodeBuiltin('path');
  if (root && fs && path)
    for (const file of fs.readdirSync(path.join(root, 'profiles'))) if (file.endsWith('.yaml')) present.add(file.slice(0, -'.yaml'.length));
  const known = PROFILE_NAMES.filter((name) => present.has(name));
  return [...known, ...[...present].filter((name) => !(PROFILE_NAMES as readonly string[]).includes(name)).sort()];
}

/**
 * A built-in profile's YAML and where it came from. The package's `profiles/<name>.yaml` on disk
 * wins when there is one (edit it, or add a profile there); else the copy embedded in the build.
 */
export function profileSource(name: string): { text: string; origin: string } {
  if (!VALID_NAME.test(name)) throw unknownProfile(name);
  const file = profileFile(name);
  if (file) return { text: nodeBuiltin('fs')!.readFileSync(file, 'utf8'), origin: file };
  const text = BUILTIN_PROFILES[name];
  if (text === undefined || !Object.hasOwn(BUILTIN_PROFILES, name)) throw unknownProfile(name);
  return { text, origin: `built-in profile ${name}` };
}

/** The file of a built-in profile on disk; a ConfigError if there is none by that name. */
export function profilePath(name: string): string {
  const file = VALID_NAME.test(name) ? profileFile(name) : undefined;
  if (!file) throw unknownProfile(name);
  return file;
}

function profileFile(name: string): string | undefined {
  const root = packageRootOrNull();
  const fs = nodeBuiltin('fs');
  const path = nodeBuiltin('path');
  if (!root || !fs || !path) return undefined;
  const file = path.join(root, 'profiles', `${name}.yaml`);
  return exists(fs, file) ? file : undefined;
}

function unknownProfile(name: string): ConfigError {
  return new ConfigError(`unknown profile "${name}": choose one of ${listProfiles().join(', ')}`);
}

/** `existsSync`, false where reading is not allowed (Deno without --allow-read). */
function exists(fs: NonNullable<ReturnType<typeof nodeBuiltin<'fs'>>>, file: string): boolean {
  try {
    return fs.existsSync(file);
  } catch {
    return false;
  }
}
