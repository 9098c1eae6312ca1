import type { AuditService } from '../audit/service.js';
import type { CallContext, ChatResult, Middleware, RouteAttempt } from '../core/contracts/index.js';
import { mapAsync } from '../core/async.js';
import { type TokligenceError, toTokligenceError } from '../core/errors.js';
import type { ChatEvent, ChatRequest, ContentPart } from '../core/types.js';

/** Text of content parts (images and files are named, not inlined). */
function partsText(parts: readonly ContentPart[]): string {
  return parts
    .map((p) => (p.type === 'text' ? p.text : p.type === 'tool_result' ? partsText((p as { content?: ContentPart[] }).content ?? []) : p.type === 'tool_call' ? `[tool call ${(p as { name?: string }).name ?? ''}]` : `[${p.type}]`))
    .filter(Boolean)
    .join('\n');
}

/** The prompt as text: system, then each message with its role. */
export function promptText(request: ChatRequest): string {
  const lines: string[] = [];
  if (request.system?.length) lines.push(`system: ${partsText(request.system)}`);
  for (const m of request.messages) lines.push(`${m.role}: ${partsText(m.content)}`);
  return lines.join('\n');
}

function answered(route: RouteAttempt[]): RouteAttempt | undefined {
  for (let i = route.length - 1; i >= 0; i--) if (route[i]?.outcome === 'ok') return route[i];
  return undefined;
}

const REFUSALS = new Set(['authentication', 'permission', 'rate_limit', 'invalid_request', 'content_policy', 'request_too_large', 'not_found']);

/**
 * The audit log's middleware (outermost, so a call refused by governance or a guardrail is recorded
 * too): one row per call (who, tenant, dialect, model, provider, decision, status, findings;
 * prompt and response text when `log_all_prompts` / `log_all_responses`, PII-redacted and, with
 * encryption at rest, encrypted by the log) and one row per security finding. Rows are queued;
 * the call never waits for the store.
 */
export function auditMiddleware(service: AuditService, ready: () => Promise<void>): Middleware {
  const cfg = service.config;
  const middleware = async (ctx: CallContext, next: () => Promise<ChatResult>): Promise<ChatResult> => {
    await ready();
    const log = service.log;
    if (!log) return next();
    const ts = service.now();
    const prompt = cfg.log_all_prompts ? promptText(ctx.request) : undefined;
    const finish = (decision: string, status: number, response?: string, error?: TokligenceError) => {
      const id = ctx.identity;
      const target = answered(ctx.route);
      const findings = service.takeFindings(ctx.requestId);
      const who = {
        tenant: id?.tenant ?? 'default',
        ...(id?.userId ?? id?.keyName ? { actor: id?.userId ?? id?.keyName } : {}),
        ...(id?.role ? { role: id.role } : {}),
        requestId: ctx.requestId,
        route: ctx.dialect ?? 'canonical',
        model: ctx.request.model,
      };
      if (cfg.log_security_events)
        for (const f of findings ?? []) log.record({ ts, kind: 'security', action: f.source, ...who, decision: f.action, findings: [f] });
      if (!cfg.log_all_requests) return;
      log.record({
        ts,
        kind: 'request',
        action: 'call',
        ...who,
        ...(target ? { provider: target.provider, details: { upstream_model: target.model, ...(ctx.cache ? { cache: ctx.cache } : {}), ...(error ? { error: error.kind } : {}) } } : error ? { details: { error: error.kind } } : {}),
        decision,
        status,
        ...(findings?.length ? { findings } : {}),
        ...(prompt !== undefined ? { prompt } : {}),
        ...(cfg.log_all_responses && response !== undefined ? { response } : {}),
      });
    };
    let result: ChatResult;
    try {
      result = await next();
    } catch (err) {
      const e = toTokligenceError(err);
      finish(REFUSALS.has(e.kind) ? 'refused' : e.kind === 'aborted' ? 'cancelled' : 'failed', e.status, undefined, e);
      throw err;
    }
    if (result.type === 'response') {
      finish('allowed', 200, cfg.log_all_responses ? partsText(result.response.content) : undefined);
      return result;
    }
    let text = '';
    let failure: TokligenceError | undefined;
    let done = false;
    const events = mapAsync(
      result.events,
      (ev: ChatEvent) => {
        if (cfg.log_all_responses && ev.type === 'delta' && ev.delta.type === 'text' && text.length < 1_000_000) text += ev.delta.text;
        else if (ev.type === 'error') failure ??= ev.error;
        else if (ev.type === 'finish' && !done) {
          done = true;
          finish('allowed', 200, text);
        }
        return ev;
      },
      {
        onError: (err) => {
          failure ??= toTokligenceError(err);
          return err;
        },
        onEnd: () => {
          if (done) return;
          done = true;
          finish(failure ? 'failed' : 'cancelled', failure?.status ?? 499, text, failure);
        },
      },
    );
    return { ...result, events };
  };
  // Reads stream text only to log responses.
  return cfg.log_all_responses ? middleware : Object.assign(middleware, { ignoresStreamContent: true as const });
}
