import type { CallContext } from '../core/contracts/call-context.js';
import type { ChatResult } from '../core/contracts/chat-result.js';
import type { RouteAttempt } from '../core/contracts/route-attempt.js';
import { mapAsync } from '../core/async.js';
import { newId } from '../core/ids.js';
import { toTokligenceError } from '../core/errors.js';
import { redactErrorSecrets } from '../core/redact.js';
import type { ChatEvent, ChatRequest, DialectName, Usage } from '../core/types.js';
import { forwardableHeaders } from '../providers/forward-headers.js';
import { costOf } from '../routing/prices.js';
import type { CallMeta } from './meta.js';
import { type RequestOptions, cacheMode, identityOf } from './options.js';
import type { Runtime } from './runtime.js';
import { closeCallSpan, openCallSpan } from './tracing.js';

/** One call as the pipeline takes it: the canonical request, and the caller's own form when it has one. */
export interface PipelineCall {
  request: ChatRequest;
  /** The caller's dialect and body as sent (for pass-through); absent for canonical calls. */
  dialect?: DialectName;
  rawBody?: Record<string, unknown>;
}

/**
 * Run one canonical request through the middleware and the router. Whatever fails leaves without a
 * configured secret in it. The result's stream (if any) settles `meta.usage` when it ends.
 */
export async function runPipeline(
  rt: Runtime,
  call: PipelineCall,
  options: RequestOptions = {},
): Promise<{ result: ChatResult; meta: CallMeta; /** The request as it went upstream (history, guardrails, resolved item references). */ sent: ChatRequest }> {
  const ctx: CallContext = {
    requestId: options.requestId ?? newId('req_'),
    dialect: call.dialect,
    request: call.request,
    rawBody: call.rawBody,
    rewritten: false,
    signal: options.signal,
    forwardHeaders: forwardableHeaders(options.headers),
    route: [],
    startedAt: performance.now(),
    tenant: options.tenant,
    identity: identityOf(options),
    cacheMode: cacheMode(options.cache),
    // The caller of a passed-through stream gets the upstream's bytes; what is decoded beside
    // them feeds only routing, usage and error frames, unless a middleware reads content.
    skimStreams: rt.skimStreams,
  };
  // In flight until its usage settles (answer out, stream over): a reload waits for that.
  const leave = rt.inflight.enter();
  // Tracing off: no span, and the router's hooks are one property check each.
  const tracing = rt.tracing;
  let span: Awaited<ReturnType<typeof openCallSpan>> | undefined;
  try {
    span = tracing ? await openCallSpan(tracing, ctx, options) : undefined;
  } catch (err) {
    leave();
    throw err;
  }
  if (span) {
    ctx.span = span;
    options.onTrace?.({ traceId: span.traceId, spanId: span.spanId });
  }
  let piped: ChatResult;
  try {
    piped = await rt.pipeline(ctx);
  } catch (err) {
    // An upstream echoing its key, a middleware of the app's own: nothing secret leaves.
    const clean = redactErrorSecrets(err, rt.secrets);
    if (tracing && span) closeCallSpan(tracing, ctx, span, { error: toTokligenceError(clean) });
    leave();
    throw clean;
  } finally {
    options.onRoute?.(ctx.route);
  }
  let settle: (u: Usage | undefined) => void = () => {};
  const usage =
    piped.type === 'response'
      ? Promise.resolve(piped.response.usage)
      : new Promise<Usage | undefined>((r) => {
          settle = r;
        });
  const answered = lastOk(ctx.route);
  const meta: CallMeta = {
    route: ctx.route,
    requestId: ctx.requestId,
    ...(span ? { traceId: span.traceId } : {}),
    ...(answered ? { provider: answered.provider, model: answered.model } : {}),
    usage,
    cost: usage.then((u) => (u ? costOf(answered?.model ?? call.request.model, u, rt.governance?.prices) : undefined)),
    ...(ctx.cache ? { cache: ctx.cache } : {}),
    ...(ctx.security ? { security: ctx.security } : {}),
    ...(ctx.degraded?.length ? { degraded: [...new Set(ctx.degraded)] } : {}),
  };
  let streamError: unknown;
  const result: ChatResult =
    piped.type === 'stream' ? { ...piped, events: tapUsage(piped.events, settle, span ? (e) => (streamError = e) : undefined) } : piped;
  void usage.then(leave);
  if (tracing && span)
    void usage.then((u) =>
      closeCallSpan(tracing, ctx, span, {
        usage: u,
        responseModel: answered?.model,
        error: streamError === undefined ? undefined : toTokligenceError(redactErrorSecrets(streamError, rt.secrets)),
      }),
    );
  options.onResult?.(meta);
  return { result, meta, sent: ctx.request };
}

/** The target that answered: the last successful entry of the decision log. */
function lastOk(route: RouteAttempt[]): RouteAttempt | undefined {
  for (let i = route.length - 1; i >= 0; i--) if (route[i]?.outcome === 'ok') return route[i];
  return undefined;
}

/** Pass events through, reporting the final usage (or undefined when the stream ends without one) and any error event. */
function tapUsage(events: AsyncIterable<ChatEvent>, settle: (u: Usage | undefined) => void, onError?: (error: unknown) => void): AsyncIterable<ChatEvent> {
  return mapAsync(
    events,
    (ev) => {
      if (ev.type === 'finish') settle(ev.usage);
      else if (ev.type === 'error') onError?.(ev.error);
      return ev;
    },
    {
      onEnd: () => settle(undefined),
      ...(onError
        ? {
            onError: (error: unknown) => {
              onError(error);
              return error;
            },
          }
        : {}),
    },
  );
}
