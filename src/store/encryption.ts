import { nodeBuiltin } from '../core/node-builtins.js';
import { ConfigError } from '../core/errors.js';

// Node's crypto through getBuiltinModule: the client's module graph stays free of `node:` imports;
// encryption at rest (synchronous AES-GCM) needs a runtime with Node's crypto and says so otherwise.
const nodeCrypto = (): typeof import('node:crypto') => {
  const c = nodeBuiltin('crypto');
  if (!c) throw new ConfigError('compliance.encryption_at_rest needs a runtime with Node\'s crypto module (Node, Bun, Deno)');
  return c;
};

/**
 * Encryption at rest (`compliance.encryption_at_rest`): AES-256-GCM from node:crypto, keys from the
 * environment only. Each ciphertext is stored with the id of its key (a digest of the key, so no
 * key name has to be invented or kept in sync); old keys stay readable while listed, and
 * `tokligence audit rekey` moves every row to the current key.
 */

/** The current key (`TOKLIGENCE_ENCRYPTION_KEY`). */
export const ENCRYPTION_KEY_ENV = 'TOKLIGENCE_ENCRYPTION_KEY';
/** Keys still readable after a rotation, comma-separated (`TOKLIGENCE_ENCRYPTION_PREVIOUS_KEYS`). */
export const PREVIOUS_KEYS_ENV = 'TOKLIGENCE_ENCRYPTION_PREVIOUS_KEYS';

export interface Keyring {
  /** Id of the key new data is encrypted with. */
  readonly currentId: string;
  /** Every key by id (the current one included). */
  readonly keys: ReadonlyMap<string, Buffer>;
}

const FORMAT = 'v1';

/** `k` + the first 12 hex digits of the key's SHA-256: names the key without revealing it. */
export function keyIdOf(key: Buffer): string {
  return `k${nodeCrypto().createHash('sha256').update('tokligence-key-id\0').update(key).digest('hex').slice(0, 12)}`;
}

/** 32 bytes written as 64 hex digits or base64 (44 characters); anything else names the variable. */
export function parseKey(text: string, variable: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(t) ? Buffer.from(t, 'base64') : undefined;
  if (key?.length !== 32)
    throw new ConfigError(`${variable} must be a 256-bit key: 64 hex digits or 44 base64 characters (make one with: openssl rand -base64 32)`);
  return key;
}

/**
 * The keyring from the environment; undefined when no key is set. A malformed key is a
 * ConfigError naming the variable (the gateway refuses to start rather than store plain text).
 */
export function keyringFromEnv(env: Record<string, string | undefined> = process.env): Keyring | undefined {
  const current = env[ENCRYPTION_KEY_ENV]?.trim();
  if (!current) return undefined;
  const key = parseKey(current, ENCRYPTION_KEY_ENV);
  const keys = new Map<string, Buffer>([[keyIdOf(key), key]]);
  for (const old of (env[PREVIOUS_KEYS_ENV] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const k = parseKey(old, PREVIOUS_KEYS_ENV);
    keys.set(keyIdOf(k), k);
  }
  return { currentId: keyIdOf(key), keys };
}

/** The keyring, or a ConfigError that says which variable to set (encryption on, no key). */
export function requireKeyring(env: Record<string, string | undefined> = process.env, why = 'compliance.encryption_at_rest is on'): Keyring {
  const ring = keyringFromEnv(env);
  if (!ring) throw new ConfigError(`${why} but ${ENCRYPTION_KEY_ENV} is not set: set it to a 256-bit key (openssl rand -base64 32); Tokligence will not store prompts in plain text`);
  return ring;
}

/** Encrypt text under the current key: `v1.<iv>.<tag>.<ciphertext>` (base64url), and the key id. */
export function encryptText(ring: Keyring, plaintext: string): { keyId: string; data: string } {
  const key = ring.keys.get(ring.currentId) as Buffer;
  const { createCipheriv, randomBytes } = nodeCrypto();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId: ring.currentId, data: [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.') };
}

/** Decrypt what {@link encryptText} wrote; throws when the key is not in the ring or the data was altered. */
export function decryptText(ring: Keyring, keyId: string, data: string): string {
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`no key ${keyId} in the keyring: add the key it was written with to ${PREVIOUS_KEYS_ENV}`);
  const [format, iv, tag, ct] = data.split('.');
  if (format !== FORMAT || iv === undefined || tag === undefined || ct === undefined) throw new Error('not an encrypted value (expected v1.<iv>.<tag>.<data>)');
  const { createDecipheriv } = nodeCrypto();
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}
