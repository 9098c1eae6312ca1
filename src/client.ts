import type {
  Message as AnthropicMessage,
  MessageCountTokensParams,
  MessageCreateParamsBase as AnthropicParamsBase,
  MessageCreateParamsNonStreaming as AnthropicParamsNonStreaming,
  MessageCreateParamsStreaming as AnthropicParamsStreaming,
  MessageTokensCount,
  RawMessageStreamEvent,
} from '@anthropic-ai/sdk/resources/messages';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsBase,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import type {
  Response as OpenAIResponse,
  ResponseCreateParamsBase,
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import { type BatchCallOptions, type BatchResult, batchCalls } from './batch/run.js';
import type { CacheStats } from './cache/response-cache.js';
import type { TokligenceConfig } from './config/index.js';
import { linkedController } from './core/abort.js';
import type { Provider } from './core/contracts/provider.js';
import type { SecurityEvent } from './core/contracts/security-event.js';
import { type TokligenceError, toTokligenceError } from './core/errors.js';
import type { ChatEvent, ChatRequest, DialectName } from './core/types.js';
import { MessageStream } from './facades/message-stream.js';
import { type MetaPromise, metaPromise } from './facades/meta-promise.js';
import { type ModelsPagePromise, modelsPage } from './facades/models.js';
import { sdkObjects } from './facades/sdk-objects.js';
import { TokligenceStream } from './facades/stream.js';
import type { Governance } from './governance/governance.js';
import type { Target } from './routing/router.js';
import { onStreamEnd } from './routing/hold-stream.js';
import {
  type CallMeta,
  type CallOptions,
  type ReloadResult,
  type CanonicalResult,
  type DialectResult,
  type RequestOptions,
  type Runtime,
  type SseDialectResult,
  type TokligenceOptions,
  modelIds,
  callInDialect,
  countTokens,
  createRuntime,
  rebuildRuntime,
  retireRuntime,
  runCanonical,
} from './runtime/index.js';

/**
 * One client for every LLM dialect, with the gateway in-process. The facades take and return the
 * official SDKs' own types; `run()` takes the canonical model; `call()` any dialect's wire body.
 *
 * @example
 * ```ts
 * const tk = new Tokligence({ profile: 'personal' });
 * const r = await tk.chat.completions.create({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] });
 * ```
 */
export class Tokligence {
  private current: Runtime;
  private readonly options: TokligenceOptions;
  private readonly securityListeners = new Set<(event: SecurityEvent) => void>();

  /** OpenAI chat completions, same types in and out as `openai`. */
  readonly chat: {
    completions: {
      create(params: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): MetaPromise<ChatCompletion>;
      create(params: ChatCompletionCreateParamsStreaming, options?: RequestOptions): MetaPromise<TokligenceStream<ChatCompletionChunk>>;
      /** `stream` as a boolean variable: the answer or a stream, as openai's own overload. */
      create(params: ChatCompletionCreateParamsBase, options?: RequestOptions): MetaPromise<TokligenceStream<ChatCompletionChunk> | ChatCompletion>;
    };
  };

  /** Anthropic messages, same types in and out as `@anthropic-ai/sdk`. */
  readonly messages: {
    create(params: AnthropicParamsNonStreaming, options?: RequestOptions): MetaPromise<AnthropicMessage>;
    create(params: AnthropicParamsStreaming, options?: RequestOptions): MetaPromise<TokligenceStream<RawMessageStreamEvent>>;
    create(params: AnthropicParamsBase, options?: RequestOptions): MetaPromise<TokligenceStream<RawMessageStreamEvent> | AnthropicMessage>;
    /**
     * A streamed call with the Anthropic SDK's `MessageStream` helpers: `.on('text', …)`,
     * `finalMessage()`, `finalText()`, `currentMessage`, iteration over the raw events.
     */
    stream(params: AnthropicParamsBase, options?: RequestOptions): MessageStream;
    countTokens(params: MessageCountTokensParams, options?: RequestOptions): Promise<MessageTokensCount>;
  };

  /** OpenAI responses, same types in and out as `openai`. */
  readonly responses: {
    create(params: ResponseCreateParamsNonStreaming, options?: RequestOptions): MetaPromise<OpenAIResponse>;
    create(params: ResponseCreateParamsStreaming, options?: RequestOptions): MetaPromise<TokligenceStream<ResponseStreamEvent>>;
    create(params: ResponseCreateParamsBase, options?: RequestOptions): MetaPromise<TokligenceStream<ResponseStreamEvent> | OpenAIResponse>;
  };

  /**
   * The model names this client answers to (aliases and each provider's listed models), in both
   * SDKs' shapes: `(await tk.models.list()).data`, or `for await (const m of tk.models.list())`.
   */
  readonly models: { list(): ModelsPagePromise };

  constructor(options: TokligenceOptions = {}) {
    this.options = options;
    this.current = this.wire(createRuntime(options));
    const facade = (dialect: DialectName) => ((params: object, o?: RequestOptions) => metaPromise(this.inProcess(dialect, params, o), dialect)) as never;
    this.chat = { completions: { create: facade('openai-chat') } };
    this.messages = {
      create: facade('anthropic'),
      stream: (params, o) =>
        new MessageStream(params.messages, async (signal) => {
          const { data, meta } = await this.inProcess('anthropic', { ...params, stream: true }, { ...o, signal: o?.signal ? AbortSignal.any([o.signal, signal]) : signal });
          return { stream: data as TokligenceStream<RawMessageStreamEvent>, requestId: meta.requestId };
        }),
      countTokens: async (p, o) => ({ input_tokens: await this.countTokens('anthropic', p, o) }),
    };
    this.responses = { create: facade('responses') };
    this.models = { list: () => modelsPage(modelIds(this.runtime)) };
  }

  /** Providers, router and middleware built from the config; shared with the server (the current one after a reload). */
  get runtime(): Runtime {
    return this.current;
  }

  /**
   * Read the config again (its file and the environment) and swap in a new runtime: providers,
   * models, routing, budgets and security rules change for the calls that start after it. Calls
   * in flight finish on the old runtime, which is closed once they are done. A bad config throws
   * its error and the running one stays. What `tokligence serve` does on SIGHUP or a changed file.
   */
  reload(): ReloadResult {
    const old = this.current;
    const { next, result } = rebuildRuntime(old, this.options);
    this.current = this.wire(next);
    // The longest a call may still run on the old runtime; a stream nobody reads is cut off then.
    void retireRuntime(old, (old.config.gateway.request_timeout + 5) * 1000, next);
    return result;
  }

  /** Forward a runtime's security events to this client's listeners (they outlive reloads). */
  private wire(runtime: Runtime): Runtime {
    runtime.onSecurityEvent((event) => {
      for (const listener of this.securityListeners) listener(event);
    });
    return runtime;
  }

  /** The loaded config (profile < file < environment < constructor options). */
  get config(): TokligenceConfig {
    return this.runtime.config;
  }

  /** The enabled providers by name (read-only). */
  get providers(): ReadonlyMap<string, Provider> {
    return this.runtime.providers;
  }

  /** Users, keys, rate limits, budgets and the usage ledger; undefined when none is configured. */
  get governance(): Governance | undefined {
    return this.runtime.governance;
  }

  /**
   * Open what the config needs before the first call (the store: SQLite file or PostgreSQL pool,
   * migrations, usage rows a crashed process left in the spool). Calls wait for it anyway; the
   * server awaits it at start, so a database problem stops it there.
   */
  async ready(): Promise<void> {
    await this.runtime.governance?.ready();
  }

  /** The ordered targets for a model name (aliases, globs; the mock when nothing else is enabled). */
  resolve(model: string): Target[] {
    return this.runtime.resolve(model);
  }

  /** Listen to security events (the server counts them in /metrics); returns an unsubscribe function. */
  onSecurityEvent(listener: (event: SecurityEvent) => void): () => void {
    this.securityListeners.add(listener);
    return () => this.securityListeners.delete(listener);
  }

  /**
   * Run one canonical request (`ChatRequest`) and get the canonical answer, with nothing lost to a
   * wire format in between: what the LangChain and AI SDK adapters use. Stream errors are thrown.
   */
  run(request: ChatRequest, options?: RequestOptions): Promise<CanonicalResult> {
    return runCanonical(this.runtime, request, options);
  }

  /**
   * Run one call given in a dialect and answer in the same dialect. The server uses this; errors are
   * thrown as TokligenceError for the caller to render (`codecFor(d).encodeError`).
   */
  call(dialect: DialectName, body: unknown, options: CallOptions & { sseBytes: boolean }): Promise<DialectResult | SseDialectResult>;
  call(dialect: DialectName, body: unknown, options?: CallOptions): Promise<DialectResult>;
  call(dialect: DialectName, body: unknown, options: CallOptions = {}): Promise<DialectResult | SseDialectResult> {
    return callInDialect(this.runtime, dialect, body, options);
  }

  /** Count a request's input tokens (system, messages and tools), in any dialect. */
  countTokens(dialect: DialectName, body: unknown, options: RequestOptions = {}): Promise<number> {
    return countTokens(this.runtime, dialect, body, options);
  }

  /**
   * Run many calls (OpenAI chat bodies unless `dialect` says otherwise), `concurrency` at a time.
   * Results come back in input order, each `{ ok: true, response, usage, ms }` or `{ ok: false, error, ms }`;
   * one failure never stops the rest. `onProgress` gets done/total, failures, ETA and usage so far.
   */
  batch<T = ChatCompletion>(requests: readonly object[], options: BatchCallOptions = {}): Promise<Array<BatchResult<T>>> {
    return batchCalls<T>(this as never, requests, options);
  }

  /** Response-cache counters (hits, misses, bypasses, stores, backend errors); undefined when no cache is on. */
  cacheStats(): CacheStats | undefined {
    return this.runtime.services.cache?.stats;
  }

  /** Wait for background cache writes to finish (tests, before a snapshot). */
  async flushCache(): Promise<void> {
    await this.runtime.services.cache?.flush();
  }

  /** Release what the client holds open (Redis; the store, after writing queued usage rows); calls after this go on uncached. */
  async close(): Promise<void> {
    await Promise.all([...this.runtime.services.closers.map((close) => close().catch(() => {})), this.runtime.governance?.close().catch(() => {})]);
  }

  /** The facades: the same call, with wire objects in and out and errors thrown. */
  private async inProcess(dialect: DialectName, params: object, options: RequestOptions = {}): Promise<{ data: unknown; meta: CallMeta }> {
    // Only a stream hands out a controller (TokligenceStream.controller, as the SDKs' Stream does);
    // a plain call needs no signal of its own.
    if ((params as { stream?: unknown }).stream !== true) {
      const result = await this.call(dialect, params, { ...options, streamErrors: 'throw' });
      const data = result.type === 'json' ? withRequestId(dialect, result.body, result.requestId) : new TokligenceStream(sdkObjects(dialect, result.events), new AbortController());
      return { data, meta: metaOf(result) };
    }
    const { controller, release } = linkedController(options.signal);
    let result: DialectResult;
    try {
      result = await this.call(dialect, params, { ...options, signal: controller.signal, streamErrors: 'throw' });
    } catch (err) {
      release();
      throw err;
    }
    if (result.type === 'json') {
      release();
      return { data: withRequestId(dialect, result.body, result.requestId), meta: metaOf(result) };
    }
    return { data: new TokligenceStream(onStreamEnd(sdkObjects(dialect, result.events), release), controller), meta: metaOf(result) };
  }
}

/**
 * The answer as the SDKs hand it over: `_request_id` (not enumerable, as openai-node and the
 * Anthropic SDK add it) and, on a Responses answer, `output_text` (the SDK's convenience: the
 * message output's text parts joined; it is not on the wire).
 */
function withRequestId(dialect: DialectName, body: unknown, requestId: string): unknown {
  if (typeof body !== 'object' || body === null) return body;
  if (dialect === 'responses' && (body as { output_text?: unknown }).output_text === undefined) {
    const texts: string[] = [];
    for (const item of (body as { output?: Array<{ type?: string; content?: Array<{ type?: string; text?: string }> }> }).output ?? [])
      if (item.type === 'message') for (const part of item.content ?? []) if (part.type === 'output_text' && typeof part.text === 'string') texts.push(part.text);
    (body as { output_text?: string }).output_text = texts.join('');
  }
  Object.defineProperty(body, '_request_id', { value: requestId, enumerable: false, configurable: true, writable: true });
  return body;
}

/** The metadata part of a call's result. */
function metaOf(result: CallMeta): CallMeta {
  const { route, requestId, provider, model, usage, cost, cache, security } = result;
  return { route, requestId, provider, model, usage, cost, cache, security };
}

export { TokligenceStream };
export type { CallMeta, CallOptions, CanonicalResult, ReloadResult, ChatEvent, ChatRequest, DialectResult, MetaPromise, RequestOptions, SseDialectResult, TokligenceError, TokligenceOptions };
export { toTokligenceError };
