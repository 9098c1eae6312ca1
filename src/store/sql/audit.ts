import { linkRows } from '../audit/chain.js';
import type { AuditCheckpoint, AuditEntry, AuditQuery, AuditRepo, AuditRow } from '../audit/types.js';
import { type SqlContext, fromJson, nul, opt, optNum, strip, toJson } from './context.js';
import type { SqlValue } from './driver.js';

type Row = Record<string, unknown>;

const COLUMNS = [
  'seq', 'tenant', 'ts', 'kind', 'action', 'actor', 'role', 'request_id', 'route', 'model', 'provider', 'decision', 'status',
  'findings', 'target', 'details', 'content', 'key_id', 'content_mac', 'prev', 'hash',
] as const;

const values = (r: AuditRow): SqlValue[] => [
  r.seq, r.tenant, r.ts, r.kind, r.action, nul(r.actor), nul(r.role), nul(r.requestId), nul(r.route), nul(r.model), nul(r.provider), nul(r.decision), nul(r.status),
  toJson(r.findings), nul(r.target), toJson(r.details), nul(r.content), nul(r.keyId), nul(r.contentMac), nul(r.prev), nul(r.hash),
];

/** A row read back equals the row written (the chain's hash is recomputed from it). */
const toRow = (r: Row): AuditRow =>
  strip({
    seq: Number(r.seq),
    tenant: r.tenant as string,
    ts: Number(r.ts),
    kind: r.kind as AuditRow['kind'],
    action: r.action as string,
    actor: opt(r.actor as string | null),
    role: opt(r.role as string | null),
    requestId: opt(r.request_id as string | null),
    route: opt(r.route as string | null),
    model: opt(r.model as string | null),
    provider: opt(r.provider as string | null),
    decision: opt(r.decision as string | null),
    status: optNum(r.status),
    findings: fromJson<AuditRow['findings']>(r.findings),
    target: opt(r.target as string | null),
    details: fromJson<Record<string, unknown>>(r.details),
    content: opt(r.content as string | null),
    keyId: opt(r.key_id as string | null),
    contentMac: opt(r.content_mac as string | null),
    prev: opt(r.prev as string | null),
    hash: opt(r.hash as string | null),
  } as AuditRow);

const toCheckpoint = (r: Row): AuditCheckpoint => strip({ seq: Number(r.seq), hash: r.hash as string, ts: Number(r.ts), prevMac: opt(r.prev_mac as string | null), mac: r.mac as string } as AuditCheckpoint);

/** Rows per INSERT (21 values each). */
const CHUNK = 200;
/** One chain for all instances: appends and checkpoints take this PostgreSQL advisory lock. */
const CHAIN_LOCK = 7412004;

export function sqlAudit(ctx: SqlContext): AuditRepo {
  const lock = async (tx: { all: SqlContext['exec']['all'] }) => {
    if (ctx.dialect === 'postgres') await tx.all(`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
  };
  const tailOf = async (exec: SqlContext['exec']) => {
    const rows = await exec.all<Row>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const r = rows[0];
    return r && { seq: Number(r.seq), ...(r.hash ? { hash: r.hash as string } : {}) };
  };
  return {
    append(entries: AuditEntry[], link: boolean) {
      if (entries.length === 0) return Promise.resolve([]);
      return ctx.atomic(async (tx) => {
        await lock(tx);
        const rows = linkRows(entries, await tailOf(tx), link);
        for (let i = 0; i < rows.length; i += CHUNK) {
          const chunk = rows.slice(i, i + CHUNK);
          await tx.run(`INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES ${chunk.map(() => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')}`, chunk.flatMap(values));
        }
        return rows;
      });
    },
    tail: () => tailOf(ctx.exec),
    async list(q: AuditQuery) {
      const parts = ['seq > ?'];
      const params: SqlValue[] = [q.afterSeq ?? 0];
      if (q.tenant !== undefined) {
        parts.push('tenant = ?');
        params.push(q.tenant);
      }
      if (q.from !== undefined) {
        parts.push('ts >= ?');
        params.push(q.from);
      }
      if (q.to !== undefined) {
        parts.push('ts < ?');
        params.push(q.to);
      }
      if (q.kind !== undefined) {
        parts.push('kind = ?');
        params.push(q.kind);
      }
      if (q.actor !== undefined) {
        parts.push('actor = ?');
        params.push(q.actor);
      }
      const rows = await ctx.exec.all<Row>(`SELECT * FROM audit_log WHERE ${parts.join(' AND ')} ORDER BY seq LIMIT ?`, [...params, q.limit ?? 1000]);
      return rows.map(toRow);
    },
    checkpoint(sign) {
      return ctx.atomic(async (tx) => {
        await lock(tx);
        const tail = await tailOf(tx);
        if (!tail?.hash) return undefined;
        const lastRows = await tx.all<Row>('SELECT * FROM audit_checkpoints ORDER BY n DESC LIMIT 1');
        const last = lastRows[0];
        const cp = sign({ seq: tail.seq, hash: tail.hash }, last && toCheckpoint(last));
        if (!cp) return undefined;
        await tx.run('INSERT INTO audit_checkpoints (n, seq, hash, ts, prev_mac, mac) VALUES (?, ?, ?, ?, ?, ?)', [
          last ? Number(last.n) + 1 : 1,
          cp.seq,
          cp.hash,
          cp.ts,
          nul(cp.prevMac),
          cp.mac,
        ]);
        return cp;
      });
    },
    async checkpoints() {
      return (await ctx.exec.all<Row>('SELECT * FROM audit_checkpoints ORDER BY n')).map(toCheckpoint);
    },
    async setContent(updates) {
      if (updates.length === 0) return;
      await ctx.atomic(async (tx) => {
        for (const u of updates) await tx.run('UPDATE audit_log SET content = ?, key_id = ? WHERE seq = ?', [nul(u.content), nul(u.keyId), u.seq]);
      });
    },
    deleteThrough(throughSeq) {
      return ctx.exec.run('DELETE FROM audit_log WHERE seq <= ?', [throughSeq]);
    },
  };
}
