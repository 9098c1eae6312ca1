import { newRowId } from '../ids.js';
import { decodeCursor, pageSize, toPage } from '../page.js';
import { type NewUser, StoreConflictError, type UserRepo } from '../store.js';
import { DEFAULT_TENANT, type User } from '../types.js';
import { type SqlContext, fromJson, nul, opt, optNum, strip, toJson } from './context.js';
import { uniqueViolation } from './driver.js';

type Row = Record<string, unknown>;

export const toUser = (r: Row): User => ({
  id: r.id as string,
  tenant: r.tenant as string,
  name: r.name as string,
  email: opt(r.email as string | null),
  teamId: opt(r.team_id as string | null),
  dailyBudget: optNum(r.daily_budget),
  monthlyBudget: optNum(r.monthly_budget),
  models: fromJson<string[]>(r.models),
  role: (opt(r.role as string | null) ?? 'member') as User['role'],
  disabled: Number(r.disabled) === 1,
  createdAt: Number(r.created_at),
});

const clean = (u: User) => strip(u);

export function sqlUsers(ctx: SqlContext, now: () => number): UserRepo {
  return {
    async create(input: NewUser) {
      const user: User = clean({ ...input, role: input.role ?? 'member', id: input.id ?? newRowId('usr'), tenant: input.tenant ?? DEFAULT_TENANT, disabled: false, createdAt: now() });
      try {
        await ctx.exec.run(
          'INSERT INTO users (id, tenant, name, email, team_id, daily_budget, monthly_budget, models, role, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)',
          [user.id, user.tenant, user.name, nul(user.email), nul(user.teamId), nul(user.dailyBudget), nul(user.monthlyBudget), toJson(user.models), user.role ?? 'member', user.createdAt],
        );
      } catch (err) {
        const field = uniqueViolation(err);
        if (field === 'email') throw new StoreConflictError(`a user with email "${input.email}" already exists`, 'email');
        if (field) throw new StoreConflictError(`a user named "${input.name}" already exists`, 'name');
        throw err;
      }
      await ctx.identityChanged();
      return user;
    },
    async get(id, tenant = DEFAULT_TENANT) {
      const rows = await ctx.exec.all<Row>('SELECT * FROM users WHERE id = ? AND tenant = ?', [id, tenant]);
      return rows[0] && clean(toUser(rows[0]));
    },
    async find(ref, tenant = DEFAULT_TENANT) {
      const rows = await ctx.exec.all<Row>(
        'SELECT * FROM users WHERE tenant = ? AND (id = ? OR name = ? OR email = ?) ORDER BY CASE WHEN id = ? THEN 0 WHEN name = ? THEN 1 ELSE 2 END LIMIT 1',
        [tenant, ref, ref, ref, ref, ref],
      );
      return rows[0] && clean(toUser(rows[0]));
    },
    async list(options = {}) {
      const size = pageSize(options);
      const cursor = decodeCursor(options.cursor);
      const params = [options.tenant ?? DEFAULT_TENANT, options.teamId ?? null, options.teamId ?? null, cursor?.at ?? -1, cursor?.at ?? -1, cursor?.id ?? '', size + 1];
      const rows = await ctx.read<Row>(
        'SELECT * FROM users WHERE tenant = ? AND (CAST(? AS TEXT) IS NULL OR team_id = ?) AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?',
        params,
      );
      return toPage(rows.map((r) => clean(toUser(r))), size, (u) => [u.createdAt, u.id]);
    },
    async update(id, patch, tenant = DEFAULT_TENANT) {
      const columns: Record<string, string> = { disabled: 'disabled', teamId: 'team_id', dailyBudget: 'daily_budget', monthlyBudget: 'monthly_budget', models: 'models', email: 'email', role: 'role' };
      const sets: string[] = [];
      const values: (string | number | null)[] = [];
      for (const [key, value] of Object.entries(patch)) {
        const column = columns[key];
        if (!column) continue;
        sets.push(`${column} = ?`);
        values.push(key === 'disabled' ? (value ? 1 : 0) : key === 'models' ? toJson(value) : nul(value as string | number | undefined));
      }
      if (sets.length > 0)
        try {
          await ctx.exec.run(`UPDATE users SET ${sets.join(', ')} WHERE id = ? AND tenant = ?`, [...values, id, tenant]);
          await ctx.identityChanged();
        } catch (err) {
          if (uniqueViolation(err)) throw new StoreConflictError(`a user with email "${patch.email}" already exists`, 'email');
          throw err;
        }
      return this.get(id, tenant);
    },
  };
}
