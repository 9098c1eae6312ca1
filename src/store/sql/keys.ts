import { decodeCursor, pageSize, toPage } from '../page.js';
import { type ApiKeyRepo, type NewApiKey, StoreConflictError } from '../store.js';
import { type ApiKey, DEFAULT_TENANT } from '../types.js';
import { type SqlContext, fromJson, nul, opt, optNum, strip, toJson } from './context.js';
import { toTeam } from './teams.js';
import { toUser } from './users.js';
import { uniqueViolation } from './driver.js';

type Row = Record<string, unknown>;

const toKey = (r: Row): ApiKey =>
  strip({
      id: r.id as string,
      tenant: r.tenant as string,
      userId: r.user_id as string,
      name: opt(r.name as string | null),
      prefix: r.prefix as string,
      hash: r.hash as string,
      models: fromJson<string[]>(r.models),
      dailyBudget: optNum(r.daily_budget),
      monthlyBudget: optNum(r.monthly_budget),
      expiresAt: optNum(r.expires_at),
      revokedAt: optNum(r.revoked_at),
      createdAt: Number(r.created_at),
  } as ApiKey);

const USER_COLUMNS = ['id', 'tenant', 'name', 'email', 'team_id', 'daily_budget', 'monthly_budget', 'models', 'role', 'disabled', 'created_at'];
const TEAM_COLUMNS = ['id', 'tenant', 'name', 'daily_budget', 'monthly_budget', 'models', 'created_at'];

export function sqlKeys(ctx: SqlContext, now: () => number): ApiKeyRepo {
  return {
    async create(input: NewApiKey) {
      const key: ApiKey = { ...input, tenant: input.tenant ?? DEFAULT_TENANT, createdAt: now() };
      try {
        await ctx.exec.run(
          'INSERT INTO api_keys (id, tenant, user_id, name, prefix, hash, models, daily_budget, monthly_budget, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            key.id,
            key.tenant,
            key.userId,
            nul(key.name),
            key.prefix,
            key.hash,
            toJson(key.models),
            nul(key.dailyBudget),
            nul(key.monthlyBudget),
            nul(key.expiresAt),
            key.createdAt,
          ],
        );
      } catch (err) {
        if (uniqueViolation(err)) throw new StoreConflictError('key prefix collision', 'prefix');
        throw err;
      }
      return strip(key);
    },
    async get(id, tenant = DEFAULT_TENANT) {
      const rows = await ctx.exec.all<Row>('SELECT * FROM api_keys WHERE id = ? AND tenant = ?', [id, tenant]);
      return rows[0] && toKey(rows[0]);
    },
    async byPrefix(prefix) {
      // Always the primary: a revocation must take effect at once, not when a replica catches up.
      const rows = await ctx.exec.all<Row>('SELECT * FROM api_keys WHERE prefix = ?', [prefix]);
      return rows[0] && toKey(rows[0]);
    },
    async withOwner(prefix) {
      // One read on the primary (a revocation counts at once): the key, its user and team, columns prefixed.
      const rows = await ctx.exec.all<Row>(
        `SELECT k.*, ${USER_COLUMNS.map((c) => `u.${c} AS u_${c}`).join(', ')}, ${TEAM_COLUMNS.map((c) => `t.${c} AS t_${c}`).join(', ')}
         FROM api_keys k JOIN users u ON u.id = k.user_id AND u.tenant = k.tenant LEFT JOIN teams t ON t.id = u.team_id AND t.tenant = u.tenant
         WHERE k.prefix = ?`,
        [prefix],
      );
      const r = rows[0];
      if (!r) return undefined;
      const part = (p: string) => Object.fromEntries(Object.entries(r).filter(([k]) => k.startsWith(p)).map(([k, v]) => [k.slice(p.length), v]));
      const user = strip(toUser(part('u_')));
      return { key: toKey(r), user, ...(r.t_id ? { team: toTeam(part('t_')) } : {}) };
    },
    async list(options = {}) {
      const size = pageSize(options);
      const cursor = decodeCursor(options.cursor);
      const rows = await ctx.read<Row>(
        'SELECT * FROM api_keys WHERE tenant = ? AND (CAST(? AS TEXT) IS NULL OR user_id = ?) AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?',
        [options.tenant ?? DEFAULT_TENANT, options.userId ?? null, options.userId ?? null, cursor?.at ?? -1, cursor?.at ?? -1, cursor?.id ?? '', size + 1],
      );
      return toPage(rows.map(toKey), size, (k) => [k.createdAt, k.id]);
    },
    async revoke(id, at, tenant = DEFAULT_TENANT) {
      await ctx.exec.run('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND tenant = ?', [at, id, tenant]);
      await ctx.identityChanged();
      return this.get(id, tenant);
    },
  };
}
