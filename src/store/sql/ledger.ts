import { decodeCursor, pageSize, toPage } from '../page.js';
import { counterId, countersOf } from '../periods.js';
import { byCostThenName } from '../totals.js';
import type { LedgerRepo } from '../store.js';
import { type CounterRef, DEFAULT_TENANT, type UsageQuery, type UsageRow, type UsageTotals } from '../types.js';
import { type SqlContext, fromJson, nul, opt, optNum, strip, toJson } from './context.js';
import { shrinkLeases } from './budgets.js';
import type { SqlExecutor, SqlValue } from './driver.js';

type Row = Record<string, unknown>;

const COLUMNS = [
  'request_id', 'tenant', 'ts', 'user_id', 'key_id', 'team_id', 'session', 'tags', 'dialect', 'provider', 'model', 'alias',
  'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'reasoning_tokens', 'cost_usd', 'latency_ms', 'ttft_ms',
  'status', 'error_kind', 'cache_hit', 'firewall_action',
] as const;

const values = (r: UsageRow): SqlValue[] => [
  r.requestId, r.tenant, r.ts, nul(r.userId), nul(r.keyId), nul(r.teamId), nul(r.session), toJson(r.tags), r.dialect, nul(r.provider), nul(r.model), nul(r.alias),
  r.inputTokens, r.outputTokens, r.cacheReadTokens, r.cacheWriteTokens, r.reasoningTokens, r.costUsd, Math.round(r.latencyMs), r.ttftMs === undefined ? null : Math.round(r.ttftMs),
  r.status, nul(r.errorKind), r.cacheHit ? 1 : 0, nul(r.firewallAction),
];

const toRow = (r: Row): UsageRow =>
  strip({
    requestId: r.request_id as string,
    tenant: r.tenant as string,
    ts: Number(r.ts),
    userId: opt(r.user_id as string | null),
    keyId: opt(r.key_id as string | null),
    teamId: opt(r.team_id as string | null),
    session: opt(r.session as string | null),
    tags: fromJson<Record<string, string>>(r.tags),
    dialect: r.dialect as string,
    provider: opt(r.provider as string | null),
    model: opt(r.model as string | null),
    alias: opt(r.alias as string | null),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    cacheReadTokens: Number(r.cache_read_tokens),
    cacheWriteTokens: Number(r.cache_write_tokens),
    reasoningTokens: Number(r.reasoning_tokens),
    costUsd: Number(r.cost_usd),
    latencyMs: Number(r.latency_ms),
    ttftMs: optNum(r.ttft_ms),
    status: r.status as UsageRow['status'],
    errorKind: opt(r.error_kind as string | null),
    cacheHit: Number(r.cache_hit) === 1,
    firewallAction: opt(r.firewall_action as string | null),
  } as UsageRow);

/** Rows per INSERT statement (25 values each; SQLite allows 32 766 bound values). */
const CHUNK = 200;

/** WHERE clause and values for a usage query (only bound values, never spliced). */
function where(q: UsageQuery): { sql: string; params: SqlValue[] } {
  const parts = ['tenant = ?'];
  const params: SqlValue[] = [q.tenant ?? DEFAULT_TENANT];
  const add = (sql: string, value: SqlValue | undefined) => {
    if (value === undefined) return;
    parts.push(sql);
    params.push(value);
  };
  add('user_id = ?', q.userId);
  add('team_id = ?', q.teamId);
  add('key_id = ?', q.keyId);
  add('session = ?', q.session);
  add('ts >= ?', q.from);
  add('ts < ?', q.to);
  add('cache_hit = ?', q.cacheHit === undefined ? undefined : q.cacheHit ? 1 : 0);
  return { sql: parts.join(' AND '), params };
}

function groupExpression(dialect: 'sqlite' | 'postgres', by: UsageQuery['groupBy']): string | undefined {
  switch (by) {
    case 'user':
      return 'user_id';
    case 'team':
      return 'team_id';
    case 'key':
      return 'key_id';
    case 'session':
      return 'session';
    case 'model':
      return "COALESCE(provider || '/' || model, model)";
    case 'provider':
      return 'provider';
    case 'alias':
      return 'alias';
    case 'day':
      return dialect === 'sqlite' ? "strftime('%Y-%m-%d', ts / 1000, 'unixepoch')" : "to_char(to_timestamp(ts / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
    case 'hour':
      return dialect === 'sqlite' ? "strftime('%Y-%m-%dT%H', ts / 1000, 'unixepoch')" : `to_char(to_timestamp(ts / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24')`;
    default:
      return undefined;
  }
}

interface CounterDelta {
  ref: CounterRef;
  tenant: string;
  spent: number;
  released: number;
}

/** Add spend and release reservations, one statement per counter, in key order (no deadlocks between instances). */
async function applyCounters(tx: SqlExecutor, deltas: Map<string, CounterDelta>): Promise<Map<string, number>> {
  const after = new Map<string, number>();
  for (const id of [...deltas.keys()].sort()) {
    const d = deltas.get(id) as CounterDelta;
    const rows = await tx.all<{ spent: number }>(
      `INSERT INTO budget_counters (tenant, scope, period, spent, reserved) VALUES (?, ?, ?, ?, 0)
       ON CONFLICT (tenant, scope, period) DO UPDATE SET spent = budget_counters.spent + excluded.spent,
         reserved = CASE WHEN budget_counters.reserved > ? THEN budget_counters.reserved - ? ELSE 0 END
       RETURNING spent`,
      [d.tenant, d.ref.scope, d.ref.period, d.spent, d.released, d.released],
    );
    after.set(id, Number(rows[0]?.spent ?? 0));
  }
  return after;
}

export function sqlLedger(ctx: SqlContext): LedgerRepo {
  return {
    write(rows) {
      if (rows.length === 0) return Promise.resolve({ inserted: 0, tenantMonths: [] });
      return ctx.atomic(async (tx) => {
        const inserted: UsageRow[] = [];
        const byId = new Map(rows.map((r) => [r.requestId, r]));
        for (let i = 0; i < rows.length; i += CHUNK) {
          const chunk = rows.slice(i, i + CHUNK);
          const placeholders = chunk.map(() => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ');
          const got = await tx.all<{ request_id: string }>(
            `INSERT INTO usage (${COLUMNS.join(', ')}) VALUES ${placeholders} ON CONFLICT (request_id) DO NOTHING RETURNING request_id`,
            chunk.flatMap(values),
          );
          for (const g of got) inserted.push(byId.get(g.request_id) as UsageRow);
        }
        const deltas = new Map<string, CounterDelta>();
        const delta = (tenant: string, ref: CounterRef) => {
          const id = counterId(tenant, ref);
          let d = deltas.get(id);
          if (!d) deltas.set(id, (d = { ref, tenant, spent: 0, released: 0 }));
          return d;
        };
        for (const row of inserted) for (const ref of countersOf(row)) delta(row.tenant, ref).spent += row.costUsd;
        // The cost of each row comes out of the leases it was admitted under (they held it as reserved).
        const leased = new Map<string, number>();
        for (const row of inserted) for (const id of row.leases ?? []) leased.set(id, (leased.get(id) ?? 0) + row.costUsd);
        for (const r of await shrinkLeases(tx, ctx.dialect, leased)) delta(r.tenant, r.ref).released += r.released;
        const after = await applyCounters(tx, deltas);
        const tenantMonths = [...deltas.entries()]
          .filter(([, d]) => d.ref.scope === 'tenant')
          .map(([id, d]) => ({ tenant: d.tenant, period: d.ref.period, before: (after.get(id) ?? 0) - d.spent, after: after.get(id) ?? 0 }));
        return { inserted: inserted.length, tenantMonths };
      });
    },
    async purgeBefore(ts) {
      return ctx.exec.run('DELETE FROM usage WHERE ts < ?', [ts]);
    },
    async get(requestId, tenant = DEFAULT_TENANT) {
      const rows = await ctx.exec.all<Row>('SELECT * FROM usage WHERE request_id = ? AND tenant = ?', [requestId, tenant]);
      return rows[0] && toRow(rows[0]);
    },
    async totals(query) {
      const w = where(query);
      const group = groupExpression(ctx.dialect, query.groupBy);
      const split = group ? groupExpression(ctx.dialect, query.splitBy) : undefined;
      const keys = [group && `${group} AS grp`, split && `${split} AS split`].filter(Boolean);
      const by = [group, split].filter(Boolean).join(', ');
      const rows = await ctx.read<Row>(
        `SELECT ${keys.map((k) => `${k}, `).join('')}COUNT(*) AS requests, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
           SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens, SUM(cost_usd) AS cost_usd,
           SUM(CASE WHEN status <> 'completed' THEN 1 ELSE 0 END) AS errors, SUM(cache_hit) AS cache_hits
         FROM usage WHERE ${w.sql}${by ? ` GROUP BY ${by}` : ''}`,
        w.params,
      );
      const totals = rows.map(
        (r): UsageTotals => ({
          ...(group ? { group: (r.grp as string | null) ?? '' } : {}),
          ...(split ? { split: (r.split as string | null) ?? '' } : {}),
          requests: Number(r.requests ?? 0),
          inputTokens: Number(r.input_tokens ?? 0),
          outputTokens: Number(r.output_tokens ?? 0),
          cacheReadTokens: Number(r.cache_read_tokens ?? 0),
          cacheWriteTokens: Number(r.cache_write_tokens ?? 0),
          costUsd: Number(r.cost_usd ?? 0),
          errors: Number(r.errors ?? 0),
          cacheHits: Number(r.cache_hits ?? 0),
        }),
      );
      // Sorted here, not in SQL: the same order on every backend, whatever the database's collation.
      return group ? totals.sort(byCostThenName) : totals;
    },
    async list(query) {
      const size = pageSize(query);
      const cursor = decodeCursor(query.cursor);
      const w = where(query);
      const rows = await ctx.read<Row>(
        `SELECT * FROM usage WHERE ${w.sql}${cursor ? ' AND (ts < ? OR (ts = ? AND request_id < ?))' : ''} ORDER BY ts DESC, request_id DESC LIMIT ?`,
        [...w.params, ...(cursor ? [cursor.at, cursor.at, cursor.id] : []), size + 1],
      );
      return toPage(rows.map(toRow), size, (r) => [r.ts, r.requestId]);
    },
  };
}
