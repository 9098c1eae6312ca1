/**
 * The console's session cookie, as the request handler needs it before the console is loaded
 * (the rest of src/server/console/ is imported on the first `/ui` request).
 */

import { KEY_HEADERS } from '../../governance/api-keys.js';

export const COOKIE = 'tk_console';

/** The console cookie's value in a `Cookie` header. */
export function cookieValue(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Whether a request carries the console cookie and no key of its own: the admin API then asks the console. */
export function signedInThroughConsole(headers: { get(name: string): string | null }): boolean {
  return KEY_HEADERS.every(({ header }) => headers.get(header) === null) && cookieValue(headers.get('cookie')) !== undefined;
}
