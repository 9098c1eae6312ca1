/**
 * The console talks to the gateway's admin API (`/admin/…`) with its session cookie, and sends the
 * session's CSRF token on every change. No key is ever kept in the browser.
 */

export interface Me {
  role: string;
  actor: string;
  tenant: string;
  /** Every tenant's admin (the admin key, or a user with the `admin` role). */
  global: boolean;
  /** May decide model-approval requests. */
  approver: boolean;
  csrf: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrf = '';
let onSignedOut: () => void = () => {};

export function setSession(me: Me | undefined, signedOut?: () => void): void {
  csrf = me?.csrf ?? '';
  if (signedOut) onSignedOut = signedOut;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const error = (data as { error?: { message?: string; field?: string } } | undefined)?.error;
    if (res.status === 401 && !path.startsWith('/ui/api/sign-in')) onSignedOut();
    throw new ApiError(res.status, error?.message ?? `${res.status} ${res.statusText}`, error?.field);
  }
  return data as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);

/** Every page of a paginated admin list (bounded: a console shows at most a few thousand rows). */
export async function all<T>(path: string, maxPages = 20): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page: { data: T[]; next_cursor: string | null } = await get(`${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.data);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return out;
}

export const signIn = (key: string) => post<Me>('/ui/api/sign-in', { key });
export const signOut = () => post<unknown>('/ui/api/sign-out');
export const session = () => get<Me>('/ui/api/session');

/** Whether this session may change things (else the page shows, and offers, nothing to change). */
export const canWrite = (me: Me | undefined) => me?.role === 'admin' || me?.role === 'tenant_admin';
