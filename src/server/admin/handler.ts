import { sha256, timingSafeEqual } from '../../core/crypto.js';
import { PartDownError } from '../../core/health.js';
import { AdminError, AdminService } from '../../governance/admin.js';
import { extractApiKey, type HeaderSource } from '../../governance/api-keys.js';
import type { Runtime } from '../../runtime/index.js';
import { DEFAULT_TENANT, type UsageGroup } from '../../store/index.js';
import { healthReport } from './health.js';

/** A request to `/admin/…`, runtime-neutral. */
export interface AdminRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: HeaderSource;
  readBody(limit: number): Promise<string>;
}

export interface AdminAnswer {
  status: number;
  body: unknown;
}

const STATUS = { invalid: 400, not_found: 404, conflict: 409 } as const;
const err = (status: number, type: string, message: string, field?: string): AdminAnswer => ({ status, body: { error: { type, message, ...(field ? { field } : {}) } } });

const sha = (s: string) => sha256(s);

/**
 * The admin HTTP API: users, teams, keys and usage as JSON, paginated (`?limit=&cursor=`, answers
 * carry `next_cursor`), behind `admin.key` (`Authorization: Bearer` or `x-api-key`). A key's secret
 * appears once, in the answer that created it; no answer ever holds a key hash.
 */
export class AdminApi {
  private readonly digest?: Uint8Array;

  constructor(
    private readonly runtime: Runtime,
    adminKey: string | undefined,
  ) {
    this.digest = adminKey ? sha(adminKey) : undefined;
  }

  async handle(req: AdminRequest): Promise<AdminAnswer> {
    if (!this.digest) return err(404, 'not_found', 'The admin API is off: set admin.key (or TOKLIGENCE_ADMIN_KEY) to turn it on');
    const presented = extractApiKey(req.headers);
    if (!presented || !timingSafeEqual(sha(presented), this.digest)) return err(401, 'authentication_error', 'Invalid or missing admin key');
    await this.runtime.governance?.ready();
    const store = this.runtime.governance?.store;
    if (!store) return err(404, 'not_found', 'No store: the admin API needs team.enabled (or team.cost_tracking.enabled)');
    const admin = new AdminService(store, DEFAULT_TENANT, this.runtime.governance?.now);
    try {
      return await this.route(admin, req);
    } catch (e) {
      if (e instanceof AdminError) return err(STATUS[e.code], e.code === 'invalid' ? 'invalid_request_error' : e.code === 'not_found' ? 'not_found_error' : 'conflict_error', e.message, e.field);
      // The store is away: say so (and when to retry), as the call routes do.
      if (e instanceof PartDownError) return err(503, 'unavailable_error', `${e.message}; retry shortly`);
      throw e;
    }
  }

  private async route(admin: AdminService, req: AdminRequest): Promise<AdminAnswer> {
    const parts = req.path.replace(/^\/admin\/?/, '').replace(/\/+$/, '').split('/');
    const [resource, id, action] = parts.map((p) => decodeURIComponent(p));
    const q = req.query;
    const paging = { limit: intParam(q, 'limit'), cursor: q.get('cursor') ?? undefined };
    const page = <T>(p: { items: T[]; next?: string }) => ({ status: 200, body: { data: p.items, next_cursor: p.next ?? null } });
    const body = async () => jsonBody(await req.readBody(64 * 1024));
    const m = req.method;
    if (resource === 'users') {
      if (m === 'GET' && !id) return page(await admin.listUsers({ ...paging, team: q.get('team') ?? undefined }));
      if (m === 'POST' && !id) {
        const b = await body();
        return { status: 201, body: await admin.createUser({ name: b.name as string, email: b.email as string | undefined, quota: b.quota as number | undefined, dailyQuota: b.daily_quota as number | undefined, team: b.team as string | undefined, models: b.models as string[] | undefined }) };
      }
      if (m === 'GET' && id && !action) return { status: 200, body: await admin.getUser(id) };
      if (m === 'POST' && id && (action === 'disable' || action === 'enable')) return { status: 200, body: await admin.setUserDisabled(id, action === 'disable') };
    }
    if (resource === 'teams') {
      if (m === 'GET' && !id) return page(await admin.listTeams(paging));
      if (m === 'POST' && !id) {
        const b = await body();
        return { status: 201, body: await admin.createTeam({ name: b.name as string, monthlyBudget: b.monthly_budget as number | undefined, dailyBudget: b.daily_budget as number | undefined, models: b.models as string[] | undefined }) };
      }
    }
    if (resource === 'keys') {
      if (m === 'GET' && !id) return page(await admin.listKeys({ ...paging, user: q.get('user') ?? undefined }));
      if (m === 'POST' && !id) {
        const b = await body();
        if (typeof b.user !== 'string') throw new AdminError('invalid', 'user is required (a user id, name or email)', 'user');
        const { key, secret } = await admin.createKey(b.user, {
          name: b.name as string | undefined,
          models: b.models as string[] | undefined,
          expiresInDays: b.expires_in_days as number | undefined,
          dailyBudget: b.daily_budget as number | undefined,
          monthlyBudget: b.monthly_budget as number | undefined,
        });
        return { status: 201, body: { ...key, key: secret } };
      }
      if (id && ((m === 'POST' && action === 'revoke') || (m === 'DELETE' && !action))) return { status: 200, body: await admin.revokeKey(id) };
    }
    if (resource === 'me' && m === 'GET' && !id) return { status: 200, body: { role: 'admin', actor: 'admin-key', tenant: DEFAULT_TENANT } };
    if (resource === 'usage' && m === 'GET' && id === 'savings' && !action) {
      const gov = this.runtime.governance;
      return { status: 200, body: await admin.cacheSavings(period(q), (provider, model) => gov?.priceOf(provider, model)) };
    }
    if (resource === 'usage' && m === 'GET' && !id) {
      const team = q.get('team');
      return {
        status: 200,
        body: await admin.usage({
          user: q.get('user') ?? undefined,
          team: team || undefined,
          allTeams: team === '',
          session: q.get('session') ?? undefined,
          ...period(q),
          groupBy: (q.get('group_by') as UsageGroup | null) ?? undefined,
          splitBy: (q.get('split_by') as UsageGroup | null) ?? undefined,
        }),
      };
    }
    if (resource === 'health' && m === 'GET' && !id) return { status: 200, body: await healthReport(this.runtime) };
    if (resource === 'calls' && m === 'GET' && !id) return page(await admin.recentCalls(paging));
    if (resource === 'budgets' && m === 'GET' && (id === 'users' || id === 'teams') && !action)
      return page(await admin.budgets(id === 'users' ? 'user' : 'team', paging, this.runtime.governance?.budgets?.quotas));
    return err(404, 'not_found_error', `No admin route for ${m} ${req.path}`);
  }
}

/** `month=` or `from=&to=` (checked by the service). */
function period(q: URLSearchParams): { month?: string; from?: string; to?: string } {
  return { month: q.get('month') ?? undefined, from: q.get('from') ?? undefined, to: q.get('to') ?? undefined };
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new AdminError('invalid', `${name} must be a positive integer, got '${v}'`, name);
  return n;
}

function jsonBody(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text || '{}');
  } catch (e) {
    throw new AdminError('invalid', `body is not valid JSON: ${(e as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new AdminError('invalid', 'body must be a JSON object');
  return value as Record<string, unknown>;
}
