import type { CallContext, ChatResult, Middleware } from '../core/contracts/index.js';
import { TokligenceError } from '../core/errors.js';
import type { Governance } from '../governance/governance.js';
import { modelAllowed } from '../governance/models.js';

/**
 * Model approval (`team.model_approval`): a call to a model matching `requires_approval` goes
 * through only for a user holding an approved request for that model (admins and tenant admins
 * need none). Anyone else gets a 403 in their own dialect that says how to ask. Runs after
 * governance, which has resolved who the caller is.
 */
export function approvalMiddleware(gov: Governance, settings: { requiresApproval: readonly string[] }): Middleware {
  const middleware = async (ctx: CallContext, next: () => Promise<ChatResult>): Promise<ChatResult> => {
    const model = ctx.request.model;
    if (!modelAllowed(settings.requiresApproval, model)) return next();
    const id = ctx.identity;
    if (id?.role === 'admin' || id?.role === 'tenant_admin') return next();
    await gov.ready();
    const store = gov.store;
    const gated = `Model "${model}" needs an approval (team.model_approval)`;
    if (!id?.userId || !store) throw new TokligenceError('permission', `${gated}: call with your own API key or sign-in, then ask for it`, { param: 'model' });
    const bare = model.includes('/') ? model.slice(model.indexOf('/') + 1) : model;
    const mine = await store.approvals.list({ tenant: id.tenant, userId: id.userId, limit: 500 });
    const forModel = mine.filter((a) => a.model === model || a.model === bare);
    if (forModel.some((a) => a.status === 'approved')) return next();
    const pending = forModel.find((a) => a.status === 'pending');
    if (pending)
      throw new TokligenceError('permission', `${gated}: your request ${pending.id} is pending; an approver runs \`tokligence approval approve ${pending.id}\` (or POST /admin/approvals/${pending.id}/approve)`, { param: 'model' });
    throw new TokligenceError(
      'permission',
      `${gated}: ask for it with \`tokligence approval request ${bare} --user ${id.userId}\` or POST /admin/approvals {"model":"${bare}"} with your key; an approver (team.model_approval.admin_users, tenant admins) then approves it`,
      { param: 'model' },
    );
  };
  return Object.assign(middleware, { ignoresStreamContent: true as const });
}
