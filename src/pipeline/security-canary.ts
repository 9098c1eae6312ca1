import type { Middleware } from '../core/contracts/middleware.js';
import { canaryInstruction, newCanary } from '../security/canary.js';
import { type SecurityConfig, securityCall } from './security-call.js';

/**
 * A new canary in every call's system prompt (`prompt_firewall.canary`); the output middleware
 * blocks an answer that repeats it (a system-prompt leak).
 */
export function canaryMiddleware(config: SecurityConfig): Middleware | undefined {
  const fw = config.prompt_firewall;
  if (!fw.enabled || !fw.canary) return undefined;
  const plant: Middleware = async (ctx, next) => {
    const call = securityCall(ctx);
    const canary = newCanary();
    call.canary = canary;
    ctx.request = { ...ctx.request, system: [...(ctx.request.system ?? []), { type: 'text', text: canaryInstruction(canary) }] };
    ctx.rewritten = true;
    return next();
  };
  return Object.assign(plant, { ignoresStreamContent: true });
}
