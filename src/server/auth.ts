import type { Identity } from '../core/contracts/index.js';
import { dependencyUnavailable, PartDownError } from '../core/health.js';
import { TokligenceError } from '../core/errors.js';
import type { HeaderSource } from '../governance/api-keys.js';
import { Authenticator } from '../governance/authenticate.js';
import type { Runtime } from '../runtime/index.js';
import { looksLikeJwt, type OidcVerifier } from './auth/oidc.js';
import { identityFromToken, verifierFrom } from './auth/oidc-identity.js';

/** The server's check of who is calling: API keys (config and managed) and, with `type: oidc`, bearer JWTs. */
export interface ServerAuth {
  /** `queryKey`: Gemini's `?key=`. */
  authenticate(headers: HeaderSource, queryKey?: string): Promise<Identity>;
}

/** The bearer token of `Authorization: Bearer …`, when it is one. */
function bearer(headers: HeaderSource): string | undefined {
  return /^\s*Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '')?.[1];
}

/**
 * Built on the first request, after the client's store is open (`tk.ready()`, which `serve` awaits
 * at start): then it also knows the managed keys. With `gateway.auth.type: oidc`, a bearer token
 * shaped like a JWT is verified against the issuer (fail closed: 503 when it cannot be reached);
 * anything else is an API key, unless `allow_api_keys` is false.
 */
export function serverAuth(runtime: Runtime, options: { fetch?: typeof fetch } = {}): ServerAuth {
  const auth = runtime.config.gateway.auth;
  const oidc: OidcVerifier | undefined = auth.type === 'oidc' ? verifierFrom(runtime.config, options.fetch) : undefined;
  let keys: Promise<Authenticator> | undefined;
  const build = async () => {
    await runtime.governance?.ready();
    return runtime.governance?.authenticator() ?? new Authenticator(runtime.config.gateway.auth.keys);
  };
  const store = async () => {
    await runtime.governance?.ready();
    return runtime.governance?.store;
  };
  return {
    async authenticate(headers, queryKey) {
      const token = oidc ? bearer(headers) : undefined;
      if (oidc && token && looksLikeJwt(token)) return identityFromToken(await oidc.verify(token), runtime.config, await store());
      if (oidc && !auth.allow_api_keys)
        throw new TokligenceError('authentication', token ? 'API keys are turned off (gateway.auth.allow_api_keys: false): sign in through OIDC' : 'Missing bearer token: sign in through OIDC and send Authorization: Bearer <token>');
      keys ??= build().catch((err) => {
        keys = undefined;
        throw dependencyUnavailable('API keys cannot be checked', new PartDownError('store', (err as Error).message), 'failure_modes.auth');
      });
      return (await keys).authenticate(headers, queryKey);
    },
  };
}
