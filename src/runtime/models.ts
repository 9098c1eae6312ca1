import type { Runtime } from './runtime.js';

/** The model names a caller can use: configured aliases (globs left out) and each provider's listed models. */
export function modelIds(runtime: Pick<Runtime, 'config' | 'providers'>): string[] {
  const ids = new Set<string>();
  for (const alias of Object.keys(runtime.config.models ?? {})) if (!/[*?[]/.test(alias)) ids.add(alias);
  for (const p of runtime.providers.values()) for (const m of p.models()) ids.add(`${p.name}/${m}`);
  return [...ids];
}

