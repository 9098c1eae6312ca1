import type { Identity } from '../core/contracts/index.js';
import { TokligenceError } from '../core/errors.js';
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
        throw new TokligenceError('api_error', `store unavailable: ${(err as Error).message}`, { status: 503 });
      });
      return (await auth).authenticate(headers, queryKey);
    },
  };
}
