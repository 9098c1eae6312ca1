import { randomBytes } from 'node:crypto';

/** A random id with the given prefix, e.g. `newId('msg_')` → `msg_01H…`. Only [A-Za-z0-9] after it. */
export function newId(prefix: string, bytes = 12): string {
  return prefix + randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x');
}
