/**
 * Who a call is for: set by the server's authentication (HTTP callers) or from the in-process
 * options `{ user, session, tags }`; read by the governance middleware (rate limits, budgets,
 * usage ledger) and by the response cache (answers are kept per caller).
 */
export interface Identity {
  /** Always set ('default' until multi-tenancy); every store read is scoped to it. */
  tenant: string;
  /** A store user's id, a config key's name, or the in-process caller's own user id. */
  userId?: string;
  teamId?: string;
  /** What the caller may do on the admin API (`admin`, `tenant_admin`, `member`, `viewer`); from the store user or the OIDC token. */
  role?: 'admin' | 'tenant_admin' | 'member' | 'viewer';
  /** How the caller proved who it is. */
  via?: 'config_key' | 'api_key' | 'oidc' | 'in_process';
  /** A managed (store) API key's id. */
  keyId?: string;
  /** A config key's name (`gateway.auth.keys[].name`, `TOKLIGENCE_API_KEYS`). */
  keyName?: string;
  /** A run or agent session (`x-tokligence-session`), for per-session budgets and usage. */
  session?: string;
  /** Free-form labels stored with the call's usage row. */
  tags?: Record<string, string>;
  /** Model globs this caller may use, one list per level (key, user, team): a model must match each. */
  modelScopes?: ModelScope[];
  /** USD caps from the caller's own rows; unset ones fall back to `team.quotas`. */
  limits?: IdentityLimits;
  /** True once looked up in the store (the middleware need not look the user up again). */
  resolved?: boolean;
  /** Features that served this identity without the part they need (`auth`: a managed key accepted from memory while the store was away). */
  degraded?: string[];
}

export interface IdentityLimits {
  userDaily?: number;
  userMonthly?: number;
  teamDaily?: number;
  teamMonthly?: number;
  keyDaily?: number;
  keyMonthly?: number;
  session?: number;
}

/** The models one level (the key, its user, the user's team) allows. */
export interface ModelScope {
  scope: 'key' | 'user' | 'team';
  /** The row's id, for the refusal message. */
  id: string;
  models: string[];
}
