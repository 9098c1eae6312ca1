import type { Identity, ModelScope } from '../core/contracts/index.js';
import { sha256 as sha256Bytes, timingSafeEqual } from '../core/crypto.js';
import { TokligenceError } from '../core/errors.js';
import { dependencyUnavailable, type FailureMode, PartDownError } from '../core/health.js';
import { type ApiKey, DEFAULT_TENANT, type Store, type Team, type User } from '../store/index.js';
import { extractApiKey, type HeaderSource, keyMatches, keyPrefix } from './api-keys.js';

const MISSING = 'Missing API key: send it as `x-api-key`, `Authorization: Bearer` or `x-goog-api-key`';
const INVALID = 'Invalid API key';

type Owned = NonNullable<Awaited<ReturnType<Store['keys']['withOwner']>>> & { degraded?: boolean };

/** Managed keys remembered by prefix (only found ones: a miss is read again). */
const CACHED_KEYS = 10_000;

export interface AuthFailureOptions {
  /** `failure_modes.auth`. */
  mode: FailureMode;
  /** `failure_modes.auth_cache_ttl` in ms: how long after the store last vouched for a key it is accepted from memory while the store is away. */
  cacheTtlMs: number;
}

/**
 * Who a request is: a key from the config (`gateway.auth.keys`, `TOKLIGENCE_API_KEYS`), kept as
 * SHA-256 digests, or a managed key from the store, found by its prefix. Store reads are cached
 * under the store's identity version, which every write to users, teams or keys changes (here, or
 * in another process: SQLite's data_version, PostgreSQL's LISTEN/NOTIFY), so a revocation, a
 * disabled user or an edited team takes effect at once; expiry is checked on every request. Every
 * comparison is constant-time; no key or hash ever reaches an error message.
 *
 * While the store is away, config keys work as ever; a managed key is refused with a 503
 * (`failure_modes.auth: fail_closed`), or (`fail_open`) accepted from the cache when the store
 * vouched for it within `auth_cache_ttl` (revocation, expiry and a disabled user are checked on
 * what was cached; a change made meanwhile is seen once the store is back). Such an identity
 * carries `degraded: ['auth']`.
 */
export class Authenticator {
  private readonly digests: Array<{ name: string; digest: Uint8Array }>;
  private readonly cache = new Map<string, { version: number; found: Owned; at: number }>();

  constructor(
    configKeys: ReadonlyArray<{ name: string; key: string }>,
    private readonly store?: Store,
    private readonly now: () => number = Date.now,
    private readonly failure: AuthFailureOptions = { mode: 'fail_closed', cacheTtlMs: 0 },
  ) {
    this.digests = configKeys.filter((k) => k.key).map((k) => ({ name: k.name, digest: sha256(k.key) }));
  }

  /** Whether any key could be accepted at all (no config key and no store: every request is refused). */
  get hasKeys(): boolean {
    return this.digests.length > 0 || this.store !== undefined;
  }

  /** The identity for a request's headers; throws a 401 (`authentication`) or 403 (`permission`). */
  async authenticate(headers: HeaderSource, queryKey?: string): Promise<Identity> {
    const presented = extractApiKey(headers, queryKey);
    if (!presented) throw new TokligenceError('authentication', MISSING);
    const digest = sha256(presented);
    // Compare against every config key, found or not: the time taken does not say which matched.
    let name: string | undefined;
    for (const d of this.digests) if (timingSafeEqual(d.digest, digest) && name === undefined) name = d.name;
    if (name !== undefined) return { tenant: DEFAULT_TENANT, userId: name, keyName: name, role: 'member', via: 'config_key' };
    const prefix = this.store ? keyPrefix(presented) : undefined;
    if (!prefix || !this.store) throw new TokligenceError('authentication', INVALID);
    const found = await this.owned(this.store, prefix);
    if (!found || !keyMatches(presented, found.key.hash)) throw new TokligenceError('authentication', INVALID);
    const { key, user, team } = found;
    if (key.revokedAt !== undefined) throw new TokligenceError('authentication', `API key ${key.id} was revoked`);
    if (key.expiresAt !== undefined && key.expiresAt <= this.now())
      throw new TokligenceError('authentication', `API key ${key.id} expired at ${new Date(key.expiresAt).toISOString()}`);
    if (user.disabled) throw new TokligenceError('permission', `User ${user.id} is disabled`);
    const identity: Identity = { ...identityOf(user, team, key), via: 'api_key' };
    return found.degraded ? { ...identity, degraded: ['auth'] } : identity;
  }

  /** The key with its user and team: from the cache while the identity version holds, else read. */
  private async owned(store: Store, prefix: string): Promise<Owned | undefined> {
    const version = store.identityVersion();
    const hit = this.cache.get(prefix);
    const t = this.now();
    if (hit && hit.version === version) {
      hit.at = t;
      return hit.found;
    }
    let found: Owned | undefined;
    try {
      found = await store.keys.withOwner(prefix);
    } catch (err) {
      if (!(err instanceof PartDownError)) throw err;
      // The store is away: what it last said about this key, within auth_cache_ttl (fail_open), or a 503.
      if (this.failure.mode === 'fail_open' && hit && t - hit.at <= this.failure.cacheTtlMs) return { ...hit.found, degraded: true };
      throw dependencyUnavailable('The API key cannot be checked', err, 'failure_modes.auth');
    }
    if (!found) return undefined;
    if (this.cache.size >= CACHED_KEYS) this.cache.clear();
    // The version read before the store: a change in between leaves the entry already stale.
    this.cache.set(prefix, { version, found, at: t });
    return found;
  }
}

/** A store user (with team and key) as an identity: ids, model scopes (key ∩ user ∩ team) and caps. */
export function identityOf(user: User, team: Team | undefined, key?: ApiKey): Identity {
  const scopes: ModelScope[] = [];
  if (key?.models) scopes.push({ scope: 'key', id: key.id, models: key.models });
  if (user.models) scopes.push({ scope: 'user', id: user.id, models: user.models });
  if (team?.models) scopes.push({ scope: 'team', id: team.id, models: team.models });
  const limits = Object.fromEntries(
    Object.entries({
      userDaily: user.dailyBudget,
      userMonthly: user.monthlyBudget,
      teamDaily: team?.dailyBudget,
      teamMonthly: team?.monthlyBudget,
      keyDaily: key?.dailyBudget,
      keyMonthly: key?.monthlyBudget,
    }).filter(([, v]) => v !== undefined),
  );
  return {
    tenant: user.tenant,
    userId: user.id,
    role: user.role ?? 'member',
    ...(team ? { teamId: team.id } : {}),
    ...(key ? { keyId: key.id } : {}),
    ...(scopes.length ? { modelScopes: scopes } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
    resolved: true,
  };
}

function sha256(s: string): Uint8Array {
  return sha256Bytes(s);
}
