import { newRowId } from '../ids.js';
import type { ApprovalRepo } from '../store.js';
import { type Approval, DEFAULT_TENANT } from '../types.js';
import { type SqlContext, nul, opt, optNum, strip } from './context.js';
import type { SqlValue } from './driver.js';

type Row = Record<string, unknown>;

const toApproval = (r: Row): Approval =>
  strip({
    id: r.id as string,
    tenant: r.tenant as string,
    userId: r.user_id as string,
    model: r.model as string,
    status: r.status as Approval['status'],
    reason: opt(r.reason as string | null),
    requestedAt: Number(r.requested_at),
    decidedBy: opt(r.decided_by as string | null),
    decidedAt: optNum(r.decided_at),
    note: opt(r.note as string | null),
  } as Approval);

export function sqlApprovals(ctx: SqlContext, now: () => number): ApprovalRepo {
  return {
    async create(input) {
      const a: Approval = strip({ ...input, id: newRowId('apr'), tenant: input.tenant ?? DEFAULT_TENANT, status: 'pending', requestedAt: now() } as Approval);
      await ctx.exec.run('INSERT INTO approvals (id, tenant, user_id, model, status, reason, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [a.id, a.tenant, a.userId, a.model, a.status, nul(a.reason), a.requestedAt]);
      return a;
    },
    async get(id, tenant = DEFAULT_TENANT) {
      const rows = await ctx.exec.all<Row>('SELECT * FROM approvals WHERE id = ? AND tenant = ?', [id, tenant]);
      return rows[0] && toApproval(rows[0]);
    },
    async list(q = {}) {
      const parts = ['tenant = ?'];
      const params: SqlValue[] = [q.tenant ?? DEFAULT_TENANT];
      if (q.userId !== undefined) {
        parts.push('user_id = ?');
        params.push(q.userId);
      }
      if (q.status !== undefined) {
        parts.push('status = ?');
        params.push(q.status);
      }
      if (q.model !== undefined) {
        parts.push('model = ?');
        params.push(q.model);
      }
      const rows = await ctx.exec.all<Row>(`SELECT * FROM approvals WHERE ${parts.join(' AND ')} ORDER BY requested_at DESC, id DESC LIMIT ?`, [...params, q.limit ?? 100]);
      return rows.map(toApproval);
    },
    async decide(id, tenant, decision) {
      const changed = await ctx.exec.run("UPDATE approvals SET status = ?, decided_by = ?, decided_at = ?, note = ? WHERE id = ? AND tenant = ? AND status = 'pending'", [
        decision.status,
        decision.decidedBy,
        now(),
        nul(decision.note),
        id,
        tenant,
      ]);
      const a = await this.get(id, tenant);
      return a && { approval: a, changed: changed > 0 };
    },
  };
}
