import { type DialectResult, type Runtime, type SseDialectResult, callInDialect, countTokens, metaHeaders, modelIds, routeHeader } from '../runtime/index.js';
import { NotFoundError, TokligenceError, toTokligenceError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { redactErrorSecrets, secretList } from '../core/redact.js';
import { batchesOf } from '../core/batch.js';
import { formatSse } from '../core/sse.js';
import type { JsonLimits } from '../core/json-limits.js';
import type { DialectName } from '../core/types.js';
import { codecFor } from '../dialects/index.js';
import type { WireEvent } from '../core/contracts/index.js';
import type { RouteAttempt } from '../core/contracts/index.js';
import type { Identity } from '../core/contracts/index.js';
import { presentedSecrets } from '../governance/api-keys.js';
import type { AdminAnswer, AdminApi } from './admin/handler.js';
import type { AdminConsole } from './console/console.js';
import { signedInThroughConsole } from './console/cookie.js';
import type { BodyBudget } from './body-budget.js';
import { parseJsonBody } from './json-body.js';
import type { ServerAuth } from './auth.js';
import { geminiCountTokensBody, geminiModel, geminiModelList, jsonArrayStream } from './gemini.js';
import { KeepAlive } from './keep-alive.js';
import type { Logger } from './logger.js';
import type { ServerMetrics } from './metrics.js';
import { type GeminiFraming, type Route, errorDialectFor, matchRoute, queryParam } from './routes.js';

/** A request as the handler needs it, whichever runtime it came from. */
export interface IncomingCall {
  method: string;
  /** The request target (a URL, or just its path and query string). */
  url: Pick<URL, 'pathname'> & { search?: string };
  headers: { get(name: string): string | null };
  /** Reads the body, throwing RequestTooLarge past the limit. */
  readBody(limit: number): Promise<string>;
  /** Gives back the body's share of the body budget (once parsed; at the latest when the answer ends). */
  releaseBody?: () => void;
  signal: AbortSignal;
}

/** The answer, runtime-neutral: a string body or SSE chunks (text, or an upstream's own bytes). */
export interface OutgoingAnswer {
  status: number;
  headers: Record<string, string>;
  body?: string | AsyncIterable<string | Uint8Array>;
}

export interface HandlerDeps {
  /** The gateway the server exposes (`tk.runtime`). */
  runtime: Runtime;
  maxBodyBytes: number;
  /** Nesting and item limits of a JSON body, checked before anything big is built from it. */
  jsonLimits: JsonLimits;
  /** Large bodies being read and parsed at once (`gateway.max_body_bytes_in_flight`). */
  bodyBudget?: BodyBudget;
  auth?: ServerAuth;
  /** `/admin/…` (src/server/admin/). */
  admin?: AdminApi;
  /** The admin console at `/ui` (src/server/console/), loaded on its first request; undefined when off. */
  console?: () => Promise<AdminConsole>;
  metrics?: ServerMetrics;
  logger?: Logger;
  /** Anthropic `ping` keep-alive interval while a stream is idle (ms). */
  pingIntervalMs: number;
  isReady: () => boolean;
  /** Configured keys (client and provider) that must never appear in an answer or a log line. */
  secrets?: readonly string[];
  /** `/metrics` has a listener of its own (`metrics.prometheus_port`). */
  metricsElsewhere?: boolean;
}

/** The Prometheus text of `/metrics`, with the cache's own counters brought up to date. */
export async function metricsAnswer(metrics: ServerMetrics, runtime: Runtime): Promise<OutgoingAnswer> {
  metrics.syncCacheErrors(runtime.services.cache?.stats.errors);
  metrics.syncCacheDropped(runtime.services.cache?.stats.dropped);
  return { status: 200, headers: { 'content-type': 'text/plain; version=0.0.4' }, body: await metrics.text() };
}

/** Errors already logged where they happened, so the catch-all does not log them twice. */
const logged = new WeakSet<Error>();
/** The decision log of a call that failed, for its error answer's headers. */
const failedRoutes = new WeakMap<Error, RouteAttempt[]>();

const JSON_HEADERS = { 'content-type': 'application/json' };
const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' };

/** The whole server: route, authenticate, decode, call the client, encode. */
export async function handle(deps: HandlerDeps, req: IncomingCall): Promise<OutgoingAnswer> {
  const requestId = sanitizeRequestId(req.headers.get('x-request-id')) ?? newId('req_');
  const started = performance.now();
  const path = req.url.pathname;
  if (deps.admin && path.startsWith('/admin/')) return adminAnswer(deps, deps.admin, req, requestId, started);
  if (deps.console && (path === '/ui' || path.startsWith('/ui/'))) return consoleAnswer(deps, deps.console, req, requestId, started);
  // The caller's trace (W3C traceparent), replaced by the call's own span once tracing opens one.
  const trace: Trace = { traceparent: req.headers.get('traceparent') ?? undefined, tracestate: req.headers.get('tracestate') ?? undefined };
  trace.id = traceIdOf(trace.traceparent);
  const route = matchRoute(req.method, req.url.pathname, req.url.search);
  const dialect: DialectName = routeDialect(route) ?? errorDialectFor(req.url.pathname, req.headers);
  const answer = await (async (): Promise<OutgoingAnswer> => {
    try {
      if (!route) throw new NotFoundError(`No route for ${req.method} ${req.url.pathname}`);
      switch (route.kind) {
        case 'hello':
          return { status: 200, headers: JSON_HEADERS, body: req.method === 'HEAD' ? '' : JSON.stringify({ ok: true, name: 'tokligence' }) };
        case 'healthz':
          return { status: 200, headers: JSON_HEADERS, body: '{"status":"ok"}' };
        case 'readyz':
          return readiness(deps);
        case 'metrics':
          // Off, or served on their own port (metrics.prometheus_port): not here.
          if (!deps.metrics || deps.metricsElsewhere) throw new NotFoundError(`No route for ${req.method} ${req.url.pathname}`);
          return metricsAnswer(deps.metrics, deps.runtime);
        case 'models': {
          const tenant = (await authenticate(deps, req))?.tenant;
          const gemini = route.gemini;
          const list =
            gemini?.model !== undefined
              ? geminiModel(deps.runtime, gemini.model, tenant)
              : gemini
                ? geminiModelList(modelIds(deps.runtime, tenant))
                : listModels(deps.runtime, !!req.headers.get('anthropic-version'), tenant);
          return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(list) };
        }
        case 'count_tokens': {
          const identity = await authenticate(deps, req);
          if (route.dialect === 'gemini') {
            const body = geminiCountTokensBody(await readJson(deps, req), route.model ?? '');
            const tokens = await countTokens(deps.runtime, 'gemini', body, { signal: req.signal, identity });
            return { status: 200, headers: JSON_HEADERS, body: JSON.stringify({ totalTokens: tokens }) };
          }
          const body = await readJson(deps, req);
          const beta = req.headers.get('anthropic-beta');
          const tokens = await countTokens(deps.runtime, 'anthropic', body, { signal: req.signal, identity, headers: beta ? { 'anthropic-beta': beta } : undefined });
          return { status: 200, headers: JSON_HEADERS, body: JSON.stringify({ input_tokens: tokens }) };
        }
        case 'call':
          return await handleCall(deps, req, route, requestId, started, trace);
      }
    } catch (err) {
      const error = cleanError(deps, req, err);
      if (!logged.has(error))
        deps.logger?.log(error.status >= 500 ? 'error' : 'warn', 'request failed', {
          request_id: requestId,
          ...traceField(trace),
          method: req.method,
          path: req.url.pathname,
          status: error.status,
          kind: error.kind,
          ms: elapsedMs(started),
        });
      return errorAnswer(deps, dialect, error, route?.kind === 'call' ? route.gemini?.framing : undefined, { request_id: requestId, ...traceField(trace) });
    }
  })();
  answer.headers = headerSafe({ ...answer.headers, 'x-request-id': requestId });
  if (route?.kind !== 'call' && deps.logger?.enabled?.(answer.status >= 500 ? 'error' : 'debug') !== false)
    deps.logger?.log(answer.status >= 500 ? 'error' : 'debug', 'request', {
      request_id: requestId,
      ...traceField(trace),
      method: req.method,
      path: req.url.pathname,
      status: answer.status,
      ms: elapsedMs(started),
    });
  return answer;
}

/**
 * `/readyz`: 200 `ready` when every shared part answers; while one is down, `degraded` with the
 * parts, what fails closed and what fails open: 503 when a feature refuses calls meanwhile (the
 * instance cannot serve them), 200 when every feature serves degraded. 503 `shutting_down` while
 * draining.
 */
function readiness(deps: HandlerDeps): OutgoingAnswer {
  if (!deps.isReady()) return { status: 503, headers: JSON_HEADERS, body: '{"status":"shutting_down"}' };
  const down = deps.runtime.health.report().filter((p) => !p.up);
  if (down.length === 0) return { status: 200, headers: JSON_HEADERS, body: '{"status":"ready"}' };
  const refusing = down.some((p) => p.failClosed.length > 0);
  return { status: refusing ? 503 : 200, headers: JSON_HEADERS, body: JSON.stringify({ status: 'degraded', parts: down }) };
}

/**
 * `/admin/…`: JSON in and out, logged without bodies (they may hold a new key). A request signed
 * in through the console (its cookie, no key) is let through by the console with the session's
 * key, or refused there (session ended, CSRF token missing).
 */
async function adminAnswer(deps: HandlerDeps, admin: AdminApi, req: IncomingCall, requestId: string, started: number): Promise<OutgoingAnswer> {
  let answer: AdminAnswer;
  try {
    let headers: IncomingCall['headers'] = req.headers;
    if (deps.console && signedInThroughConsole(req.headers)) {
      const gate = (await deps.console()).gate(req);
      if (!gate.ok) return { status: gate.status, headers: headerSafe({ ...JSON_HEADERS, 'x-request-id': requestId }), body: JSON.stringify({ error: { type: gate.type, message: gate.message } }) };
      headers = gate.headers;
    }
    answer = await admin.handle({ method: req.method, path: req.url.pathname, query: new URLSearchParams(req.url.search ?? ''), headers, readBody: req.readBody });
  } catch (err) {
    const error = cleanError(deps, req, err);
    deps.logger?.log('error', 'admin request failed', { request_id: requestId, path: req.url.pathname, error: error.message });
    answer = { status: error.status >= 400 ? error.status : 500, body: { error: { type: 'api_error', message: error.status === 413 ? error.message : 'Internal gateway error' } } };
  }
  deps.logger?.log('info', 'admin', { request_id: requestId, method: req.method, path: req.url.pathname, status: answer.status, ms: elapsedMs(started) });
  if (answer.file)
    return {
      status: answer.status,
      headers: headerSafe({ 'content-type': answer.file.type, 'content-disposition': `attachment; filename="${answer.file.name.replace(/[^\w.-]/g, '_')}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-request-id': requestId }),
      body: answer.file.chunks,
    };
  return { status: answer.status, headers: headerSafe({ ...JSON_HEADERS, 'x-request-id': requestId }), body: JSON.stringify(answer.body) };
}

/** `/ui…`: the console's page, files, sign-in and sign-out. */
async function consoleAnswer(deps: HandlerDeps, load: () => Promise<AdminConsole>, req: IncomingCall, requestId: string, started: number): Promise<OutgoingAnswer> {
  let answer: OutgoingAnswer;
  try {
    answer = await (await load()).handle(req);
  } catch (err) {
    const error = cleanError(deps, req, err);
    deps.logger?.log('error', 'console request failed', { request_id: requestId, path: req.url.pathname, error: error.message });
    answer = { status: error.status === 413 ? 413 : 500, headers: JSON_HEADERS, body: JSON.stringify({ error: { type: 'api_error', message: error.status === 413 ? error.message : 'Internal gateway error' } }) };
  }
  answer.headers = headerSafe({ ...answer.headers, 'x-request-id': requestId });
  deps.logger?.log('debug', 'console', { request_id: requestId, method: req.method, path: req.url.pathname, status: answer.status, ms: elapsedMs(started) });
  return answer;
}

async function handleCall(
  deps: HandlerDeps,
  req: IncomingCall,
  route: Extract<Route, { kind: 'call' }>,
  requestId: string,
  started: number,
  trace: Trace,
): Promise<OutgoingAnswer> {
  const { dialect, gemini } = route;
  const identity = withCallerLabels(await authenticate(deps, req), req.headers);
  if (identity?.role === 'viewer') throw new TokligenceError('permission', 'Role viewer may read usage and settings but not call models: ask an admin for the member role');
  // Cached answers are kept per caller, and callers never share a cache across tenants.
  const caller = identity?.keyName ?? identity?.userId;
  const tenant = caller === undefined ? undefined : `${identity?.tenant ?? 'default'}:${caller}`;
  const body = await readJson(deps, req);
  const beta = req.headers.get('anthropic-beta');
  const logFields: Record<string, unknown> = { request_id: requestId, ...traceField(trace), dialect, path: req.url.pathname };
  let result: DialectResult | SseDialectResult;
  let attempts: RouteAttempt[] = [];
  try {
    result = await callInDialect(deps.runtime, dialect, body, {
      signal: req.signal,
      requestId,
      traceparent: trace.traceparent,
      tracestate: trace.tracestate,
      onTrace: ({ traceId, spanId }) => {
        trace.id = traceId;
        logFields.trace_id = traceId;
        logFields.span_id = spanId;
      },
      onRoute: (route) => {
        attempts = route;
        deps.metrics?.recordRoute(route);
      },
      tenant,
      identity,
      cache: cacheOption(req.headers.get('x-tokligence-cache')),
      headers: beta && dialect === 'anthropic' ? { 'anthropic-beta': beta } : undefined,
      // A JSON-array Gemini stream is re-framed from events; everything else may pass bytes through.
      sseBytes: gemini?.framing !== 'json-array',
      ...(gemini ? { fromUrl: { model: gemini.model, stream: gemini.stream } } : {}),
    });
  } catch (err) {
    const error = cleanError(deps, req, err);
    logged.add(error);
    // A failed call still tells the caller which targets were tried.
    if (attempts.length > 0) failedRoutes.set(error, attempts);
    deps.metrics?.recordError(dialect, error.kind, error.status);
    deps.logger?.log(error.status >= 500 ? 'error' : 'warn', 'call failed', {
      ...logFields,
      status: error.status,
      kind: error.kind,
      error: error.message,
      ms: elapsedMs(started),
    });
    throw error;
  }
  const headers = metaHeaders(result);
  if (result.cache) deps.metrics?.recordCache(result.cache);
  if (result.degraded) deps.metrics?.recordDegraded(result.degraded);
  const model = gemini?.model ?? (body as { model?: unknown }).model;
  const logger = deps.logger?.enabled?.('info') === false ? undefined : deps.logger;
  const done = async (status: number, extra?: Record<string, unknown>, ttft?: number) => {
    const seconds = (performance.now() - started) / 1000;
    const usage = await result.usage;
    const costUsd = deps.metrics ? await result.cost : undefined;
    deps.metrics?.record({ dialect, provider: result.provider ?? 'none', model: result.model ?? String(model), status, seconds, ttftSeconds: ttft, usage, costUsd });
    deps.metrics?.recordSkipped(result.route);
    logger?.log('info', 'call', {
      ...logFields,
      status,
      provider: result.provider,
      model: result.model,
      ms: Math.round(seconds * 1000),
      input_tokens: usage?.inputTokens,
      output_tokens: usage?.outputTokens,
      route: result.route,
      ...(result.security ? { security: result.security } : {}),
      ...(result.degraded ? { degraded: result.degraded } : {}),
      ...extra,
    });
  };
  if (result.type === 'json') {
    void done(200);
    return { status: 200, headers: { ...JSON_HEADERS, ...headers }, body: result.text ?? JSON.stringify(result.body) };
  }
  const onEnd = (ttft: number | undefined, failed?: string) => void done(200, { stream: true, ...(failed ? { stream_error: failed } : {}) }, ttft);
  const out = { dialect, pingMs: deps.pingIntervalMs, started, onEnd };
  if (result.type === 'sse') {
    // Passed through: the upstream's bytes as they come.
    return { status: 200, headers: { ...SSE_HEADERS, ...headers }, body: sseOut(result.chunks, asIs, { ...out, errorFrames: false }) };
  }
  if (gemini?.framing === 'json-array')
    return { status: 200, headers: { ...JSON_HEADERS, ...headers }, body: sseOut(jsonArrayStream(result.events), asText, { ...out, errorFrames: false }) };
  return { status: 200, headers: { ...SSE_HEADERS, ...headers }, body: sseOut(result.events, asSse, { ...out, errorFrames: true }) };
}

const PING_FRAME = formatSse('ping', { type: 'ping' });

/**
 * A stream on its way out as SSE, a batch at a time (core/batch): the items of one upstream read
 * framed together by `frame` (wire events as one SSE text; an upstream's own bytes, whole events
 * per chunk, as they are), timing the first batch. For Anthropic callers a `ping` goes out between
 * batches while the upstream is idle, so proxies keep the connection, also on passed-through
 * streams (not every Anthropic-compatible upstream pings). An exception mid-stream becomes the
 * dialect's error frame when `errorFrames` is set; a passed-through stream's failure was already
 * framed by the client.
 */
async function* sseOut<T>(
  source: AsyncIterable<T>,
  frame: (batch: readonly T[]) => string | Uint8Array,
  options: { dialect: DialectName; pingMs: number; errorFrames: boolean; started: number; onEnd: (ttftSeconds: number | undefined, error?: string) => void },
): AsyncGenerator<string | Uint8Array> {
  const { dialect, started } = options;
  const iterator = batchesOf(source);
  let ttft: number | undefined;
  let failed: string | undefined;
  const keepAlive = dialect === 'anthropic' && options.pingMs > 0 ? new KeepAlive(options.pingMs) : undefined;
  try {
    let pending = iterator.next();
    for (;;) {
      const next = keepAlive && ttft !== undefined ? await keepAlive.next(pending) : await pending;
      if (next === 'ping') {
        keepAlive?.pinged();
        yield PING_FRAME;
        continue;
      }
      if (next.done) break;
      ttft ??= (performance.now() - started) / 1000;
      yield frame(next.value);
      pending = iterator.next();
    }
  } catch (err) {
    const error = toTokligenceError(err);
    failed = error.message;
    if (options.errorFrames && error.kind !== 'aborted') {
      const errorFrame = codecFor(dialect).encodeStreamError(error);
      yield formatSse(errorFrame.event, errorFrame.data);
    }
  } finally {
    keepAlive?.stop();
    options.onEnd(ttft, failed);
    await iterator.return?.();
  }
}

/** Wire events as one SSE text (a frame's JSON text when its encoder already made it). */
const asSse = (batch: readonly WireEvent[]): string => {
  let text = '';
  for (const ev of batch) text += formatSse(ev.event, ev.json ?? ev.data);
  return text;
};
const asText = (batch: readonly string[]): string => (batch.length === 1 ? (batch[0] as string) : batch.join(''));
const asIs = (batch: readonly Uint8Array[]): Uint8Array => (batch.length === 1 ? (batch[0] as Uint8Array) : Buffer.concat(batch));

/**
 * The error as a TokligenceError with every known secret removed (configured keys, and the key this
 * caller presented): upstream messages and crash messages go into the answer and the log.
 */
function cleanError(deps: HandlerDeps, req: IncomingCall, err: unknown): TokligenceError {
  const presented = presentedSecrets(req.headers, queryParam(req.url.search ?? '', 'key'));
  return redactErrorSecrets(toTokligenceError(err), secretList([...(deps.secrets ?? []), ...presented]));
}

/** Who is calling (a 401/403 when the key is missing, wrong, revoked or expired), or undefined when auth is off. */
async function authenticate(deps: HandlerDeps, req: IncomingCall): Promise<Identity | undefined> {
  return deps.auth ? deps.auth.authenticate(req.headers, queryParam(req.url.search ?? '', 'key')) : undefined;
}

/** A session id or label value as a caller may send it: printable, bounded. */
const LABEL = /^[\x21-\x7e][\x20-\x7e]{0,127}$/;

/**
 * `x-tokligence-session: <run id>` (per-session usage and budget) and `x-tokligence-tags: k=v,k2=v2`
 * (labels on the usage row) added to the caller's identity; values that are not short printable
 * text are ignored.
 */
function withCallerLabels(identity: Identity | undefined, headers: IncomingCall['headers']): Identity | undefined {
  const session = headers.get('x-tokligence-session')?.trim();
  const tagText = headers.get('x-tokligence-tags');
  if (!session && !tagText) return identity;
  const out: Identity = { ...(identity ?? { tenant: 'default' }) };
  if (session && LABEL.test(session)) out.session = session;
  if (tagText) {
    const tags: Record<string, string> = {};
    for (const pair of tagText.split(',').slice(0, 20)) {
      const eq = pair.indexOf('=');
      const k = pair.slice(0, eq).trim();
      const v = pair.slice(eq + 1).trim();
      if (eq > 0 && LABEL.test(k) && LABEL.test(v)) tags[k] = v;
    }
    if (Object.keys(tags).length) out.tags = tags;
  }
  return out;
}

/** `x-tokligence-cache: no-cache` (do not answer from the cache) | `no-store` (do not store) | both. */
function cacheOption(header: string | null): 'no-cache' | 'no-store' | false | undefined {
  if (!header) return undefined;
  const values = new Set(header.toLowerCase().split(',').map((v) => v.trim()));
  const noCache = values.has('no-cache');
  const noStore = values.has('no-store');
  if (noCache && noStore) return false;
  return noCache ? 'no-cache' : noStore ? 'no-store' : undefined;
}

/** The body, parsed within the JSON limits; its share of the body budget is given back once it is. */
async function readJson(deps: HandlerDeps, req: IncomingCall): Promise<unknown> {
  try {
    return parseJsonBody(await req.readBody(deps.maxBodyBytes), deps.jsonLimits);
  } finally {
    req.releaseBody?.();
  }
}

function errorAnswer(deps: HandlerDeps, dialect: DialectName, error: TokligenceError, framing: GeminiFraming | undefined, ids: Record<string, unknown>): OutgoingAnswer {
  // A failure of ours, not the caller's or the upstream's, is logged with its stack, and the caller
  // gets a generic message: internals are not leaked.
  const internal = error.kind === 'api_error' && !error.provider;
  if (internal) deps.logger?.log('error', 'internal error', { ...ids, error: error.message, stack: error.stack });
  const safe = internal ? new TokligenceError('api_error', 'Internal gateway error') : error;
  const encoded = codecFor(dialect).encodeError(safe);
  const headers: Record<string, string> = { ...JSON_HEADERS, ...encoded.headers };
  const route = failedRoutes.get(error);
  if (route) {
    headers['x-tokligence-route'] = routeHeader(route);
    headers['x-tokligence-attempts'] = String(route.length);
  }
  if (error.retryAfter !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfter));
  // Gemini's JSON-array stream endpoint answers an error as a one-element array too.
  const body = framing === 'json-array' ? [encoded.body] : encoded.body;
  return { status: encoded.status, headers, body: JSON.stringify(body) };
}

/** The dialect a route answers in, when it has one. */
function routeDialect(route: Route | undefined): DialectName | undefined {
  if (route?.kind === 'call' || route?.kind === 'count_tokens') return route.dialect;
  if (route?.kind === 'models' && route.gemini) return 'gemini';
  return undefined;
}

function listModels(tk: Runtime, anthropicShape: boolean, tenant?: string) {
  const list = modelIds(tk, tenant);
  if (anthropicShape)
    return {
      data: list.map((id) => ({ type: 'model', id, display_name: id, created_at: '1970-01-01T00:00:00Z' })),
      has_more: false,
      first_id: list[0] ?? null,
      last_id: list[list.length - 1] ?? null,
    };
  return { object: 'list', data: list.map((id) => ({ id, object: 'model', created: 0, owned_by: id.split('/')[0] })) };
}

/**
 * Header values may only hold visible ASCII text of a sane length; some (`x-tokligence-route`)
 * carry the model name the caller sent. Anything else is percent-encoded, else writing the headers
 * would throw (a 500 in the fetch handler, an unhandled rejection in the Node listener), and a long
 * value is cut.
 */
function headerSafe(headers: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    let safe = /[^\x20-\x7e]/.test(value) ? value.replace(/[^\x20-\x7e]/gu, percentEncode) : value;
    // Clients refuse answers whose headers pass 16 KB (undici: HeadersOverflowError).
    if (safe.length > MAX_HEADER_VALUE) safe = `${safe.slice(0, MAX_HEADER_VALUE)}...`;
    headers[name] = safe;
  }
  return headers;
}

const MAX_HEADER_VALUE = 1024;

/** UTF-8 percent-encoding that cannot throw (a lone surrogate becomes U+FFFD's bytes). */
const percentEncode = (c: string) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** A call's trace: what the caller sent, and the trace id its log lines carry. */
interface Trace {
  traceparent?: string;
  tracestate?: string;
  id?: string;
}

/** The trace id of a W3C `traceparent` (`00-<32 hex>-<16 hex>-<2 hex>`), when it is one. */
function traceIdOf(traceparent: string | undefined): string | undefined {
  const m = traceparent ? /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}/.exec(traceparent.trim()) : null;
  return m && !/^0+$/.test(m[1] as string) ? m[1] : undefined;
}

const traceField = (trace: Trace) => (trace.id ? { trace_id: trace.id } : {});

/** Echo a caller's request id only when it is a plain token (no header injection, bounded). */
function sanitizeRequestId(id: string | null): string | undefined {
  return id && /^[\w.:-]{1,128}$/.test(id) ? id : undefined;
}

const elapsedMs = (since: number) => Math.round(performance.now() - since);
