import type { Middleware } from '../core/contracts/middleware.js';
import { requestScanInputs } from '../security/firewall.js';
import { detectPii, type PiiEntity } from '../security/pii/detect.js';
import type { PiiType } from '../security/pii/recognizers.js';
import { applyRedaction, PiiVault, type RedactionMode } from '../security/pii/redact.js';
import { eventEmitter, mapRequestText, type SecurityConfig, type SecurityHooks, securityCall } from './security-call.js';

/**
 * PII: with `auto_redact`, every text the upstream will see is redacted before it leaves (tokens
 * mode keeps the values in the call's vault; the output middleware puts them back in the answer);
 * without it, PII is only reported (`pii_detected`).
 */
export function piiMiddleware(config: SecurityConfig, hooks: SecurityHooks = {}): Middleware | undefined {
  const pii = config.pii_detection;
  if (!pii.enabled) return undefined;
  const options = { types: pii.types as PiiType[], threshold: pii.threshold };
  const emit = eventEmitter(config, hooks);
  const redactPii: Middleware = async (ctx, next) => {
    const call = securityCall(ctx);
    const counts: Record<string, number> = {};
    const count = (es: PiiEntity[]) => {
      for (const e of es) counts[e.type] = (counts[e.type] ?? 0) + 1;
    };
    call.scan.covered('system', 'user_text', 'tool_results', 'documents');
    if (pii.auto_redact) {
      call.scan.covered('assistant_text', 'tool_arguments');
      const mode = pii.mode as RedactionMode;
      const vault = mode === 'tokens' ? new PiiVault() : undefined;
      const redacted = mapRequestText(ctx.request, (text) => {
        const entities = detectPii(text, options);
        if (!entities.length) return text;
        count(entities);
        return applyRedaction(text, entities, { mode, vault }).text;
      });
      if (Object.keys(counts).length) {
        ctx.request = redacted;
        ctx.rewritten = true;
        emit({ ...call.base, type: 'pii_redacted', action: 'redact', details: { types: counts, mode } });
      }
      if (vault && vault.size > 0) call.vault = vault;
    } else {
      for (const i of requestScanInputs(ctx.request)) count(detectPii(i.text, options));
      if (Object.keys(counts).length) emit({ ...call.base, type: 'pii_detected', action: 'flag', details: { types: counts } });
    }
    return next();
  };
  return Object.assign(redactPii, { ignoresStreamContent: true });
}
