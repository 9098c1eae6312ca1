import { linkedController } from '../core/abort.js';
import { OverloadedError, TimeoutError, TokligenceError, toTokligenceError } from '../core/errors.js';
import type { ChatRequest } from '../core/types.js';
import type { CallContext, RouteAttempt } from '../core/contracts/index.js';
import type { ChatResult, Provider, ProviderCallOptions } from '../core/contracts/index.js';
import { type CircuitBreakerSettings, CircuitBreaker, DEFAULT_BREAKER } from './circuit-breaker.js';
import { ConcurrencyLimiter } from './concurrency.js';
import { holdUntilContent, onStreamEnd } from './hold-stream.js';
import { passThroughFor } from '../providers/passthrough.js';
import { lookupModel } from './model-table.js';
import { DEFAULT_RETRY, type RetrySettings, abortableSleep, withRetries } from './retry.js';
import { DEFAULT_SIMPLE_LIMITS, type SimpleTaskLimits, checkSimpleTask } from './simple-task.js';
import { type RankedTarget, rankTargets } from './strategies.js';
import { TargetStats } from './target-stats.js';
import { type RouteTarget, type RoutingStrategy, targetKey } from './types.js';

/** @deprecated the old name; a target is now a {@link RouteTarget}. */
export type Target = RouteTarget;

export interface RoutingSettings {
  /** Unset: `cheapest` when `costAware`, else `priority`. */
  strategy?: RoutingStrategy;
  costAware: boolean;
  preferCheaperForSimpleTasks: boolean;
  simple: SimpleTaskLimits;
}

export interface FallbackSettings {
  /** `routing.fallbacks.enabled`: whether `models` below is used (alias chains always are). */
  enabled: boolean;
  /** Requested model → model names tried after its own targets (`routing.fallbacks.models`). */
  models: Record<string, string[]>;
  /** Requested model → model names tried on a context-window-exceeded error. */
  contextWindow: Record<string, string[]>;
  /** Requested model → model names tried on a content-policy refusal. */
  contentPolicy: Record<string, string[]>;
}

export interface RouterOptions {
  providers: ReadonlyMap<string, Provider>;
  /** Ordered targets for a requested model (aliases, globs, `provider/model`). */
  resolve: (model: string) => RouteTarget[];
  /** `passthrough` forces it, `translate` forbids it, `auto` decides per call. */
  workMode: 'auto' | 'translate' | 'passthrough';
  routing?: Partial<RoutingSettings>;
  retry?: Partial<RetrySettings>;
  fallbacks?: Partial<FallbackSettings>;
  /** Circuit breaking per target; `false` turns it off. */
  cooldown?: Partial<CircuitBreakerSettings> | false;
  /** For streams: the longest wait for the first content, ms (each try). */
  firstByteTimeoutMs?: number;
  /** `gateway.max_concurrent_requests` with its queue. */
  concurrency?: { max: number; maxQueue: number; queueTimeoutMs: number };
  /** Injectable for tests: randomness (weighted picks, jitter), clock (cooldowns), sleep (backoff). */
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface PlannedTarget {
  target: RouteTarget;
  reason: string;
  strategy: string;
}

/**
 * Picks targets, retries them, falls back, cools down failing ones and logs every decision.
 *
 * For a requested model: its targets (alias list, glob or `provider/model`) are ordered by the
 * strategy; each is tried with up to `retry.attempts` retries on retryable failures (429, 408,
 * 409, 5xx, 529, connection errors, timeouts), waiting `Retry-After` when given (up to
 * `max_retry_after_s`, beyond which it falls back at once) or an exponential backoff with jitter.
 * Then the next target; then `routing.fallbacks.models`. A context-window or content-policy
 * error switches to that kind's fallback list. Other errors (400, 401, 403, 404…) are the caller's
 * answer at once. A target whose circuit is open is skipped. A stream may move on only until its
 * first content; after that an upstream failure reaches the caller as an error event.
 * Every target considered gets one entry in `ctx.route`.
 */
export class Router {
  readonly stats = new TargetStats();
  readonly breaker: CircuitBreaker | undefined;
  readonly limiter: ConcurrencyLimiter | undefined;
  private readonly retry: RetrySettings;
  private readonly routing: RoutingSettings;
  private readonly fallbacks: FallbackSettings;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: RouterOptions) {
    this.retry = { ...DEFAULT_RETRY, ...stripUndefined(options.retry) };
    this.routing = { costAware: false, preferCheaperForSimpleTasks: false, simple: DEFAULT_SIMPLE_LIMITS, ...stripUndefined(options.routing) };
    this.fallbacks = { enabled: true, models: {}, contextWindow: {}, contentPolicy: {}, ...stripUndefined(options.fallbacks) };
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? abortableSleep;
    if (options.cooldown !== false)
      this.breaker = new CircuitBreaker({ ...DEFAULT_BREAKER, ...stripUndefined(options.cooldown) }, options.now ?? Date.now);
    const c = options.concurrency;
    if (c) this.limiter = new ConcurrencyLimiter(c.max, c.maxQueue, c.queueTimeoutMs);
  }

  route(ctx: CallContext): Promise<ChatResult> {
    // Not async without a limiter: one promise hop less on every call.
    return this.limiter ? this.routeLimited(ctx, this.limiter) : this.routeTargets(ctx);
  }

  private async routeLimited(ctx: CallContext, limiter: ConcurrencyLimiter): Promise<ChatResult> {
    const release = await limiter.acquire(ctx.signal);
    try {
      const result = await this.routeTargets(ctx);
      if (result.type === 'response') {
        release();
        return result;
      }
      return { ...result, events: onStreamEnd(result.events, release) };
    } catch (err) {
      release();
      throw err;
    }
  }

  /** The strategy for this request and why. */
  private strategyFor(request: ChatRequest): { strategy: RoutingStrategy; why?: string } {
    const r = this.routing;
    if (r.preferCheaperForSimpleTasks) {
      const simple = checkSimpleTask(request, r.simple);
      if (simple.simple) return { strategy: 'cheapest', why: `simple task (${simple.why})` };
    }
    return { strategy: r.strategy ?? (r.costAware ? 'cheapest' : 'priority') };
  }

  /** Ranked targets of a model name; a name that does not resolve becomes a skipped entry. */
  private plan(ctx: CallContext, model: string, label?: string): PlannedTarget[] {
    // A requested model with one target is planned the same way every time (the config does not
    // change): once, not per call. Plans are only read.
    const single = label === undefined ? this.singlePlans.get(model) : undefined;
    if (single && !this.routing.preferCheaperForSimpleTasks) return single.slice();
    let targets: RouteTarget[];
    try {
      targets = this.options.resolve(model);
    } catch (err) {
      if (!label) throw err; // the requested model itself: the caller's error
      ctx.route.push({ provider: '-', model, reason: label, outcome: 'skipped', error: toTokligenceError(err).message });
      return [];
    }
    const { strategy, why } = this.strategyFor(ctx.request);
    const ranked: RankedTarget[] = targets.length > 1 ? rankTargets(targets, strategy, this.strategyContext(ctx)) : targets.map((target) => ({ target, reason: 'only target' }));
    const planned = ranked.map((r) => ({
      target: r.target,
      strategy: targets.length > 1 ? strategy : 'single',
      reason: [label, why, `${r.reason}${label ? '' : ` for "${model}"`}`].filter(Boolean).join('; '),
    }));
    if (targets.length === 1 && label === undefined && why === undefined) {
      if (this.singlePlans.size >= 1000) this.singlePlans.clear();
      this.singlePlans.set(model, planned.slice());
    }
    return planned;
  }

  private readonly singlePlans = new Map<string, PlannedTarget[]>();

  private strategyContext(ctx: CallContext) {
    return { request: ctx.request, stats: this.stats, random: this.random };
  }

  private async routeTargets(ctx: CallContext): Promise<ChatResult> {
    const requested = ctx.request.model;
    const queue = this.plan(ctx, requested);
    const seen = new Set<string>();
    const used = { models: false, contextWindow: false, contentPolicy: false };
    let lastError: TokligenceError | undefined;
    let tried = 0;
    let soonestRetryMs: number | undefined;
    for (;;) {
      if (queue.length === 0 && !used.models) {
        used.models = true;
        const names = this.fallbacks.enabled ? (this.fallbacks.models[requested] ?? []) : [];
        for (const name of names) queue.push(...this.plan(ctx, name, `fallbacks.models "${requested}" → "${name}"`));
      }
      const next = queue.shift();
      if (!next) break;
      const key = targetKey(next.target);
      if (seen.has(key)) continue;
      seen.add(key);
      const reason = lastError && tried > 0 ? `fallback after ${lastError.kind}${lastError.status ? ` ${lastError.status}` : ''}: ${next.reason}` : next.reason;
      const entry: RouteAttempt = { provider: next.target.provider, model: next.target.model, reason, strategy: next.strategy, outcome: 'skipped' };
      ctx.route.push(entry);
      const provider = this.options.providers.get(next.target.provider);
      if (!provider) {
        entry.error = 'provider not configured';
        continue;
      }
      const admission = this.breaker?.check(key) ?? { allowed: true, probe: false };
      if (!admission.allowed) {
        entry.error = `cooling down (circuit open, ${Math.ceil(admission.retryInMs / 1000)}s left)`;
        soonestRetryMs = Math.min(soonestRetryMs ?? Number.POSITIVE_INFINITY, admission.retryInMs);
        continue;
      }
      if (admission.probe) entry.reason += ' (half-open probe)';
      tried++;
      try {
        return await this.attempt(ctx, provider, next.target, entry);
      } catch (err) {
        const error = toTokligenceError(err);
        lastError = error;
        if (ctx.signal?.aborted || error.kind === 'aborted') throw error;
        const special =
          error.kind === 'context_window' ? 'contextWindow' : error.kind === 'content_policy' ? 'contentPolicy' : undefined;
        if (special && !used[special]) {
          used[special] = true;
          const names = this.fallbacks[special][requested] ?? [];
          const label = special === 'contextWindow' ? 'fallbacks.context_window' : 'fallbacks.content_policy';
          const planned = names.flatMap((name) => this.plan(ctx, name, `${label} "${requested}" → "${name}"`));
          if (planned.length > 0) {
            // A bigger-context or differently-moderated model replaces the rest of the chain.
            queue.splice(0, queue.length, ...planned);
            used.models = true;
            continue;
          }
        }
        if (!error.retryable) throw error;
      }
    }
    if (lastError) throw lastError;
    if (soonestRetryMs !== undefined)
      throw new OverloadedError(`Every target for "${requested}" is cooling down after repeated failures; retry in ${Math.ceil(soonestRetryMs / 1000)}s`, {
        retryAfter: Math.ceil(soonestRetryMs / 1000),
      });
    throw new TokligenceError('not_found', `No target available for model "${requested}"`);
  }

  /** One target, with its retries. Fills in `entry` (outcome, status, retries, ms). */
  private async attempt(ctx: CallContext, provider: Provider, target: RouteTarget, entry: RouteAttempt): Promise<ChatResult> {
    const key = targetKey(target);
    const started = performance.now();
    let request = ctx.request;
    const limit = target.maxTokens ?? lookupModel(target.model)?.maxOutput;
    if (limit !== undefined && request.maxTokens !== undefined && request.maxTokens > limit) {
      request = { ...request, maxTokens: limit };
      entry.reason += `; max_tokens ${ctx.request.maxTokens} clamped to ${limit}`;
    }
    const passthrough = passThroughFor(ctx, provider, request, this.options.workMode);
    if (passthrough) entry.reason += ' (pass-through)';
    entry.retries = 0;
    // Tracing on: a child span for this target; its traceparent goes upstream with every try.
    const span = ctx.span?.startAttempt({ provider: provider.name, providerType: provider.type, model: target.model });
    try {
      const result = await withRetries(
        async () => {
          const tryStarted = performance.now();
          this.stats.begin(key);
          let result: ChatResult;
          try {
            result = await this.once(ctx, provider, request, target, passthrough, span?.headers);
            // A driver that streams although the caller did not ask to: held like any stream.
            if (result.type === 'stream' && !request.stream) result = await holdUntilContent(result);
          } catch (err) {
            this.stats.end(key);
            const error = toTokligenceError(err);
            if (error.retryable && !ctx.signal?.aborted) {
              if (this.breaker?.failure(key)) entry.cooldown = true;
            } else this.breaker?.release(key);
            throw error;
          }
          this.stats.observeLatency(key, performance.now() - tryStarted);
          this.breaker?.success(key);
          if (result.type === 'response') {
            this.stats.end(key);
            noteSkipped(entry, result.skipped);
            return result;
          }
          return {
            ...result,
            events: onStreamEnd(result.events, () => {
              this.stats.end(key);
              noteSkipped(entry, result.skipped);
            }),
          };
        },
        this.retry,
        {
          signal: ctx.signal,
          random: this.random,
          sleep: this.sleep,
          // A circuit that just opened means: stop hammering this target, fall back.
          stop: () => entry.cooldown === true,
          onRetry: (error, _n, delay) => {
            entry.retries = (entry.retries ?? 0) + 1;
            entry.retryDelaysMs = [...(entry.retryDelaysMs ?? []), Math.round(delay)];
            entry.lastRetryError = `${error.kind}${error.status ? ` ${error.status}` : ''}`;
          },
        },
      );
      entry.outcome = 'ok';
      entry.ms = elapsed(started);
      span?.end(entry);
      return result;
    } catch (err) {
      const error = toTokligenceError(err);
      entry.outcome = 'error';
      entry.status = error.status;
      entry.kind = error.kind;
      entry.error = error.message;
      entry.ms = elapsed(started);
      span?.end(entry);
      throw error;
    }
  }

  /** One HTTP try. Streams are held until their first content, within `firstByteTimeoutMs`. */
  private async once(
    ctx: CallContext,
    provider: Provider,
    request: ChatRequest,
    target: RouteTarget,
    passthrough: ProviderCallOptions['passthrough'],
    trace?: Readonly<Record<string, string>>,
  ): Promise<ChatResult> {
    const limitMs = request.stream ? this.options.firstByteTimeoutMs : undefined;
    // A per-try controller only when a first-byte timeout may have to cancel this try; linked to
    // the call's signal until the try's answer (or stream) is over.
    const link = limitMs ? linkedController(ctx.signal) : undefined;
    const controller = link?.controller;
    const signal = controller ? controller.signal : ctx.signal;
    const forwarded = !ctx.dialect || provider.dialects.includes(ctx.dialect) ? ctx.forwardHeaders : undefined;
    const answer = provider.chat(request, { model: target.model, signal, passthrough, headers: trace ? { ...forwarded, ...trace } : forwarded });
    // A JSON answer goes on as it came (no extra promise hop); a stream is held until its content.
    const work = request.stream ? answer.then((r): Promise<ChatResult> | ChatResult => (r.type === 'stream' ? holdUntilContent(r) : r)) : answer;
    let timedOut = false;
    if (link)
      work.then(
        // A stream that is handed on releases the link when it ends (below).
        (r) => (r.type === 'stream' && !timedOut ? undefined : link.release()),
        () => link.release(),
      );
    if (!controller || !limitMs) return work;
    work.catch(() => {}); // the race below may abandon it
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
        reject(
          new TimeoutError(`${provider.name}: no content within first_byte_timeout (${limitMs / 1000}s)`, { provider: provider.name }),
        );
      }, limitMs);
    });
    try {
      const result = await Promise.race([work, timeout]);
      return result.type === 'stream' && link ? { ...result, events: onStreamEnd(result.events, link.release) } : result;
    } finally {
      clearTimeout(timer);
    }
  }
}

const elapsed = (since: number) => Math.round((performance.now() - since) * 100) / 100;

function stripUndefined<T extends object>(value: T | undefined | false): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Copy what the decoder skipped into the decision log entry (read when the answer is complete). */
function noteSkipped(entry: RouteAttempt, skipped: ReadonlyMap<string, number> | undefined): void {
  if (skipped && skipped.size > 0) entry.skipped = Object.fromEntries(skipped);
}
