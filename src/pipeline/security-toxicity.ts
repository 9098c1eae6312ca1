import type { Middleware } from '../core/contracts/middleware.js';
import { TokligenceError } from '../core/errors.js';
import { requestScanInputs } from '../security/firewall.js';
import { scoreToxicity, type ToxicityCategory } from '../security/toxicity.js';
import { eventEmitter, type SecurityConfig, type SecurityHooks, securityCall } from './security-call.js';

/** Input toxicity: the user's text is scored and refused (`content_policy`) above the threshold. */
export function inputToxicityMiddleware(config: SecurityConfig, hooks: SecurityHooks = {}): Middleware | undefined {
  const cf = config.content_filter;
  if (!cf.enabled) return undefined;
  const options = { threshold: cf.toxicity.threshold, categories: cf.toxicity.categories as ToxicityCategory[] };
  const emit = eventEmitter(config, hooks);
  const check: Middleware = async (ctx, next) => {
    const { scan, base } = securityCall(ctx);
    scan.covered('user_text');
    const userText = requestScanInputs(ctx.request)
      .filter((i) => i.target === 'user')
      .map((i) => i.text)
      .join('\n');
    const tox = scoreToxicity(userText, options);
    if (tox.flagged.length) {
      emit({ ...base, type: 'input_toxicity', action: 'block', reason: 'Unsafe content detected', score: tox.score, details: { categories: tox.flagged } });
      throw new TokligenceError('content_policy', `Unsafe content detected (${tox.flagged.join(', ')}).`, { param: 'messages', providerType: 'content_filter' });
    }
    return next();
  };
  return Object.assign(check, { ignoresStreamContent: true });
}
