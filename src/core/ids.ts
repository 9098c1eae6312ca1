import { randomUUID } from './crypto.js';

/**
 * A random id with the given prefix, e.g. `newId('msg_')` → `msg_3f2a…`, only [0-9a-f] after it.
 * `randomUUID` draws from a cached entropy pool, so this is cheap enough for every request.
 */
export function newId(prefix: string, length = 24): string {
  return prefix + randomUUID().replaceAll('-', '').slice(0, length);
}
