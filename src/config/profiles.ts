import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors.js';

/** The six built-in profiles, in the order the docs present them. */
export const PROFILE_NAMES = ['personal', 'coder', 'agent', 'team', 'enterprise', 'security'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * This module's directory, in every build: CJS has `__dirname` (tsup's shim gives ESM
 * `import.meta.url`); the `typeof` guard keeps ESM from a ReferenceError.
 */
function moduleDir(): string {
  if (typeof __dirname !== 'undefined') return __dirname;
  return dirname(fileURLToPath(import.meta.url));
}

let cachedRoot: string | undefined;

/**
 * The package root: the nearest ancestor of this module holding `profiles/personal.yaml`. Works
 * from `src/config/` (tsx, vitest) and from `dist/` (bundled ESM and CJS) alike.
 */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = moduleDir();
  for (;;) {
    if (existsSync(join(dir, 'profiles', 'personal.yaml'))) return (cachedRoot = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new ConfigError(`cannot find the built-in profiles: no profiles/personal.yaml above ${moduleDir()}`);
    dir = parent;
  }
}

/** The built-in profile names: the six first, in their documented order, then any others. */
export function listProfiles(): string[] {
  const present = readdirSync(join(packageRoot(), 'profiles'))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length));
  const known = PROFILE_NAMES.filter((name) => present.includes(name));
  return [...known, ...present.filter((name) => !(PROFILE_NAMES as readonly string[]).includes(name)).sort()];
}

/** The file of a built-in profile; a ConfigError listing the profiles if there is none by that name. */
export function profilePath(name: string): string {
  const file = join(packageRoot(), 'profiles', `${name}.yaml`);
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name) || !existsSync(file))
    throw new ConfigError(`unknown profile "${name}": choose one of ${listProfiles().join(', ')}`);
  return file;
}
