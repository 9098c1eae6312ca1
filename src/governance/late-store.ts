import type { Store } from '../store/index.js';

/**
 * A store that could not be reached at start (PostgreSQL down): the gateway starts anyway and
 * serves per `failure_modes`, as it would had the store gone away a minute later. Until
 * `connect()` succeeds (the store part's probe calls it), every operation fails with the error the
 * first attempt got, which the part counts as an outage; from then on everything goes to the
 * opened store. Repositories are forwarded by name at each call, so a wrapper that holds on to
 * one (the guard) reaches the real one once it is there.
 */
export interface LateStore {
  store: Store;
  /** Open (and migrate) the store; concurrent calls share one attempt; resolves once it is open. */
  connect(): Promise<void>;
  readonly connected: boolean;
  /** Why the last attempt failed. */
  readonly error: unknown;
}

export function lateStore(kind: Store['kind'], open: () => Promise<Store>, firstError: unknown): LateStore {
  let real: Store | undefined;
  let lastError = firstError;
  let opening: Promise<void> | undefined;
  let closed = false;
  let version = 0;
  const refuse = () => Promise.reject(lastError);
  const repo = (name: PropertyKey) =>
    new Proxy(
      {},
      {
        get(_, method) {
          return (...args: unknown[]) => {
            if (!real) return refuse();
            const target = Reflect.get(real, name) as Record<PropertyKey, (...a: unknown[]) => unknown>;
            return (target[method] as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      },
    );
  const repos = new Map<PropertyKey, object>();
  const store = new Proxy({} as Store, {
    get(_, key) {
      if (key === 'kind') return kind;
      if (key === 'transaction') return <T>(fn: (s: Store) => Promise<T>) => (real ? real.transaction(fn) : refuse());
      // Nothing is cached against a store that is not there: the version changes on every read.
      if (key === 'identityVersion') return () => (real ? real.identityVersion() : --version);
      if (key === 'close')
        return async () => {
          closed = true;
          await opening?.catch(() => {});
          await real?.close();
        };
      if (key === 'then') return undefined;
      let r = repos.get(key);
      if (!r) repos.set(key, (r = repo(key)));
      return r;
    },
  });
  const connect = (): Promise<void> => {
    if (real) return Promise.resolve();
    opening ??= open()
      .then(async (s) => {
        // Closed while it was opening: nobody will close this one but us.
        if (closed) await s.close();
        else real = s;
      })
      .catch((err: unknown) => {
        lastError = (err as { cause?: unknown })?.cause ?? err;
        throw err;
      })
      .finally(() => {
        opening = undefined;
      });
    return opening;
  };
  return {
    store,
    connect,
    get connected() {
      return real !== undefined;
    },
    get error() {
      return lastError;
    },
  };
}
