import type { Runtime } from './runtime.js';
import { visibleToTenant } from './tenants.js';

/**
 * The model names a caller can use: configured aliases (globs left out) and each provider's listed
 * models, as the caller's tenant sees them (multi_tenancy: its own aliases by their plain name, its
 * own providers, never another tenant's).
 */
export function modelIds(runtime: Pick<Runtime, 'config' | 'providers'>, tenant?: string): string[] {
  const ids = new Set<string>();
  const { config } = runtime;
  for (const alias of Object.keys(config.models ?? {})) if (!/[*?[]/.test(alias)) ids.add(alias);
  // A tenant's own aliases are called by their plain name (the tenancy middleware qualifies them).
  const own = config.multi_tenancy.enabled ? config.multi_tenancy.tenants.find((t) => t.name === (tenant ?? 'default'))?.models : undefined;
  for (const alias of Object.keys(own ?? {})) if (!/[*?[]/.test(alias)) ids.add(alias);
  for (const p of runtime.providers.values()) if (visibleToTenant(config, tenant, p.name)) for (const m of p.models()) ids.add(`${p.name}/${m}`);
  return [...ids];
}

