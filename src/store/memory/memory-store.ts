import { decodeCursor, pageSize, toPage } from '../page.js';
import { counterId, countersOf } from '../periods.js';
import { MemoryAuditRepo } from '../audit/memory-repo.js';
import { type ApprovalRepo, type NewApiKey, type NewTeam, type NewUser, type Store, StoreConflictError } from '../store.js';
import { newRowId } from '../ids.js';
import { totalsOf } from '../totals.js';
import { type ApiKey, type Approval, type CounterRef, DEFAULT_TENANT, type LeaseGrant, type LeaseRequest, type Team, type UsageQuery, type UsageRow, type User } from '../types.js';

const byCreated = <T extends { createdAt: number; id: string }>(a: T, b: T) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const after = (cursor: { at: number; id: string } | undefined) => (x: { createdAt: number; id: string }) =>
  !cursor || x.createdAt > cursor.at || (x.createdAt === cursor.at && x.id > cursor.id);
const clone = <T>(x: T): T => structuredClone(x);

/** Everything in maps: for tests and ephemeral in-process use. Lost when the process ends. */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly userRows = new Map<string, User>();
  private readonly teamRows = new Map<string, Team>();
  private readonly keyRows = new Map<string, ApiKey>();
  private readonly usageRows = new Map<string, UsageRow>();
  private readonly counters = new Map<string, { spent: number; reserved: number }>();
  private readonly reservations = new Map<string, { tenant: string; refs: CounterRef[]; amount: number; expiresAt: number }>();

  /** Bumped by every write to users, teams or keys (see Store.identityVersion). */
  private version = 0;

  constructor(private readonly now: () => number = Date.now) {}

  identityVersion(): number {
    return this.version;
  }

  readonly users = {
    create: async (input: NewUser): Promise<User> => {
      const tenant = input.tenant ?? DEFAULT_TENANT;
      for (const u of this.userRows.values()) {
        if (u.tenant !== tenant) continue;
        if (u.name === input.name) throw new StoreConflictError(`a user named "${input.name}" already exists`, 'name');
        if (input.email && u.email === input.email) throw new StoreConflictError(`a user with email "${input.email}" already exists`, 'email');
      }
      const user: User = { ...input, role: input.role ?? 'member', id: input.id ?? newRowId('usr'), tenant, disabled: false, createdAt: this.now() };
      if (this.userRows.has(user.id)) throw new StoreConflictError(`user id "${user.id}" already exists`, 'id');
      this.userRows.set(user.id, clone(user));
      this.version++;
      return user;
    },
    get: async (id: string, tenant = DEFAULT_TENANT) => {
      const u = this.userRows.get(id);
      return u && u.tenant === tenant ? clone(u) : undefined;
    },
    find: async (ref: string, tenant = DEFAULT_TENANT) => {
      const all = [...this.userRows.values()].filter((u) => u.tenant === tenant);
      const u = all.find((x) => x.id === ref) ?? all.find((x) => x.name === ref) ?? all.find((x) => x.email === ref);
      return u && clone(u);
    },
    list: async (options: { tenant?: string; limit?: number; cursor?: string; teamId?: string } = {}) => {
      const tenant = options.tenant ?? DEFAULT_TENANT;
      const rows = [...this.userRows.values()]
        .filter((u) => u.tenant === tenant && (!options.teamId || u.teamId === options.teamId))
        .filter(after(decodeCursor(options.cursor)))
        .sort(byCreated);
      return toPage(rows.map(clone), pageSize(options), (u) => [u.createdAt, u.id]);
    },
    update: async (id: string, patch: Partial<User>, tenant = DEFAULT_TENANT) => {
      const u = this.userRows.get(id);
      if (!u || u.tenant !== tenant) return undefined;
      if (patch.email && [...this.userRows.values()].some((x) => x.id !== id && x.tenant === tenant && x.email === patch.email))
        throw new StoreConflictError(`a user with email "${patch.email}" already exists`, 'email');
      Object.assign(u, patch);
      this.version++;
      return clone(u);
    },
  };

  readonly teams = {
    create: async (input: NewTeam): Promise<Team> => {
      const tenant = input.tenant ?? DEFAULT_TENANT;
      if ([...this.teamRows.values()].some((t) => t.tenant === tenant && t.name === input.name))
        throw new StoreConflictError(`a team named "${input.name}" already exists`, 'name');
      const team: Team = { ...input, id: input.id ?? newRowId('team'), tenant, createdAt: this.now() };
      this.teamRows.set(team.id, clone(team));
      this.version++;
      return team;
    },
    get: async (id: string, tenant = DEFAULT_TENANT) => {
      const t = this.teamRows.get(id);
      return t && t.tenant === tenant ? clone(t) : undefined;
    },
    find: async (ref: string, tenant = DEFAULT_TENANT) => {
      const all = [...this.teamRows.values()].filter((t) => t.tenant === tenant);
      const t = all.find((x) => x.id === ref) ?? all.find((x) => x.name === ref);
      return t && clone(t);
    },
    list: async (options: { tenant?: string; limit?: number; cursor?: string } = {}) => {
      const tenant = options.tenant ?? DEFAULT_TENANT;
      const rows = [...this.teamRows.values()].filter((t) => t.tenant === tenant).filter(after(decodeCursor(options.cursor))).sort(byCreated);
      return toPage(rows.map(clone), pageSize(options), (t) => [t.createdAt, t.id]);
    },
  };

  readonly keys = {
    create: async (input: NewApiKey): Promise<ApiKey> => {
      const key: ApiKey = { ...input, tenant: input.tenant ?? DEFAULT_TENANT, createdAt: this.now() };
      if ([...this.keyRows.values()].some((k) => k.prefix === key.prefix)) throw new StoreConflictError('key prefix collision', 'prefix');
      this.keyRows.set(key.id, clone(key));
      return key;
    },
    get: async (id: string, tenant = DEFAULT_TENANT) => {
      const k = this.keyRows.get(id);
      return k && k.tenant === tenant ? clone(k) : undefined;
    },
    byPrefix: async (prefix: string) => {
      for (const k of this.keyRows.values()) if (k.prefix === prefix) return clone(k);
      return undefined;
    },
    withOwner: async (prefix: string) => {
      const key = [...this.keyRows.values()].find((k) => k.prefix === prefix);
      const user = key && this.userRows.get(key.userId);
      if (!key || !user || user.tenant !== key.tenant) return undefined;
      const team = user.teamId ? this.teamRows.get(user.teamId) : undefined;
      return { key: clone(key), user: clone(user), ...(team && team.tenant === user.tenant ? { team: clone(team) } : {}) };
    },
    list: async (options: { tenant?: string; limit?: number; cursor?: string; userId?: string } = {}) => {
      const tenant = options.tenant ?? DEFAULT_TENANT;
      const rows = [...this.keyRows.values()]
        .filter((k) => k.tenant === tenant && (!options.userId || k.userId === options.userId))
        .filter(after(decodeCursor(options.cursor)))
        .sort(byCreated);
      return toPage(rows.map(clone), pageSize(options), (k) => [k.createdAt, k.id]);
    },
    revoke: async (id: string, at: number, tenant = DEFAULT_TENANT) => {
      const k = this.keyRows.get(id);
      if (!k || k.tenant !== tenant) return undefined;
      k.revokedAt ??= at;
      this.version++;
      return clone(k);
    },
  };

  readonly ledger = {
    write: async (rows: UsageRow[]) => {
      let inserted = 0;
      const months = new Map<string, { tenant: string; period: string; before: number; after: number }>();
      for (const row of rows) {
        if (this.usageRows.has(row.requestId)) continue;
        this.usageRows.set(row.requestId, clone(row));
        inserted++;
        for (const ref of countersOf(row)) {
          const c = this.counter(row.tenant, ref);
          if (ref.scope === 'tenant') {
            const key = `${row.tenant}\u0000${ref.period}`;
            const m = months.get(key) ?? { tenant: row.tenant, period: ref.period, before: c.spent, after: c.spent };
            m.after = c.spent + row.costUsd;
            months.set(key, m);
          }
          c.spent += row.costUsd;
        }
        for (const id of row.leases ?? []) this.shrink(id, row.costUsd);
      }
      return { inserted, tenantMonths: [...months.values()] };
    },
    get: async (requestId: string, tenant = DEFAULT_TENANT) => {
      const r = this.usageRows.get(requestId);
      return r && r.tenant === tenant ? clone(r) : undefined;
    },
    totals: async (query: UsageQuery) => totalsOf(this.matching(query), query.groupBy, query.splitBy),
    purgeBefore: async (ts: number) => {
      let n = 0;
      for (const [id, r] of this.usageRows) if (r.ts < ts && this.usageRows.delete(id)) n++;
      return n;
    },
    list: async (query: UsageQuery & { limit?: number; cursor?: string }) => {
      const cursor = decodeCursor(query.cursor);
      const rows = this.matching(query)
        .filter((r) => !cursor || r.ts < cursor.at || (r.ts === cursor.at && r.requestId < cursor.id))
        .sort((a, b) => b.ts - a.ts || (a.requestId < b.requestId ? 1 : -1));
      return toPage(rows.map(clone), pageSize(query), (r) => [r.ts, r.requestId]);
    },
  };

  readonly budgets = {
    lease: async (tenant: string, requests: LeaseRequest[], expiresAt: number): Promise<LeaseGrant[]> =>
      requests.map((r) => {
        const c = this.counter(tenant, r);
        const before = { spent: c.spent, reserved: c.reserved };
        const granted = Math.max(0, Math.min(r.want, r.limit - c.spent - c.reserved));
        if (granted > 0) {
          c.reserved += granted;
          const lease = this.reservations.get(r.id);
          if (lease) {
            lease.amount += granted;
            lease.expiresAt = expiresAt;
          } else this.reservations.set(r.id, { tenant, refs: [{ scope: r.scope, period: r.period }], amount: granted, expiresAt });
        }
        return { granted, ...before };
      }),
    giveBack: async (id: string, amount: number) => this.shrink(id, amount),
    renew: async (prefix: string, expiresAt: number) => {
      for (const [id, r] of this.reservations) if (id.startsWith(prefix)) r.expiresAt = expiresAt;
    },
    expire: async (now: number) => {
      let n = 0;
      for (const [id, r] of this.reservations)
        if (r.expiresAt <= now) {
          this.shrink(id, r.amount);
          n++;
        }
      return n;
    },
    counter: async (tenant: string, ref: CounterRef) => ({ ...this.counter(tenant, ref) }),
  };

  readonly audit = new MemoryAuditRepo();

  private readonly approvalRows = new Map<string, Approval>();
  readonly approvals: ApprovalRepo = {
    create: async (input) => {
      const a: Approval = { ...input, id: newRowId('apr'), tenant: input.tenant ?? DEFAULT_TENANT, status: 'pending', requestedAt: this.now() };
      if (a.reason === undefined) delete a.reason;
      this.approvalRows.set(a.id, clone(a));
      return a;
    },
    get: async (id, tenant = DEFAULT_TENANT) => {
      const a = this.approvalRows.get(id);
      return a && a.tenant === tenant ? clone(a) : undefined;
    },
    list: async (q = {}) =>
      [...this.approvalRows.values()]
        .filter((a) => a.tenant === (q.tenant ?? DEFAULT_TENANT) && (q.userId === undefined || a.userId === q.userId) && (q.status === undefined || a.status === q.status) && (q.model === undefined || a.model === q.model))
        .sort((a, b) => b.requestedAt - a.requestedAt || (a.id < b.id ? 1 : -1))
        .slice(0, q.limit ?? 100)
        .map(clone),
    decide: async (id, tenant, d) => {
      const a = this.approvalRows.get(id);
      if (!a || a.tenant !== tenant) return undefined;
      const changed = a.status === 'pending';
      if (changed) Object.assign(a, { status: d.status, decidedBy: d.decidedBy, decidedAt: this.now(), ...(d.note !== undefined ? { note: d.note } : {}) });
      return { approval: clone(a), changed };
    },
  };

  async transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    // Single-threaded and every method completes in one step: undo by snapshot on a throw.
    const snapshot = [this.userRows, this.teamRows, this.keyRows].map((m) => new Map([...m].map(([k, v]) => [k, clone(v)])));
    try {
      return await fn(this);
    } catch (err) {
      for (const [i, m] of [this.userRows, this.teamRows, this.keyRows].entries()) {
        m.clear();
        for (const [k, v] of snapshot[i] as Map<string, never>) m.set(k, v);
      }
      throw err;
    }
  }

  async close(): Promise<void> {}

  private counter(tenant: string, ref: CounterRef): { spent: number; reserved: number } {
    const id = counterId(tenant, ref);
    let c = this.counters.get(id);
    if (!c) this.counters.set(id, (c = { spent: 0, reserved: 0 }));
    return c;
  }

  /** Take up to `amount` out of a lease and its counters' reserved; a lease reaching nothing goes. */
  private shrink(id: string, amount: number): void {
    const r = this.reservations.get(id);
    if (!r || !(amount > 0)) return;
    const take = Math.min(r.amount, amount);
    r.amount -= take;
    if (r.amount <= 1e-12) this.reservations.delete(id);
    for (const ref of r.refs) {
      const c = this.counter(r.tenant, ref);
      c.reserved = Math.max(0, c.reserved - take);
    }
  }

  private matching(q: UsageQuery): UsageRow[] {
    const tenant = q.tenant ?? DEFAULT_TENANT;
    return [...this.usageRows.values()].filter(
      (r) =>
        r.tenant === tenant &&
        (!q.userId || r.userId === q.userId) &&
        (!q.teamId || r.teamId === q.teamId) &&
        (!q.keyId || r.keyId === q.keyId) &&
        (!q.session || r.session === q.session) &&
        (q.from === undefined || r.ts >= q.from) &&
        (q.to === undefined || r.ts < q.to) &&
        (q.cacheHit === undefined || r.cacheHit === q.cacheHit),
    );
  }
}
