import { KEY_HEADERS } from '../../governance/api-keys.js';
import type { AdminApi, AdminRequest } from '../admin/handler.js';
import { type Asset, ConsoleAssets } from './assets.js';
import { COOKIE, cookieValue } from './cookie.js';
import { type ConsoleSession, type SessionLimits, SessionStore, csrfMatches } from './sessions.js';


/** Roles that may open the console: everyone who may read the admin API. Members use their own tools. */
const CONSOLE_ROLES = new Set(['admin', 'tenant_admin', 'viewer']);

/**
 * The console's own answers carry these: scripts, styles, images and calls from this origin only,
 * nothing framed, nothing inline (the built page has no inline script or style), no referrer.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** A request as the console needs it (the server's `IncomingCall` is one). */
export interface IncomingCall {
  method: string;
  url: { pathname: string };
  headers: { get(name: string): string | null };
  readBody(limit: number): Promise<string>;
}

/** An answer as the server sends it (its `OutgoingAnswer`). */
export interface OutgoingAnswer {
  status: number;
  headers: Record<string, string>;
  body?: string | AsyncIterable<string | Uint8Array>;
}

export interface ConsoleOptions {
  /** The built console (`dist/console/`). */
  assetsDir?: string;
  limits?: SessionLimits;
  now?: () => number;
}

/** What the admin API gets for a request signed in through the console, or why it is refused. */
export type AdminGate = { ok: true; headers: AdminRequest['headers'] } | { ok: false; status: number; type: string; message: string };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): OutgoingAnswer => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...SECURITY_HEADERS, ...headers },
  body: JSON.stringify(body),
});
const refuse = (status: number, type: string, message: string, headers?: Record<string, string>) => json(status, { error: { type, message } }, headers);

/**
 * The admin console at `/ui`: the page and its files, sign-in and sign-out. Everything the page
 * shows or changes goes through the admin API (`/admin/…`) with the session's credential, so the
 * console has no rules of its own: a viewer's session is refused a change there, as a viewer's
 * key would be.
 */
export class AdminConsole {
  readonly sessions: SessionStore;
  private readonly assets?: ConsoleAssets;

  constructor(
    private readonly admin: AdminApi,
    options: ConsoleOptions = {},
  ) {
    this.sessions = new SessionStore(options.limits, options.now);
    if (options.assetsDir) this.assets = new ConsoleAssets(options.assetsDir);
  }

  async handle(req: IncomingCall): Promise<OutgoingAnswer> {
    const path = req.url.pathname;
    const m = req.method;
    if (path === '/ui/api/session' && m === 'GET') return this.current(req);
    if (path === '/ui/api/sign-in' && m === 'POST') return this.signIn(req);
    if (path === '/ui/api/sign-out' && m === 'POST') return this.signOut(req);
    if (path.startsWith('/ui/api/')) return refuse(404, 'not_found_error', `No console route for ${m} ${path}`);
    if (m !== 'GET' && m !== 'HEAD') return refuse(405, 'invalid_request_error', `${m} is not allowed here`);
    if (path === '/ui' || path === '/ui/') return this.file(req, 'index.html', 'no-store');
    if (path.startsWith('/ui/assets/')) return this.file(req, path.slice('/ui/assets/'.length), 'public, max-age=31536000, immutable');
    // Pages are routed in the browser (`/ui#/keys`): any other path is the page too, so a reload works.
    if (!path.slice(4).includes('.')) return this.file(req, 'index.html', 'no-store');
    return refuse(404, 'not_found_error', `No console file ${path}`);
  }

  /**
   * For an `/admin/…` request that carries the console cookie and no key of its own: the session's
   * credential as the key, once the session is live and, for a change, the CSRF token matches and
   * the request comes from this origin.
   */
  gate(req: IncomingCall): AdminGate {
    const session = this.sessions.get(cookieValue(req.headers.get('cookie')));
    if (!session) return { ok: false, status: 401, type: 'authentication_error', message: 'Your console session has ended: sign in again at /ui' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const why = crossSite(req) ?? (csrfMatches(session, req.headers.get('x-csrf-token')) ? undefined : 'missing or wrong x-csrf-token');
      if (why) return { ok: false, status: 403, type: 'permission_error', message: `Refused: ${why} (a change from the console must carry its CSRF token)` };
    }
    return { ok: true, headers: withCredential(req.headers, session) };
  }

  private async current(req: IncomingCall): Promise<OutgoingAnswer> {
    const session = this.sessions.get(cookieValue(req.headers.get('cookie')));
    if (!session) return refuse(401, 'authentication_error', 'Not signed in');
    const me = await this.whoami(session.credential);
    if (me.status !== 200) {
      // The key was revoked or the user demoted since sign-in: the session ends with it.
      this.sessions.delete(cookieValue(req.headers.get('cookie')));
      return refuse(401, 'authentication_error', 'Your key no longer opens the console: sign in again', { 'set-cookie': clearCookie(req) });
    }
    return json(200, { ...(me.body as object), csrf: session.csrf });
  }

  private async signIn(req: IncomingCall): Promise<OutgoingAnswer> {
    // Login CSRF: a cross-site form cannot send JSON without a preflight we never answer.
    const why = crossSite(req) ?? (/^application\/json\b/i.test(req.headers.get('content-type') ?? '') ? undefined : 'the body must be JSON');
    if (why) return refuse(403, 'permission_error', `Refused: ${why}`);
    let key: unknown;
    try {
      key = (JSON.parse(await req.readBody(8 * 1024)) as { key?: unknown }).key;
    } catch {
      return refuse(400, 'invalid_request_error', 'Expected {"key": "…"}');
    }
    if (typeof key !== 'string' || key.trim() === '' || key.length > 4096) return refuse(400, 'invalid_request_error', 'Enter an API key');
    const me = await this.whoami(key.trim());
    if (me.status === 401 || me.status === 403) return refuse(401, 'authentication_error', 'That key does not open the console: use the admin key (admin.key), or the API key or OIDC token of an admin, tenant admin or viewer');
    if (me.status !== 200) return json(me.status, me.body);
    const role = (me.body as { role?: string }).role ?? '';
    if (!CONSOLE_ROLES.has(role)) return refuse(403, 'permission_error', `The console is for admins and viewers; this key's or token's role is ${role || 'none'}`);
    const { id, session } = this.sessions.create(key.trim());
    return json(200, { ...(me.body as object), csrf: session.csrf }, { 'set-cookie': sessionCookie(req, id) });
  }

  private async signOut(req: IncomingCall): Promise<OutgoingAnswer> {
    const id = cookieValue(req.headers.get('cookie'));
    const session = this.sessions.get(id);
    if (session) {
      const why = crossSite(req) ?? (csrfMatches(session, req.headers.get('x-csrf-token')) ? undefined : 'missing or wrong x-csrf-token');
      if (why) return refuse(403, 'permission_error', `Refused: ${why}`);
      this.sessions.delete(id);
    }
    return json(200, { signed_out: true }, { 'set-cookie': clearCookie(req) });
  }

  /** The admin API's own answer to "who is this?" (`GET /admin/me`): the same check as every admin call. */
  private whoami(credential: string) {
    return this.admin.handle({
      method: 'GET',
      path: '/admin/me',
      query: new URLSearchParams(),
      headers: { get: (name) => (name === 'authorization' ? `Bearer ${credential}` : null) },
      readBody: async () => '',
    });
  }

  private async file(req: IncomingCall, name: string, cacheControl: string): Promise<OutgoingAnswer> {
    const asset = await this.assets?.get(name);
    if (!asset) {
      if (name !== 'index.html') return refuse(404, 'not_found_error', `No console file ${name}`);
      return {
        status: 503,
        headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS },
        body: 'The admin console is not built: run `npm run build` (the package ships it in dist/console/).\n',
      };
    }
    return send(req, asset, cacheControl);
  }
}

function send(req: IncomingCall, asset: Asset, cacheControl: string): OutgoingAnswer {
  const gzip = asset.gzip && /\bgzip\b/.test(req.headers.get('accept-encoding') ?? '');
  const body = gzip ? (asset.gzip as Uint8Array) : asset.body;
  return {
    status: 200,
    headers: {
      'content-type': asset.type,
      'content-length': String(body.length),
      'cache-control': cacheControl,
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      ...SECURITY_HEADERS,
    },
    body: req.method === 'HEAD' ? '' : once(body),
  };
}

async function* once(body: Uint8Array): AsyncGenerator<Uint8Array> {
  yield body;
}

/** Why a request is not from the console's own page, or undefined when it is. */
function crossSite(req: IncomingCall): string | undefined {
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return `a ${site} request`;
  const origin = req.headers.get('origin');
  const host = req.headers.get('host');
  if (origin && (!host || (origin !== `http://${host}` && origin !== `https://${host}`))) return `origin ${origin} is not this gateway`;
  return undefined;
}

const isHttps = (req: IncomingCall) => (req.headers.get('x-forwarded-proto') ?? '').split(',')[0]?.trim() === 'https';

function sessionCookie(req: IncomingCall, id: string): string {
  return `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict${isHttps(req) ? '; Secure' : ''}`;
}

function clearCookie(req: IncomingCall): string {
  return `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${isHttps(req) ? '; Secure' : ''}`;
}

/** The request's headers with the session's credential as its key (the cookie and CSRF token dropped). */
function withCredential(headers: IncomingCall['headers'], session: ConsoleSession): AdminRequest['headers'] {
  return {
    get(name: string) {
      const n = name.toLowerCase();
      if (n === 'authorization') return `Bearer ${session.credential}`;
      if (n === 'cookie' || n === 'x-csrf-token' || KEY_HEADERS.some((k) => k.header === n)) return null;
      return headers.get(name);
    },
  };
}
