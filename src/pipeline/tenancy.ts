import type { TokligenceConfig } from '../config/index.js';
import type { CallContext, ChatResult, Middleware } from '../core/contracts/index.js';
import { TokligenceError } from '../core/errors.js';
import { modelAllowed } from '../governance/models.js';

/**
 * Tenants (`multi_tenancy`, strict): a call's tenant must be a configured one; its model must be
 * one the tenant may use (`allowed_models`); a tenant's own alias (`tenants[].models`) wins over the
 * global one, and routes to the tenant's own providers; a model naming another tenant's provider or
 * alias is refused like an unknown one (nothing says it exists). Budgets per tenant are checked by
 * governance (`tenants[].quota`).
 */
export function tenancyMiddleware(config: TokligenceConfig): Middleware | undefined {
  const mt = config.multi_tenancy;
  if (!mt.enabled) return undefined;
  const tenants = new Map(mt.tenants.map((t) => [t.name, t]));
  const qualified = /^([a-z0-9][a-z0-9_-]*)(?:\.[^/]+\/|::)/i;
  const middleware = async (ctx: CallContext, next: () => Promise<ChatResult>): Promise<ChatResult> => {
    const name = ctx.identity?.tenant ?? 'default';
    const tenant = tenants.get(name);
    // In-process calls of the embedding app run as tenant "default" unless it names one.
    if (!tenant && name !== 'default') throw new TokligenceError('permission', `Tenant "${name}" is not configured (multi_tenancy.tenants)`);
    const model = ctx.request.model;
    const q = qualified.exec(model);
    if (q && q[1] !== name && tenants.has(q[1] as string)) throw new TokligenceError('not_found', `The model \`${model}\` does not exist or you do not have access to it`, { param: 'model' });
    if (tenant?.allowed_models && !modelAllowed(tenant.allowed_models, model))
      throw new TokligenceError('permission', `Tenant ${name} may not use model "${model}" (allowed: ${tenant.allowed_models.join(', ')})`, { param: 'model' });
    if (tenant?.models && Object.hasOwn(tenant.models, model)) ctx.request = { ...ctx.request, model: `${name}::${model}` };
    return next();
  };
  return Object.assign(middleware, { ignoresStreamContent: true as const });
}
