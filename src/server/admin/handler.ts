import { sha256, timingSafeEqual } from '../../core/crypto.js';
import { PartDownError } from '../../core/health.js';
import { AdminError, AdminService } from '../../governance/admin.js';
import { extractApiKey, type HeaderSource } from '../../governance/api-keys.js';
import type { Runtime } from '../../runtime/index.js';
import { verifyAudit } from '../../audit/verify.js';
import type { Identity } from '../../core/contracts/index.js';
import { TokligenceError } from '../../core/errors.js';
import { type AuditFinding, type AuditKind, type AuditQuery, DEFAULT_TENANT, monthKey, type UsageGroup, type UserRole } from '../../store/index.js';
import { exportAudit } from '../../audit/export.js';
import type { ServerAuth } from '../auth.js';
import { visibleToTenant } from '../../runtime/tenants.js';
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
  /** A download instead of JSON (`body` unused): its media type, file name and text, streamed. */
  file?: { type: string; name: string; chunks: AsyncIterable<string> };
}

const STATUS = { invalid: 400, not_found: 404, conflict: 409, forbidden: 403 } as const;
const TYPES = { invalid: 'invalid_request_error', not_found: 'not_found_error', conflict: 'conflict_error', forbidden: 'permission_error' } as const;
const err = (status: number, type: string, message: string, field?: string): AdminAnswer => ({ status, body: { error: { type, message, ...(field ? { field } : {}) } } });

const sha = (s: string) => sha256(s);

/** Who is calling the admin API and what they may touch. */
export interface AdminPrincipal {
  role: UserRole;
  /** The tenant they act in; a global admin may pick one with `?tenant=`. */
  tenant: string;
  /** Every tenant (the admin key, or a user with the `admin` role). */
  global: boolean;
  /** Their store user id (or OIDC email/subject); undefined for the admin key. */
  userId?: string;
  /** What the audit log names them. */
  actor: string;
  /** May decide model-approval requests (`team.model_approval.admin_users`, tenant admins, admins). */
  approver: boolean;
}

const RANK: Record<UserRole, number> = { viewer: 0, member: 1, tenant_admin: 2, admin: 3 };
const forbidden = (p: AdminPrincipal, what: string) => new AdminError('forbidden', `Role ${p.role} may not ${what} (see README, Roles)`);

/**
 * The admin HTTP API: users, teams, keys, usage, approvals, tenants and the audit log as JSON,
 * paginated (`?limit=&cursor=`, answers carry `next_cursor`). Callers are the admin key
 * (`admin.key`: a global admin) or any user's API key or OIDC token, whose role decides what they
 * may do (README, Roles); every read and write is scoped to the caller's tenant. A key's secret
 * appears once, in the answer that created it; no answer ever holds a key hash. Every change is
 * written to the audit log before the answer goes out.
 */
export class AdminApi {
  private readonly digest?: Uint8Array;

  constructor(
    private readonly runtime: Runtime,
    adminKey: string | undefined,
    private readonly auth?: ServerAuth,
  ) {
    this.digest = adminKey ? sha(adminKey) : undefined;
  }

  /** The caller: the admin key, or a user authenticated like any API caller; a 401 answer otherwise. */
  private async principal(req: AdminRequest): Promise<AdminPrincipal | AdminAnswer> {
    const presented = extractApiKey(req.headers);
    // An OIDC token is longer than any API key: a bearer that is not a key goes to the authenticator.
    const bearer = /^\s*Bearer\s+\S+\s*$/i.test(req.headers.get('authorization') ?? '');
    if (!presented && !bearer) return err(401, 'authentication_error', 'Missing credentials: send the admin key, an API key or an OIDC token');
    if (presented && this.digest && timingSafeEqual(sha(presented), this.digest)) {
      const tenant = req.query.get('tenant') ?? DEFAULT_TENANT;
      return { role: 'admin', tenant, global: true, actor: 'admin-key', approver: true };
    }
    if (!this.auth) return err(401, 'authentication_error', 'Invalid admin key');
    let identity: Identity;
    try {
      identity = await this.auth.authenticate(req.headers);
    } catch (e) {
      const t = e instanceof TokligenceError ? e : undefined;
      return err(t?.status ?? 401, t?.kind === 'permission' ? 'permission_error' : t && t.status >= 500 ? 'api_error' : 'authentication_error', t?.message ?? 'Invalid credentials');
    }
    const role: UserRole = identity.role ?? 'member';
    const global = role === 'admin';
    const tenant = global ? (req.query.get('tenant') ?? identity.tenant) : identity.tenant;
    const names = new Set([identity.userId, identity.keyName].filter((n): n is string => !!n));
    const store = this.runtime.governance?.store;
    if (store && identity.userId) {
      const user = await store.users.get(identity.userId, identity.tenant);
      if (user?.email) names.add(user.email);
      if (user?.name) names.add(user.name);
    }
    const approvers = this.runtime.config.team.model_approval.admin_users;
    return { role, tenant, global, userId: identity.userId, actor: identity.userId ?? identity.keyName ?? 'unknown', approver: RANK[role] >= RANK.tenant_admin || approvers.some((a) => names.has(a)) };
  }

  /**
   * The security findings of these calls from the audit log (firewall blocks, redactions, with
   * their detector and reason), or undefined when there is no audit log: the ledger keeps only
   * each call's strongest action.
   */
  private async findingsOf(tenant: string, calls: ReadonlyArray<{ requestId: string; ts: number }>): Promise<Map<string, AuditFinding[]> | undefined> {
    const log = this.runtime.governance?.audit?.log;
    if (!log || calls.length === 0) return undefined;
    await log.flush();
    const wanted = new Set(calls.map((c) => c.requestId));
    const from = Math.min(...calls.map((c) => c.ts));
    const out = new Map<string, AuditFinding[]>();
    // Security rows are stamped when their call started, as the ledger's rows are.
    for (let after = 0, pages = 0; pages < 10; pages++) {
      const rows = await log.repo.list({ tenant, kind: 'security', from, afterSeq: after, limit: 1000 });
      for (const r of rows) if (r.requestId && wanted.has(r.requestId)) out.set(r.requestId, [...(out.get(r.requestId) ?? []), ...(r.findings ?? [])]);
      if (rows.length < 1000) break;
      after = (rows[rows.length - 1] as { seq: number }).seq;
    }
    return out;
  }

  async handle(req: AdminRequest): Promise<AdminAnswer> {
    if (!this.digest && !this.auth) return err(404, 'not_found', 'The admin API is off: set admin.key (or TOKLIGENCE_ADMIN_KEY), or turn on gateway.auth with a store');
    await this.runtime.governance?.ready();
    const who = await this.principal(req);
    if ('status' in who) return who;
    const store = this.runtime.governance?.store;
    if (!store) return err(404, 'not_found', 'No store: the admin API needs team.enabled (or team.cost_tracking.enabled)');
    if (this.runtime.config.multi_tenancy.enabled && who.global && who.tenant !== DEFAULT_TENANT && !this.runtime.config.multi_tenancy.tenants.some((t) => t.name === who.tenant))
      return err(400, 'invalid_request_error', `tenant '${who.tenant}' is not configured (multi_tenancy.tenants)`, 'tenant');
    const audit = this.runtime.governance?.audit;
    const admin = new AdminService(store, who.tenant, this.runtime.governance?.now, async (a) => {
      await audit?.admin({ tenant: a.tenant, action: a.action, actor: who.actor, role: who.role, target: a.target, route: `${req.method} ${req.path}`, decision: 'ok', ...(a.details ? { details: a.details } : {}) });
    });
    try {
      return await this.route(admin, who, req);
    } catch (e) {
      if (e instanceof AdminError) return err(STATUS[e.code], TYPES[e.code], e.message, e.field);
      // The store is away: say so (and when to retry), as the call routes do.
      if (e instanceof PartDownError) return err(503, 'unavailable_error', `${e.message}; retry shortly`);
      throw e;
    }
  }

  private async route(admin: AdminService, who: AdminPrincipal, req: AdminRequest): Promise<AdminAnswer> {
    const parts = req.path.replace(/^\/admin\/?/, '').replace(/\/+$/, '').split('/');
    const [resource, id, action] = parts.map((p) => decodeURIComponent(p));
    const q = req.query;
    const paging = { limit: intParam(q, 'limit'), cursor: q.get('cursor') ?? undefined };
    const page = <T>(p: { items: T[]; next?: string }) => ({ status: 200, body: { data: p.items, next_cursor: p.next ?? null } });
    const body = async () => jsonBody(await req.readBody(64 * 1024));
    const m = req.method;
    const atLeast = (role: UserRole, what: string) => {
      if (RANK[who.role] < RANK[role]) throw forbidden(who, what);
    };
    /** A member acts on their own rows only. */
    const self = async (ref: string | undefined, what: string): Promise<void> => {
      if (RANK[who.role] >= RANK.tenant_admin) return;
      if (who.role === 'member' && ref !== undefined && who.userId !== undefined) {
        const user = await admin.store.users.find(ref, who.tenant);
        if ((user?.id ?? ref) === who.userId) return;
      }
      throw forbidden(who, what);
    };
    if (resource === 'me' && m === 'GET' && !id) return { status: 200, body: { role: who.role, actor: who.actor, tenant: who.tenant, global: who.global, user_id: who.userId ?? null, approver: who.approver } };
    if (resource === 'users') {
      if (m === 'GET' && !id) {
        atLeast('viewer', 'list users');
        if (who.role === 'member') throw forbidden(who, 'list users');
        return page(await admin.listUsers({ ...paging, team: q.get('team') ?? undefined }));
      }
      if (m === 'POST' && !id) {
        atLeast('tenant_admin', 'create users');
        const b = await body();
        if (b.role === 'admin' && !who.global) throw forbidden(who, 'create admins');
        return {
          status: 201,
          body: await admin.createUser({ name: b.name as string, email: b.email as string | undefined, quota: b.quota as number | undefined, dailyQuota: b.daily_quota as number | undefined, team: b.team as string | undefined, models: b.models as string[] | undefined, role: b.role as UserRole | undefined }),
        };
      }
      if (m === 'GET' && id && !action) {
        if (who.role !== 'viewer') await self(id, 'read other users');
        return { status: 200, body: await admin.getUser(id) };
      }
      if (m === 'POST' && id && (action === 'disable' || action === 'enable')) {
        atLeast('tenant_admin', `${action} users`);
        return { status: 200, body: await admin.setUserDisabled(id, action === 'disable') };
      }
    }
    if (resource === 'teams') {
      if (m === 'GET' && !id) {
        if (who.role === 'member') throw forbidden(who, 'list teams');
        return page(await admin.listTeams(paging));
      }
      if (m === 'POST' && !id) {
        atLeast('tenant_admin', 'create teams');
        const b = await body();
        return { status: 201, body: await admin.createTeam({ name: b.name as string, monthlyBudget: b.monthly_budget as number | undefined, dailyBudget: b.daily_budget as number | undefined, models: b.models as string[] | undefined }) };
      }
    }
    if (resource === 'keys') {
      if (m === 'GET' && !id) {
        // Members see their own keys; viewers and admins the tenant's.
        const user = who.role === 'member' ? who.userId : (q.get('user') ?? undefined);
        if (who.role === 'member' && !user) throw forbidden(who, 'list keys without a store user');
        return page(await admin.listKeys({ ...paging, user }));
      }
      if (m === 'POST' && !id) {
        atLeast('member', 'create keys');
        const b = await body();
        if (typeof b.user !== 'string') throw new AdminError('invalid', 'user is required (a user id, name or email)', 'user');
        await self(b.user, "create keys for other users");
        const { key, secret } = await admin.createKey(b.user, {
          name: b.name as string | undefined,
          models: b.models as string[] | undefined,
          expiresInDays: b.expires_in_days as number | undefined,
          dailyBudget: b.daily_budget as number | undefined,
          monthlyBudget: b.monthly_budget as number | undefined,
        });
        return { status: 201, body: { ...key, key: secret } };
      }
      if (id && ((m === 'POST' && action === 'revoke') || (m === 'DELETE' && !action))) {
        atLeast('member', 'revoke keys');
        if (RANK[who.role] < RANK.tenant_admin) {
          const key = await admin.store.keys.get(id, who.tenant);
          if (!key || key.userId !== who.userId) throw forbidden(who, "revoke other users' keys");
        }
        return { status: 200, body: await admin.revokeKey(id) };
      }
    }
    if (resource === 'usage' && m === 'GET' && id === 'savings' && !action) {
      if (who.role === 'member') throw forbidden(who, "read the whole tenant's calls, budgets and savings");
      const gov = this.runtime.governance;
      return { status: 200, body: await admin.cacheSavings(period(q), (provider, model) => gov?.priceOf(provider, model)) };
    }
    if (resource === 'usage' && m === 'GET' && !id) {
      const team = q.get('team');
      const user = who.role === 'member' ? who.userId : (q.get('user') ?? undefined);
      if (who.role === 'member' && (team !== null || !user)) throw forbidden(who, "read other users' usage");
      return {
        status: 200,
        body: await admin.usage({
          user,
          team: team || undefined,
          allTeams: team === '',
          session: q.get('session') ?? undefined,
          ...period(q),
          groupBy: (q.get('group_by') as UsageGroup | null) ?? undefined,
          splitBy: (q.get('split_by') as UsageGroup | null) ?? undefined,
        }),
      };
    }
    if (resource === 'health' && m === 'GET' && !id) {
      if (who.role === 'member') throw forbidden(who, "read the gateway's health");
      const report = await healthReport(this.runtime);
      // Another tenant's own providers are not named to this one (strict isolation).
      return { status: 200, body: who.global ? report : { ...report, providers: report.providers.filter((p) => visibleToTenant(this.runtime.config, who.tenant, p.name)) } };
    }
    if (resource === 'calls' && m === 'GET' && !id) {
      if (who.role === 'member') throw forbidden(who, 'read the whole tenant\'s calls, budgets and savings');
      const calls = await admin.recentCalls(paging);
      const findings = await this.findingsOf(who.tenant, calls.items);
      return { status: 200, body: { data: findings ? calls.items.map((c) => ({ ...c, findings: findings.get(c.requestId) ?? [] })) : calls.items, next_cursor: calls.next ?? null } };
    }
    if (resource === 'budgets' && m === 'GET' && (id === 'users' || id === 'teams') && !action) {
      if (who.role === 'member') throw forbidden(who, 'read the whole tenant\'s calls, budgets and savings');
      return page(await admin.budgets(id === 'users' ? 'user' : 'team', paging, this.runtime.governance?.budgets?.quotas));
    }
    if (resource === 'approvals') {
      if (m === 'GET' && !id) {
        const user = who.approver || who.role === 'viewer' ? (q.get('user') ?? undefined) : who.userId;
        if (!who.approver && who.role !== 'viewer' && !user) throw forbidden(who, 'list approvals without a store user');
        return { status: 200, body: { data: await admin.listApprovals({ user, status: q.get('status') ?? undefined, limit: paging.limit }), next_cursor: null } };
      }
      if (m === 'POST' && !id) {
        atLeast('member', 'request approvals');
        const b = await body();
        const user = typeof b.user === 'string' ? b.user : who.userId;
        if (!user) throw new AdminError('invalid', 'user is required (the admin key acts for no user)', 'user');
        await self(user, 'request approvals for other users');
        return { status: 201, body: await admin.requestApproval(user, b.model as string, b.reason as string | undefined) };
      }
      if (m === 'POST' && id && (action === 'approve' || action === 'deny')) {
        if (!who.approver) throw forbidden(who, 'decide approvals (team.model_approval.admin_users, tenant admins and admins may)');
        const b = await body();
        return { status: 200, body: await admin.decideApproval(id, action === 'approve' ? 'approved' : 'denied', who.actor, b.note as string | undefined) };
      }
    }
    if (resource === 'tenants' && m === 'GET' && !id) {
      atLeast('tenant_admin', 'list tenants');
      const mt = this.runtime.config.multi_tenancy;
      const names = mt.enabled ? mt.tenants.map((t) => t.name) : [DEFAULT_TENANT];
      const visible = who.global ? names : names.filter((n) => n === who.tenant);
      const month = monthKey(Date.now());
      const data = await Promise.all(
        visible.map(async (name) => {
          const quota = mt.tenants.find((t) => t.name === name)?.quota;
          const spend = await admin.store.budgets.counter(name, { scope: 'tenant', period: month });
          return { name, quota_usd: quota ?? null, spent_usd: spend.spent, month: month.slice(2) };
        }),
      );
      return { status: 200, body: { data, next_cursor: null } };
    }
    if (resource === 'audit' && m === 'GET') {
      atLeast('tenant_admin', 'read the audit log');
      const log = this.runtime.governance?.audit?.log;
      if (!log) return err(404, 'not_found_error', 'The audit log is off: set audit.enabled');
      if (id === 'verify' && !action) {
        if (!who.global) throw forbidden(who, 'verify the whole audit log');
        await log.flush();
        return { status: 200, body: await verifyAudit(log.repo, { auditKey: this.runtime.governance?.audit?.auditKey, keyring: this.runtime.governance?.keyring }) };
      }
      const query = auditQuery(q, who.tenant);
      if (!id) {
        await log.flush();
        const after = intParam(q, 'cursor') ?? intParam(q, 'after') ?? 0;
        const limit = Math.min(paging.limit ?? 100, 1000);
        const rows = await log.repo.list({ ...query, afterSeq: after, limit });
        const data = rows.map(({ content: _c, contentMac: _m, keyId: _k, ...r }) => r);
        return { status: 200, body: { data, next_cursor: rows.length === limit ? String(rows[rows.length - 1]?.seq) : null } };
      }
      if (id === 'export' && !action) {
        const format = q.get('format') ?? 'csv';
        if (format !== 'csv' && format !== 'jsonl') throw new AdminError('invalid', `format must be csv or jsonl, got '${format}'`, 'format');
        await log.flush();
        // Rows without their prompt and response text: that is for `tokligence audit export`, where the keys are.
        const chunks = exportAudit(log.repo, query, format, undefined, { content: false });
        return { status: 200, body: null, file: { type: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson', name: `audit-${who.tenant}.${format}`, chunks } };
      }
    }
    return err(404, 'not_found_error', `No admin route for ${m} ${req.path}`);
  }
}

const AUDIT_KINDS = new Set<string>(['request', 'security', 'admin', 'retention']);

/** The audit filters of a request (`kind`, `actor`, `from`, `to`), always within the caller's tenant. */
function auditQuery(q: URLSearchParams, tenant: string): Omit<AuditQuery, 'afterSeq' | 'limit'> {
  const kind = q.get('kind') || undefined;
  if (kind !== undefined && !AUDIT_KINDS.has(kind)) throw new AdminError('invalid', `kind must be one of ${[...AUDIT_KINDS].join(', ')}, got '${kind}'`, 'kind');
  const actor = q.get('actor') || undefined;
  const from = dateParam(q, 'from');
  const to = dateParam(q, 'to');
  return { tenant, ...(kind ? { kind: kind as AuditKind } : {}), ...(actor ? { actor } : {}), ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** `month=` or `from=&to=` (checked by the service). */
function period(q: URLSearchParams): { month?: string; from?: string; to?: string } {
  return { month: q.get('month') ?? undefined, from: q.get('from') ?? undefined, to: q.get('to') ?? undefined };
}

function dateParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  const t = Date.parse(v);
  if (!Number.isFinite(t)) throw new AdminError('invalid', `${name} must be a date (2026-11-01) or an ISO time, got '${v}'`, name);
  return t;
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
