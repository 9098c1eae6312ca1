/**
 * The authentication cache (keys, users and teams remembered under Store.identityVersion) is never
 * stale: a revocation or a disabled user takes effect on the next request, whether the change was
 * made through the same store or through another connection to the same database (the CLI, another
 * gateway instance). And it is a cache: with nothing changed, a second request reads nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TokligenceError } from '../../src/core/errors.js';
import { AdminService } from '../../src/governance/admin.js';
import { Authenticator } from '../../src/governance/authenticate.js';
import { openStore, type Store } from '../../src/store/index.js';
import { backends } from '../store/backends.js';

/** Count the store's key lookups: what a cache hit saves. */
function countingLookups(store: Store): () => number {
  let n = 0;
  const withOwner = store.keys.withOwner.bind(store.keys);
  store.keys.withOwner = (prefix) => {
    n++;
    return withOwner(prefix);
  };
  return () => n;
}

async function refusal(auth: Authenticator, secret: string): Promise<{ kind: string; message: string } | undefined> {
  try {
    await auth.authenticate(new Headers({ 'x-api-key': secret }));
    return undefined;
  } catch (err) {
    if (!(err instanceof TokligenceError)) throw err;
    return { kind: err.kind, message: err.message };
  }
}

/** PostgreSQL hears another connection's change through LISTEN/NOTIFY: a few milliseconds later. */
async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const backend of backends())
  describe(`authentication cache (${backend.name})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    async function open() {
      const opened = await backend.open();
      cleanups.push(async () => {
        await opened.store.close();
        await opened.cleanup();
      });
      return opened;
    }

    it('serves a repeated key from memory, and drops it the moment the key is revoked or its user disabled (same store)', async () => {
      const { store } = await open();
      const admin = new AdminService(store);
      const auth = new Authenticator([], store);
      const lookups = countingLookups(store);
      const alice = await admin.createUser({ name: 'alice' });
      const a = await admin.createKey(alice.id);
      const b = await admin.createKey(alice.id);

      expect(await refusal(auth, a.secret)).toBeUndefined();
      expect(await refusal(auth, a.secret)).toBeUndefined();
      expect(await refusal(auth, a.secret)).toBeUndefined();
      expect(lookups()).toBe(1);

      await admin.revokeKey(a.key.id);
      expect(await refusal(auth, a.secret)).toEqual({ kind: 'authentication', message: `API key ${a.key.id} was revoked` });
      expect(await refusal(auth, b.secret)).toBeUndefined();
      await admin.setUserDisabled(alice.id, true);
      expect(await refusal(auth, b.secret)).toEqual({ kind: 'permission', message: `User ${alice.id} is disabled` });
      await admin.setUserDisabled(alice.id, false);
      expect(await refusal(auth, b.secret)).toBeUndefined();
      // A wrong secret with a known prefix is refused even when its key is cached.
      expect(await refusal(auth, `${b.secret.slice(0, -4)}AAAA`)).toEqual({ kind: 'authentication', message: 'Invalid API key' });
    });

    it.skipIf(backend.name === 'memory')('hears a change made through another connection to the same database (the CLI, another instance)', async () => {
      const { store, options } = await open();
      const other = await openStore(options);
      cleanups.push(() => other.close());
      const admin = new AdminService(store);
      const elsewhere = new AdminService(other);
      const auth = new Authenticator([], store);
      const bob = await admin.createUser({ name: 'bob' });
      const k1 = await admin.createKey(bob.id);
      const k2 = await admin.createKey(bob.id);
      // Let PostgreSQL's listener connect first: until then nothing is cached (and nothing is stale).
      await eventually(
        async () => {
          const v = store.identityVersion();
          return v === store.identityVersion();
        },
        (steady) => steady,
      );
      const lookups = countingLookups(store);
      expect(await refusal(auth, k1.secret)).toBeUndefined();
      expect(await refusal(auth, k1.secret)).toBeUndefined();
      expect(lookups()).toBe(1);

      await elsewhere.revokeKey(k1.key.id);
      expect(await eventually(() => refusal(auth, k1.secret), (r) => r !== undefined)).toEqual({
        kind: 'authentication',
        message: `API key ${k1.key.id} was revoked`,
      });
      await elsewhere.setUserDisabled(bob.id, true);
      expect(await eventually(() => refusal(auth, k2.secret), (r) => r !== undefined)).toEqual({ kind: 'permission', message: `User ${bob.id} is disabled` });
    });
  });
