import type { TokligenceConfig } from '../config/index.js';

/** The separator of a tenant's own provider and alias names (`engineering.own`, `engineering::smart`). */
export const TENANT_PROVIDER = (tenant: string, provider: string) => `${tenant}.${provider}`;
export const TENANT_ALIAS = (tenant: string, alias: string) => `${tenant}::${alias}`;

/**
 * The config routing sees: the global providers and aliases plus each tenant's own, under names
 * qualified by the tenant (`<tenant>.<provider>`, `<tenant>::<alias>`). A tenant's alias targets
 * naming one of its own providers point at the qualified name. The tenancy middleware rewrites a
 * call's model to its tenant's alias and refuses a model naming another tenant's provider or alias.
 */
export function routingConfig(config: TokligenceConfig): TokligenceConfig {
  const mt = config.multi_tenancy;
  if (!mt.enabled || !mt.tenants.some((t) => t.providers || t.models)) return config;
  const providers = { ...config.providers };
  const models = { ...config.models };
  for (const t of mt.tenants) {
    const own = new Set(Object.keys(t.providers ?? {}));
    for (const [name, p] of Object.entries(t.providers ?? {})) providers[TENANT_PROVIDER(t.name, name)] = p as (typeof providers)[string];
    const qualify = (target: string) => {
      const slash = target.indexOf('/');
      return slash > 0 && own.has(target.slice(0, slash)) ? `${TENANT_PROVIDER(t.name, target.slice(0, slash))}${target.slice(slash)}` : target;
    };
    for (const [alias, target] of Object.entries(t.models ?? {}))
      models[TENANT_ALIAS(t.name, alias)] = (Array.isArray(target) ? target.map((x) => qualify(typeof x === 'string' ? x : x.target)) : qualify(typeof target === 'string' ? target : target.target)) as (typeof models)[string];
  }
  return { ...config, providers, models };
}

/**
 * Whether a provider or alias name is one the caller's tenant may see and use: global names, and
 * its own qualified ones; another configured tenant's (`<other>.<provider>`, `<other>::<alias>`)
 * are not (strict isolation: as if they did not exist).
 */
export function visibleToTenant(config: TokligenceConfig, tenant: string | undefined, name: string): boolean {
  const mt = config.multi_tenancy;
  if (!mt.enabled) return true;
  const alias = name.indexOf('::');
  const owner = alias > 0 ? name.slice(0, alias) : name.includes('.') ? name.slice(0, name.indexOf('.')) : undefined;
  if (owner === undefined || !mt.tenants.some((t) => t.name === owner)) return true;
  return owner === (tenant ?? 'default');
}
