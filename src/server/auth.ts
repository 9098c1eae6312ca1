import type { Identity } from '../core/contracts/index.js';
import { dependencyUnavailable, PartDownError } from '../core/health.js';
import type { HeaderSource } from '../governance/api-keys.js';
import { Authenticator } from '../governance/authenticate.js';
import type { Runtime } from '../runtime/index.js';

/** The server's key check (config keys, and managed keys once the store is open). */
export interface ServerAuth {
  /** `queryKey`: Gemini's `?key=`. */
  authenticate(headers: HeaderSource, queryKey?: string): Promise<Identity>;
}

/**
 * Built on the first request, after the client's store is open (`tk.ready()`, which `serve` awaits
 * at start): then it also knows the managed keys.
 */
export function serverAuth(runtime: Runtime): ServerAuth {
  let auth: Promise<Authenticator> | undefined;
  const build = async () => {
    await runtime.governance?.ready();
    return runtime.governance?.authenticator() ?? new Authenticator(runtime.config.gateway.auth.keys);
  };
  return {
    async authenticate(headers, queryKey) {
      auth ??= build().catch((err) => {
        auth = undefined;
        throw dependencyUnavailable('API keys cannot be checked', new PartDownError('store', (err as Error).message), 'failure_modes.auth');
      });
      return (await auth).authenticate(headers, queryKey);
    },
  };
}
