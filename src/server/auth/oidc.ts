import { TokligenceError } from '../../core/errors.js';

/** What the gateway takes from a verified OIDC access or ID token. */
export interface OidcPrincipal {
  /** `sub`. */
  subject: string;
  email?: string;
  name?: string;
  /** The roles the configured claim maps to (unknown values dropped). */
  roles: string[];
  /** The tenant claim's value, when the token has one. */
  tenant?: string;
  /** `amr` as sent (authentication methods). */
  amr: string[];
  /** Epoch ms the token stops being valid. */
  expiresAt: number;
}

export interface OidcOptions {
  /** `gateway.auth.oidc_provider`: the issuer URL; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** `gateway.auth.oidc_client_id` (and any extra audiences): `aud` must hold one of them. */
  audiences: string[];
  /** `gateway.auth.multi_factor`: refuse a token whose `amr` names no second factor. */
  multiFactor: boolean;
  /** `amr` values that count as multi-factor (RFC 8176). */
  mfaMethods: string[];
  /** Signature algorithms accepted; `none` and HMAC algorithms never are. */
  algorithms: string[];
  /** Seconds of clock difference tolerated on `exp`, `nbf` and `iat`. */
  clockToleranceSec: number;
  /** Claim (dotted path, e.g. `realm_access.roles`) whose values map to roles. */
  roleClaim: string;
  /** Claim value → role; a value not listed is used as it is when it names a role. */
  roleMap: Record<string, string>;
  /** Roles there are (values outside are dropped). */
  knownRoles: readonly string[];
  /** Role when the claim holds none (undefined: the token is refused). */
  defaultRole?: string;
  /** Claim (dotted path) naming the caller's tenant. */
  tenantClaim: string;
  /** Seconds fetched signing keys are used without asking the issuer again. */
  jwksCacheSec: number;
  /** Seconds after a fetch during which an unknown `kid` does not fetch again (default 30): a flood of forged kids cannot hammer the issuer. */
  jwksCooldownSec?: number;
  /** Seconds to wait for discovery or the JWKS before failing closed with a 503. */
  timeoutSec: number;
  /** Fetch to use (tests); default the global fetch. */
  fetch?: typeof fetch;
}

/** Algorithms allowed by default: asymmetric only (an HMAC secret would be the public key). */
export const DEFAULT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** RFC 8176 methods that are a factor beyond a password. */
export const DEFAULT_MFA_METHODS = ['mfa', 'otp', 'hwk', 'swk', 'sms', 'tel', 'sc', 'fpt', 'face', 'iris', 'retina', 'vbm'];
const FORBIDDEN_ALGORITHMS = /^(none|HS\d+)$/i;

/** A bearer token longer than this is not a token we accept (no parsing of megabytes). */
export const MAX_TOKEN_LENGTH = 16 * 1024;
/** Most role values read from a claim. */
const MAX_ROLES = 64;

/** Whether a presented credential looks like a JWT (three base64url parts, a JSON header) rather than an API key. */
export function looksLikeJwt(token: string): boolean {
  return token.startsWith('eyJ') && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(token);
}

const unauthorized = (message: string) => new TokligenceError('authentication', message);
const unavailable = (message: string, cause?: unknown) => new TokligenceError('api_error', message, { status: 503, cause });

type Jose = typeof import('jose');
type KeySet = ReturnType<Jose['createRemoteJWKSet']>;

/**
 * Verifies bearer JWTs from one OIDC issuer with `jose`: discovery (issuer checked against the
 * document), the JWKS (cached for `jwksCacheSec`, fetched again on an unknown `kid`, at most once
 * per cooldown), signature over an allow-listed algorithm, `iss`, `aud`, `exp`/`nbf` with clock
 * tolerance, then MFA and roles. Fails closed: an issuer that cannot be reached (and no fresh
 * cached keys) is a 503, never a pass. `jose` is imported on first use only.
 */
export class OidcVerifier {
  private keys?: Promise<{ jose: Jose; jwks: KeySet }>;
  private readonly issuer: string;

  constructor(private readonly options: OidcOptions) {
    this.issuer = options.issuer.replace(/\/+$/, '');
    const bad = options.algorithms.find((a) => FORBIDDEN_ALGORITHMS.test(a));
    if (bad) throw new TypeError(`OIDC algorithm "${bad}" is not allowed: use asymmetric algorithms (${DEFAULT_ALGORITHMS.join(', ')})`);
  }

  /** Discovery and the remote key set, once; a failure is forgotten so the next request tries again. */
  private keySet(): Promise<{ jose: Jose; jwks: KeySet }> {
    this.keys ??= this.discover().catch((err) => {
      this.keys = undefined;
      throw err;
    });
    return this.keys;
  }

  private async discover(): Promise<{ jose: Jose; jwks: KeySet }> {
    const jose = await import('jose');
    const doFetch = this.options.fetch ?? fetch;
    const url = `${this.issuer}/.well-known/openid-configuration`;
    let doc: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const res = await doFetch(url, { signal: AbortSignal.timeout(this.options.timeoutSec * 1000), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      doc = (await res.json()) as typeof doc;
    } catch (err) {
      throw unavailable(`OIDC issuer unavailable: discovery at ${url} failed (${(err as Error).message}); sign-in is refused until it answers`, err);
    }
    // The document must be the issuer's own: a mismatch is a misconfiguration or an attack.
    if (typeof doc?.issuer !== 'string' || doc.issuer.replace(/\/+$/, '') !== this.issuer)
      throw unavailable(`OIDC discovery at ${url} names issuer ${JSON.stringify(doc?.issuer)}, not ${this.issuer}: check gateway.auth.oidc_provider`);
    if (typeof doc.jwks_uri !== 'string' || !/^https?:\/\//.test(doc.jwks_uri)) throw unavailable(`OIDC discovery at ${url} has no http(s) jwks_uri`);
    const jwks = jose.createRemoteJWKSet(new URL(doc.jwks_uri), {
      timeoutDuration: this.options.timeoutSec * 1000,
      cacheMaxAge: this.options.jwksCacheSec * 1000,
      cooldownDuration: (this.options.jwksCooldownSec ?? 30) * 1000,
      ...(this.options.fetch ? { [jose.customFetch]: this.options.fetch } : {}),
    });
    return { jose, jwks };
  }

  /** The principal of a bearer token; throws 401 (bad token), 403 (no MFA, no role) or 503 (issuer down). */
  async verify(token: string): Promise<OidcPrincipal> {
    if (token.length > MAX_TOKEN_LENGTH) throw unauthorized(`Bearer token is ${token.length} characters; at most ${MAX_TOKEN_LENGTH} are accepted`);
    if (!looksLikeJwt(token)) throw unauthorized('Bearer token is not a JWT (header.payload.signature, base64url)');
    const { jose, jwks } = await this.keySet();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jose.jwtVerify(token, jwks, {
        issuer: this.issuer,
        audience: this.options.audiences,
        algorithms: this.options.algorithms,
        clockTolerance: this.options.clockToleranceSec,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (err) {
      throw this.explain(jose, err);
    }
    const amr = strings(payload.amr);
    if (this.options.multiFactor && !amr.some((m) => this.options.mfaMethods.includes(m)))
      throw new TokligenceError(
        'permission',
        `Multi-factor sign-in required (gateway.auth.multi_factor): the token's amr is [${amr.slice(0, 8).join(', ')}]; sign in again with a second factor`,
      );
    const roles = this.roles(claim(payload, this.options.roleClaim));
    if (roles.length === 0) throw new TokligenceError('permission', `The token grants no role: claim "${this.options.roleClaim}" holds none of ${this.options.knownRoles.join(', ')}`);
    const tenant = claim(payload, this.options.tenantClaim);
    return {
      subject: String(payload.sub),
      ...(typeof payload.email === 'string' && payload.email.length <= 320 ? { email: payload.email } : {}),
      ...(typeof payload.name === 'string' && payload.name.length <= 200 ? { name: payload.name } : {}),
      roles,
      ...(typeof tenant === 'string' && tenant.length > 0 && tenant.length <= 64 ? { tenant } : {}),
      amr,
      expiresAt: Number(payload.exp) * 1000,
    };
  }

  private roles(value: unknown): string[] {
    const out = new Set<string>();
    for (const v of strings(value).slice(0, MAX_ROLES)) {
      const role = this.options.roleMap[v] ?? v;
      if (this.options.knownRoles.includes(role)) out.add(role);
    }
    if (out.size === 0 && this.options.defaultRole) out.add(this.options.defaultRole);
    return [...out];
  }

  /** A jose failure as a 401 that says what was wrong, or a 503 when the keys could not be had. */
  private explain(jose: Jose, err: unknown): TokligenceError {
    const e = jose.errors;
    if (err instanceof e.JWKSTimeout) return unavailable('OIDC issuer did not send its signing keys in time; sign-in is refused until it answers', err);
    if (err instanceof e.JWTExpired) return unauthorized('Bearer token expired: sign in again');
    if (err instanceof e.JWTClaimValidationFailed) {
      const claimName = err.claim;
      if (claimName === 'aud') return unauthorized(`Bearer token is for another audience: expected ${this.options.audiences.join(' or ')}`);
      if (claimName === 'iss') return unauthorized(`Bearer token is from another issuer: expected ${this.issuer}`);
      if (claimName === 'nbf') return unauthorized('Bearer token is not valid yet (nbf)');
      return unauthorized(`Bearer token claim "${claimName}" is invalid: ${err.reason}`);
    }
    if (err instanceof e.JOSEAlgNotAllowed) return unauthorized(`Bearer token algorithm is not allowed (allowed: ${this.options.algorithms.join(', ')})`);
    if (err instanceof e.JWKSNoMatchingKey) return unauthorized("Bearer token is signed with a key the issuer does not publish (unknown kid)");
    if (err instanceof e.JWKSMultipleMatchingKeys) return unauthorized('Bearer token names no kid and the issuer publishes several keys');
    if (err instanceof e.JWSSignatureVerificationFailed) return unauthorized('Bearer token signature is invalid');
    if (err instanceof e.JWTInvalid || err instanceof e.JWSInvalid || err instanceof e.JOSENotSupported) return unauthorized(`Bearer token is malformed: ${(err as Error).message}`);
    if (err instanceof e.JWKSInvalid || err instanceof e.JOSEError) return unavailable(`OIDC issuer's signing keys are unusable (${(err as Error).message}); sign-in is refused`, err);
    // A network failure fetching the JWKS (connection refused, HTTP 5xx).
    return unavailable(`OIDC issuer's signing keys could not be fetched (${(err as Error)?.message ?? String(err)}); sign-in is refused until it answers`, err);
  }
}

/** A claim by dotted path (`realm_access.roles`), own properties only. */
function claim(payload: Record<string, unknown>, path: string): unknown {
  let node: unknown = payload;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A string or a list of strings (space-separated in one string, as `scope` is); anything else: none. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.length <= 4096 ? value.split(/[\s,]+/).filter(Boolean) : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 256);
  return [];
}
