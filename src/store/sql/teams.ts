import { newRowId } from '../ids.js';
import { decodeCursor, pageSize, toPage } from '../page.js';
import { type NewTeam, StoreConflictError, type TeamRepo } from '../store.js';
import { DEFAULT_TENANT, type Team } from '../types.js';
import { type SqlContext, fromJson, nul, optNum, strip, toJson } from './context.js';
import { uniqueViolation } from './driver.js';

type Row = Record<string, unknown>;

export const toTeam = (r: Row): Team =>
  strip({
      id: r.id as string,
      tenant: r.tenant as string,
      name: r.name as string,
      dailyBudget: optNum(r.daily_budget),
      monthlyBudget: optNum(r.monthly_budget),
      models: fromJson<string[]>(r.models),
      createdAt: Number(r.created_at),
  } as Team);

export function sqlTeams(ctx: SqlContext, now: () => number): TeamRepo {
  return {
    async create(input: NewTeam) {
      const team = toTeam({
        id: input.id ?? newRowId('team'),
        tenant: input.tenant ?? DEFAULT_TENANT,
        name: input.name,
        daily_budget: input.dailyBudget,
        monthly_budget: input.monthlyBudget,
        models: toJson(input.models),
        created_at: now(),
      });
      try {
        await ctx.exec.run('INSERT INTO teams (id, tenant, name, daily_budget, monthly_budget, models, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          team.id,
          team.tenant,
          team.name,
          nul(team.dailyBudget),
          nul(team.monthlyBudget),
          toJson(team.models),
          team.createdAt,
        ]);
      } catch (err) {
        if (uniqueViolation(err)) throw new StoreConflictError(`a team named "${input.name}" already exists`, 'name');
        throw err;
      }
      await ctx.identityChanged();
      return team;
    },
    async get(id, tenant = DEFAULT_TENANT) {
      const rows = await ctx.exec.all<Row>('SELECT * FROM teams WHERE id = ? AND tenant = ?', [id, tenant]);
      return rows[0] && toTeam(rows[0]);
    },
    async find(ref, tenant = DEFAULT_TENANT) {
      const rows = await ctx.exec.all<Row>('SELECT * FROM teams WHERE tenant = ? AND (id = ? OR name = ?) ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END LIMIT 1', [
        tenant,
        ref,
        ref,
        ref,
      ]);
      return rows[0] && toTeam(rows[0]);
    },
    async list(options = {}) {
      const size = pageSize(options);
      const cursor = decodeCursor(options.cursor);
      const rows = await ctx.read<Row>(
        'SELECT * FROM teams WHERE tenant = ? AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?',
        [options.tenant ?? DEFAULT_TENANT, cursor?.at ?? -1, cursor?.at ?? -1, cursor?.id ?? '', size + 1],
      );
      return toPage(rows.map(toTeam), size, (t) => [t.createdAt, t.id]);
    },
  };
}
