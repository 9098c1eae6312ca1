import { linkedController } from './core/abort.js';
import { mapAsync } from './core/async.js';
import type {
  Message as AnthropicMessage,
  MessageCountTokensParams,
  MessageCreateParamsNonStreaming as AnthropicParamsNonStreaming,
  MessageCreateParamsStreaming as AnthropicParamsStreaming,
  MessageTokensCount,
  RawMessageStreamEvent,
} from '@anthropic-ai/sdk/resources/messages';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import type {
  Response as OpenAIResponse,
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import { type BatchCallOptions, type BatchResult, batchCalls } from './batch/run.js';
import { type TokligenceConfig, type TokligenceConfigInput, loadConfig, resolveModelTargets } from './config/index.js';
import { type TokligenceError, toTokligenceError } from './core/errors.js';
import { newId } from './core/ids.js';
import { asBuffer, formatSse, mayHoldError, parseEvents, readSse } from './core/sse.js';
import { redactErrorSecrets, secretList } from './core/redact.js';
import type { ChatEvent, ChatRequest, DialectName, Usage } from './core/types.js';
import { codecFor } from './dialects/index.js';
import { streamErrorFrame } from './dialects/stream-error.js';
import type { WireEvent } from './core/contracts/index.js';
import type { CacheStats } from './cache/response-cache.js';
import { buildMiddleware, type PipelineRuntime } from './pipeline/build.js';
import type { SecurityEvent } from './core/contracts/index.js';
import type { Detector } from './security/detector.js';
import { compose } from './pipeline/compose.js';
import type { CacheOutcome, CallContext, Middleware, RouteAttempt, ScanReport } from './core/contracts/index.js';
import type { Provider } from './core/contracts/index.js';
import { createProvider } from './providers/index.js';
import { forwardableHeaders } from './providers/forward-headers.js';
import type { ChatResult } from './core/contracts/index.js';
import { onStreamEnd } from './routing/hold-stream.js';
import { Router, type RouterOptions, type Target } from './routing/router.js';
import { countRequestTokens } from './tokens/count.js';
import { estimateRequestTokens } from './tokens/estimate.js';

/** Options for `new Tokligence()`: the config schema in camelCase, plus where to load it from. */
export type TokligenceOptions = TokligenceConfigInput & {
  /** Built-in profile: personal | coder | agent | team | enterprise | security (default personal). */
  profile?: string;
  /** A YAML/JSON config file (default `TOKLIGENCE_CONFIG`, else `./tokligence.yaml` when present). */
  configFile?: string | false;
  /** Environment to read keys and `TOKLIGENCE_*` from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Provider drivers of your own (e.g. a scripted `MockProvider`), by their `name`. */
  drivers?: Provider[];
  /** Middleware run around every call, in order. */
  middleware?: Middleware[];
  /** Audit hook: every security event (firewall blocks, PII redaction, output blocks); no PII values. */
  onSecurityEvent?: (event: SecurityEvent) => void;
  /**
   * Detectors of your own (ML classifier, moderation API) for the prompt firewall; they run on user
   * text, tool results and documents, bounded by `security.prompt_firewall.ml_detection.timeout_ms`.
   * A detector that fails refuses the call unless `security.fail_open` is true.
   */
  detectors?: Detector[];
};

/** Per-call options, as in the official SDKs. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra headers forwarded to a same-dialect upstream (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
  requestId?: string;
  /**
   * Response cache for this call: `false` neither reads nor writes it, `'no-cache'` does not answer
   * from it (but stores the new answer), `'no-store'` may answer from it but stores nothing.
   */
  cache?: boolean | 'no-cache' | 'no-store';
  /** Who is calling (the server passes the API key's name); cached answers are kept per tenant. */
  tenant?: string;
  /**
   * Called once per call with the decision log (every target tried, why, how it went, retries),
   * when routing has settled: before the answer or the first stream content, or on failure. The
   * facades (`chat.completions.create`, …) return plain SDK objects, so this is how in-process
   * callers see the route; `call()` also returns it as `route`.
   */
  onRoute?: (route: RouteAttempt[]) => void;
  /**
   * Let a same-dialect (pass-through) stream come back as the upstream's SSE bytes
   * (`type: 'sse'`) instead of parsed events: what an HTTP server forwards without re-framing.
   */
  sseBytes?: boolean;
  /**
   * What the URL says, for a dialect that puts it there instead of in the body: Gemini's
   * `models/{model}:streamGenerateContent` names the model and whether to stream.
   */
  fromUrl?: { model: string; stream: boolean };
}

/** What a call produced, in the caller's dialect: a JSON body or a stream of wire events. */
export type DialectResult = (
  | {
      type: 'json';
      body: unknown;
      /** The body exactly as the upstream sent it, when it was passed through unchanged. */
      text?: string;
    }
  | { type: 'stream'; events: AsyncIterable<WireEvent> }
) &
  CallMeta;

/**
 * With `sseBytes: true`, a call may also answer this: a same-dialect stream passed through as the
 * upstream's own SSE bytes (whole events per chunk), ready to write to an HTTP response.
 */
export type SseDialectResult = { type: 'sse'; chunks: AsyncIterable<Uint8Array> } & CallMeta;

/** What every call result carries besides its body. */
export interface CallMeta {
  /** The decision log: every target tried, why, and how it went. */
  route: RouteAttempt[];
  requestId: string;
  /** Token usage, once known (for a stream: when it ends; undefined if it failed). */
  usage: Promise<Usage | undefined>;
  /** How the response cache answered: `hit`, `miss` or `bypass`; undefined when no cache is on. */
  cache?: CacheOutcome;
  /** What the guardrails examined (`scanned`), could not (`not_scanned`) and which checks failed; undefined when none is on. */
  security?: ScanReport;
}

/** An async iterable of stream events with an `AbortController`, like the official SDKs' `Stream`. */
export class TokligenceStream<T> implements AsyncIterable<T> {
  constructor(
    private readonly source: AsyncIterable<T>,
    readonly controller: AbortController,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.source[Symbol.asyncIterator]();
  }
}

/**
 * One client for every LLM dialect, with the gateway in-process.
 *
 * @example
 * ```ts
 * const tk = new Tokligence({ profile: 'personal' });
 * const r = await tk.chat.completions.create({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] });
 * ```
 */
export class Tokligence {
  readonly config: TokligenceConfig;
  readonly providers: Map<string, Provider>;
  private readonly pipeline: (ctx: CallContext) => Promise<ChatResult>;
  /** No middleware reads stream content: passed-through streams are decoded only as far as needed. */
  private readonly skimStreams: boolean;
  private readonly runtime: PipelineRuntime = { closers: [] };
  /** Configured credentials (provider keys and headers, client keys): never in an error. */
  private readonly secrets: readonly string[];

  /** OpenAI chat completions, same types in and out as `openai`. */
  readonly chat: {
    completions: {
      create(params: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): Promise<ChatCompletion>;
      create(params: ChatCompletionCreateParamsStreaming, options?: RequestOptions): Promise<TokligenceStream<ChatCompletionChunk>>;
    };
  };

  /** Anthropic messages, same types in and out as `@anthropic-ai/sdk`. */
  readonly messages: {
    create(params: AnthropicParamsNonStreaming, options?: RequestOptions): Promise<AnthropicMessage>;
    create(params: AnthropicParamsStreaming, options?: RequestOptions): Promise<TokligenceStream<RawMessageStreamEvent>>;
    countTokens(params: MessageCountTokensParams, options?: RequestOptions): Promise<MessageTokensCount>;
  };

  /** OpenAI responses, same types in and out as `openai`. */
  readonly responses: {
    create(params: ResponseCreateParamsNonStreaming, options?: RequestOptions): Promise<OpenAIResponse>;
    create(params: ResponseCreateParamsStreaming, options?: RequestOptions): Promise<TokligenceStream<ResponseStreamEvent>>;
  };

  private readonly resolved = new Map<string, Target[]>();
  private readonly securityListeners = new Set<(event: SecurityEvent) => void>();

  /** Listen to security events (the server counts them in /metrics); returns an unsubscribe function. */
  onSecurityEvent(listener: (event: SecurityEvent) => void): () => void {
    this.securityListeners.add(listener);
    return () => this.securityListeners.delete(listener);
  }

  constructor(options: TokligenceOptions = {}) {
    const { profile, configFile, env, drivers, middleware, onSecurityEvent, detectors, ...config } = options;
    this.config = loadConfig({ profile, configFile, env, config: config as TokligenceConfigInput });
    this.secrets = secretList([
      ...this.config.gateway.auth.keys.map((k) => k.key),
      ...Object.values(this.config.providers).flatMap((p) => [p.api_key, ...Object.values(p.headers ?? {})]),
    ]);
    const gateway = this.config.gateway;
    this.providers = new Map();
    for (const [name, settings] of Object.entries(this.config.providers)) {
      if (settings.enabled === false) continue;
      this.providers.set(
        name,
        createProvider(name, settings, { requestTimeout: gateway.request_timeout, maxTokensDefault: gateway.max_tokens_default }),
      );
    }
    for (const d of drivers ?? []) this.providers.set(d.name, d);
    const router = new Router(routerOptions(this.config, this.providers, (m) => this.resolve(m)));
    const chain = [...buildMiddleware({
        config: this.config,
        resolve: (m) => this.resolve(m),
        providers: this.providers,
        runtime: this.runtime,
        detectors,
        onSecurityEvent: (e) => {
          onSecurityEvent?.(e);
          for (const l of this.securityListeners) l(e);
        },
      }), ...(middleware ?? [])];
    this.pipeline = compose(chain, (ctx) => router.route(ctx));
    this.skimStreams = chain.every((m) => m.ignoresStreamContent === true);

    const call = this.inProcess.bind(this);
    this.chat = { completions: { create: ((p: object, o?: RequestOptions) => call('openai-chat', p, o)) as never } };
    this.messages = {
      create: ((p: object, o?: RequestOptions) => call('anthropic', p, o)) as never,
      countTokens: async (p, o) => ({ input_tokens: await this.countTokens('anthropic', p, o) }),
    };
    this.responses = { create: ((p: object, o?: RequestOptions) => call('responses', p, o)) as never };
  }

  /**
   * The ordered targets for a model name. With no real provider enabled, every unknown name goes
   * to the built-in mock, so a fresh install answers offline.
   */
  resolve(model: string): Target[] {
    const known = this.resolved.get(model);
    if (known) return known.slice();
    try {
      const targets = resolveModelTargets(this.config, model);
      // The config never changes after construction, so a name resolves the same way every time.
      if (this.resolved.size >= 1000) this.resolved.clear();
      this.resolved.set(model, targets);
      return targets;
    } catch (err) {
      const real = [...this.providers.values()].filter((p) => p.type !== 'mock');
      const mock = [...this.providers.values()].find((p) => p.type === 'mock');
      if (real.length === 0 && mock && !model.includes('/')) return [{ provider: mock.name, model }];
      throw err;
    }
  }

  /**
   * Run many calls (OpenAI chat bodies unless `dialect` says otherwise), `concurrency` at a time.
   * Results come back in input order, each `{ ok: true, response, usage, ms }` or `{ ok: false, error, ms }`;
   * one failure never stops the rest. `onProgress` gets done/total, failures, ETA and usage so far.
   */
  batch<T = ChatCompletion>(requests: readonly object[], options: BatchCallOptions = {}): Promise<Array<BatchResult<T>>> {
    return batchCalls<T>(this as never, requests, options);
  }

  /** Count a request's input tokens locally (system, messages and tools), in any dialect. */
  async countTokens(dialect: DialectName, body: unknown, options: RequestOptions = {}): Promise<number> {
    const raw = { max_tokens: 1, ...(body as Record<string, unknown>) };
    const request = codecFor(dialect).decodeRequest(raw);
    // An Anthropic upstream counts exactly; anything else (or a failure) gets the local tokenizer.
    let target: Target | undefined;
    try {
      target = this.resolve(request.model)[0];
    } catch {
      // an unknown model still gets a local count
    }
    const provider = target && this.providers.get(target.provider);
    if (target && provider?.countTokens)
      try {
        return await provider.countTokens(request, {
          model: target.model,
          signal: options.signal,
          headers: forwardableHeaders(options.headers),
          passthrough: provider.dialects.includes(dialect) ? { dialect, body: body as Record<string, unknown> } : undefined,
        });
      } catch {
        // fall through to the local count
      }
    return countRequestTokens(request);
  }

  /**
   * Run one call given in a dialect and answer in the same dialect. The server and the adapters use
   * this; errors are thrown as TokligenceError for the caller to render (`codecFor(d).encodeError`).
   */
  call(dialect: DialectName, body: unknown, options: RequestOptions & { sseBytes: boolean }, throwStreamErrors?: boolean): Promise<DialectResult | SseDialectResult>;
  call(dialect: DialectName, body: unknown, options?: RequestOptions, throwStreamErrors?: boolean): Promise<DialectResult>;
  async call(
    dialect: DialectName,
    body: unknown,
    options: RequestOptions = {},
    /** In-process facades throw a stream's error instead of encoding it as an error frame. */
    throwStreamErrors = false,
  ): Promise<DialectResult | SseDialectResult> {
    const codec = codecFor(dialect);
    const request = codec.decodeRequest(body);
    if (options.fromUrl) {
      request.model = options.fromUrl.model.replace(/^models\//, '');
      request.stream = options.fromUrl.stream;
    }
    const ctx: CallContext = {
      requestId: options.requestId ?? newId('req_'),
      dialect,
      request,
      rawBody: body as Record<string, unknown>,
      rewritten: false,
      signal: options.signal,
      forwardHeaders: forwardableHeaders(options.headers),
      route: [],
      startedAt: performance.now(),
      tenant: options.tenant,
      cacheMode: cacheMode(options.cache),
      // The caller of a passed-through stream gets the upstream's bytes; what is decoded beside
      // them feeds only routing, usage and error frames, unless a middleware reads content.
      skimStreams: this.skimStreams,
    };
    let piped: ChatResult;
    try {
      piped = await this.pipeline(ctx);
    } catch (err) {
      // Whatever failed (an upstream echoing its key, a middleware of the app's own), the error
      // leaves without a configured secret in it.
      throw redactErrorSecrets(err, this.secrets);
    } finally {
      options.onRoute?.(ctx.route);
    }
    let settle: (u: Usage | undefined) => void = () => {};
    const usage = new Promise<Usage | undefined>((r) => {
      settle = r;
    });
    const base = { route: ctx.route, requestId: ctx.requestId, usage, ...(ctx.cache ? { cache: ctx.cache } : {}), ...(ctx.security ? { security: ctx.security } : {}) };
    const result: ChatResult = piped.type === 'stream' ? { ...piped, events: tapUsage(piped.events, settle) } : piped;
    if (result.type === 'response') settle(result.response.usage);
    const encodeOptions = { model: request.model, includeUsage: request.includeUsage };
    if (result.type === 'response') {
      if (result.raw?.dialect === dialect) return { type: 'json', body: result.raw.body, text: result.raw.text, ...base };
      return { type: 'json', body: codec.encodeResponse(result.response, encodeOptions), ...base };
    }
    if (!request.stream) {
      // A provider may stream even when the caller did not ask to; gather it.
      const { collectStream } = await import('./core/stream.js');
      const collected = await collectStream(result.events);
      return { type: 'json', body: codec.encodeResponse(collected, encodeOptions), ...base };
    }
    if (result.raw?.dialect === dialect) {
      // The decoder's copy tells whether the upstream stream ended cleanly: a cut after content
      // ends the raw bytes quietly, so the caller gets the dialect's error frame appended.
      const bytes = passThroughBytes(result.raw.bytes, result.events, dialect);
      if (options.sseBytes) return { type: 'sse', chunks: bytes, ...base };
      return { type: 'stream', events: mapAsync(readSse(bytes), (m) => ({ event: m.event, data: m.data })), ...base };
    }
    const events = throwStreamErrors ? throwOnError(result.events) : result.events;
    // Only a stream we encode for an Anthropic caller shows it (message_start's context meter); a
    // passed-through one carries the upstream's own count. A walk of the whole request: not free.
    const estimatedInputTokens = dialect === 'anthropic' ? estimateRequestTokens(request) : undefined;
    return { type: 'stream', events: codec.encodeStream(events, { ...encodeOptions, estimatedInputTokens }), ...base };
  }

  /** Response-cache counters (hits, misses, bypasses, stores, backend errors); undefined when no cache is on. */
  cacheStats(): CacheStats | undefined {
    return this.runtime.cache?.stats;
  }

  /** Wait for background cache writes to finish (tests, before a snapshot). */
  async flushCache(): Promise<void> {
    await this.runtime.cache?.flush();
  }

  /** Release what the client holds open (the Redis connection); calls after this go on uncached. */
  async close(): Promise<void> {
    await Promise.all(this.runtime.closers.map((close) => close().catch(() => {})));
  }

  /** The facades: the same call, with wire objects in and out and errors thrown. */
  private async inProcess(dialect: DialectName, params: object, options: RequestOptions = {}): Promise<unknown> {
    // Only a stream hands out a controller (TokligenceStream.controller, as the SDKs' Stream does);
    // a plain call needs no signal of its own.
    if ((params as { stream?: unknown }).stream !== true) {
      const result = await this.call(dialect, params, options, true);
      if (result.type === 'json') return result.body;
      return new TokligenceStream(wireObjects(dialect, result.events), new AbortController());
    }
    const { controller, release } = linkedController(options.signal);
    let result: DialectResult;
    try {
      result = await this.call(dialect, params, { ...options, signal: controller.signal }, true);
    } catch (err) {
      release();
      throw err;
    }
    if (result.type === 'json') {
      release();
      return result.body;
    }
    return new TokligenceStream(onStreamEnd(wireObjects(dialect, result.events), release), controller);
  }
}

/** A wire stream as the SDK objects its caller expects; an error frame is thrown as the dialect's error. */
async function* wireObjects(dialect: DialectName, events: AsyncIterable<WireEvent>): AsyncGenerator<unknown> {
  const codec = codecFor(dialect);
  for await (const ev of events) {
    if (ev.data === '[DONE]') continue;
    const data = typeof ev.data === 'string' ? JSON.parse(ev.data) : ev.data;
    if (isErrorFrame(ev.event, data)) throw codec.decodeError(500, data);
    yield data;
  }
}

/** The router's settings from the config (snake_case) in its own camelCase terms. */
function routerOptions(config: TokligenceConfig, providers: Map<string, Provider>, resolve: (model: string) => Target[]): RouterOptions {
  const { gateway, routing, retry, agent } = config;
  const lists = (map: Record<string, string | string[]>) =>
    Object.fromEntries(Object.entries(map).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  return {
    providers,
    resolve,
    workMode: gateway.work_mode,
    routing: {
      strategy: routing.strategy,
      costAware: routing.cost_aware,
      preferCheaperForSimpleTasks: routing.prefer_cheaper_for_simple_tasks,
      simple: { maxInputTokens: routing.simple.max_input_tokens, maxOutputTokens: routing.simple.max_output_tokens },
    },
    retry: {
      attempts: agent.fallback.retry_attempts ?? retry.attempts,
      minDelayMs: retry.min_delay_ms,
      maxDelayMs: retry.max_delay_ms,
      maxRetryAfterS: retry.max_retry_after_s,
    },
    fallbacks: {
      enabled: agent.fallback.enabled,
      models: lists(agent.fallback.fallback_models),
      contextWindow: lists(routing.context_window_fallbacks),
      contentPolicy: lists(routing.content_policy_fallbacks),
    },
    cooldown: routing.cooldown.enabled && {
      failureRatio: routing.cooldown.failure_ratio,
      minRequests: routing.cooldown.min_requests,
      windowMs: routing.cooldown.window * 1000,
      cooldownMs: routing.cooldown.period * 1000,
    },
    firstByteTimeoutMs: gateway.first_byte_timeout === undefined ? undefined : gateway.first_byte_timeout * 1000,
    concurrency: gateway.max_concurrent_requests
      ? { max: gateway.max_concurrent_requests, maxQueue: gateway.max_queue, queueTimeoutMs: gateway.queue_timeout * 1000 }
      : undefined,
  };
}

function cacheMode(option: RequestOptions['cache']): CallContext['cacheMode'] {
  if (option === undefined || option === true) return undefined;
  if (option === false) return { read: false, write: false };
  return option === 'no-cache' ? { read: false, write: true } : { read: true, write: false };
}

/** Read a stream in the background for its error events; `stop` ends the reading early. */
function watchForError(events: AsyncIterable<ChatEvent>, onError: (e: TokligenceError) => void): { done: Promise<void>; stop: () => Promise<void> } {
  const iterator = events[Symbol.asyncIterator]();
  let stopped = false;
  const done = (async () => {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done || stopped) return;
        if (next.value.type === 'error') onError(next.value.error);
      }
    } catch (err) {
      if (!stopped) onError(toTokligenceError(err));
    }
  })();
  return {
    done,
    stop: async () => {
      stopped = true;
      await iterator.return?.();
    },
  };
}

/**
 * The upstream's own SSE bytes for a pass-through stream, with the dialect's error frame appended
 * when the stream failed (the decoder's copy, read alongside, says so) and the upstream did not
 * already say it in-band. Chunks hold whole events, so the frame never lands inside one.
 */
async function* passThroughBytes(raw: AsyncIterable<Uint8Array>, decoded: AsyncIterable<ChatEvent>, dialect: DialectName): AsyncGenerator<Uint8Array> {
  let failure: TokligenceError | undefined;
  const watcher = watchForError(decoded, (e) => {
    failure ??= e;
  });
  // An in-band error the upstream sent itself already reached the caller: not a second one.
  let told = false;
  let finished = false;
  try {
    for await (const chunk of raw) {
      told ||= hasRawErrorFrame(chunk);
      yield chunk;
    }
    finished = true;
  } catch (err) {
    finished = true;
    failure ??= toTokligenceError(err);
  } finally {
    // The caller stopped early: stop the decoder's copy too, so the upstream is let go.
    if (!finished) await watcher.stop();
  }
  await watcher.done;
  if (failure && !told) {
    const frame = streamErrorFrame(dialect, failure);
    yield Buffer.from(formatSse(frame.event, frame.data));
  }
}

/** Whether a chunk of whole SSE events holds an in-band error frame (cheap byte check first). */
function hasRawErrorFrame(chunk: Uint8Array): boolean {
  return mayHoldError(chunk) && parseEvents(asBuffer(chunk).toString('utf8')).some((m) => isRawErrorFrame(m.event, m.data));
}

/** Pass events through, reporting the final usage (or undefined when the stream ends without one). */
function tapUsage(events: AsyncIterable<ChatEvent>, settle: (u: Usage | undefined) => void): AsyncIterable<ChatEvent> {
  return mapAsync(
    events,
    (ev) => {
      if (ev.type === 'finish') settle(ev.usage);
      return ev;
    },
    { onEnd: () => settle(undefined) },
  );
}

function throwOnError(events: AsyncIterable<ChatEvent>): AsyncIterable<ChatEvent> {
  return mapAsync(events, (ev) => {
    if (ev.type === 'error') throw ev.error;
    return ev;
  });
}

/** Whether a raw (pass-through) frame is the upstream's own in-band error. */
function isRawErrorFrame(event: string | undefined, data: unknown): boolean {
  if (event === 'error' || event === 'response.failed') return true;
  if (typeof data !== 'string') return isErrorFrame(event, data);
  if (!data.includes('"error"') && !data.includes('response.failed')) return false;
  try {
    const parsed = JSON.parse(data) as { type?: unknown };
    return isErrorFrame(event, parsed) || parsed?.type === 'response.failed';
  } catch {
    return false;
  }
}

/** A stream frame that reports a failure, in any dialect. */
function isErrorFrame(event: string | undefined, data: unknown): boolean {
  if (event === 'error') return true;
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return d.type === 'error' || (d.error !== undefined && d.error !== null && d.type === undefined && d.object === undefined);
}

export type { ChatEvent, ChatRequest, TokligenceError };
export { toTokligenceError };
