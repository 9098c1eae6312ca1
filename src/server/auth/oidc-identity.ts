import type { TokligenceConfig } from '../../config/index.js';
import type { Identity } from '../../core/contracts/index.js';
import { TokligenceError } from '../../core/errors.js';
import { identityOf } from '../../governance/authenticate.js';
import { DEFAULT_TENANT, type Store } from '../../store/index.js';
import { DEFAULT_ALGORITHMS, type OidcPrincipal, OidcVerifier } from './oidc.js';

const ROLE_RANK = ['admin', 'tenant_admin', 'member', 'viewer'] as const;
type Role = (typeof ROLE_RANK)[number];

/** The verifier for `gateway.auth.type: oidc`, from the config. */
export function verifierFrom(config: TokligenceConfig, fetchImpl?: typeof fetch): OidcVerifier {
  const a = config.gateway.auth;
  const o = a.oidc;
  return new OidcVerifier({
    issuer: a.oidc_provider as string,
    audiences: [a.oidc_client_id as string, ...o.audiences],
    multiFactor: a.multi_factor,
    mfaMethods: o.mfa_methods,
    algorithms: o.algorithms.length ? o.algorithms : DEFAULT_ALGORITHMS,
    clockToleranceSec: o.clock_skew,
    roleClaim: o.role_claim,
    roleMap: o.role_map,
    knownRoles: ROLE_RANK,
    defaultRole: o.default_role,
    tenantClaim: o.tenant_claim,
    jwksCacheSec: o.jwks_cache_ttl,
    timeoutSec: o.timeout,
    fetch: fetchImpl,
  });
}

/**
 * A verified token as an identity. The tenant comes from the token (with multi-tenancy it must be a
 * configured tenant: an unknown or missing one is refused, never defaulted); the role is the
 * strongest the token grants. A store user with the token's email in that tenant brings its team,
 * caps and model limits; a disabled one is refused.
 */
export async function identityFromToken(p: OidcPrincipal, config: TokligenceConfig, store?: Store): Promise<Identity> {
  const mt = config.multi_tenancy;
  let tenant = DEFAULT_TENANT;
  if (mt.enabled) {
    if (!p.tenant) throw new TokligenceError('permission', `The token names no tenant: claim "${config.gateway.auth.oidc.tenant_claim}" must hold one of ${mt.tenants.map((t) => t.name).join(', ')}`);
    if (!mt.tenants.some((t) => t.name === p.tenant)) throw new TokligenceError('permission', `Tenant "${p.tenant}" is not configured (multi_tenancy.tenants)`);
    tenant = p.tenant;
  }
  const role = ROLE_RANK.find((r) => p.roles.includes(r)) as Role;
  const user = store ? await store.users.find(p.email ?? p.subject, tenant) : undefined;
  if (user?.disabled) throw new TokligenceError('permission', `User ${user.id} is disabled`);
  if (user) {
    const team = user.teamId ? await store?.teams.get(user.teamId, tenant) : undefined;
    return { ...identityOf(user, team), role, via: 'oidc' };
  }
  return { tenant, userId: p.email ?? p.subject, role, via: 'oidc', resolved: true };
}
