import { Counter, Registry } from 'prom-client';
import { FastCounter, FastHistogram } from './fast-metrics.js';
import type { Usage } from '../core/types.js';

/** Distinct model label values kept before the rest are counted as `other`. */
const MAX_MODELS = 200;

/** Prometheus metrics for the server, on their own registry (no global state, no default collectors). */
export class ServerMetrics {
  readonly registry = new Registry();
  // Updated on every call: kept in plain maps (see fast-metrics.ts), rendered by this registry.
  private readonly requests = new FastCounter('tokligence_requests_total', 'Calls answered, by route dialect, provider, model and HTTP status', this.registry);
  private readonly latency = new FastHistogram(
    'tokligence_request_duration_seconds',
    'Time from request to the end of the answer',
    this.registry,
    [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  );
  private readonly ttft = new FastHistogram(
    'tokligence_time_to_first_token_seconds',
    'Time from request to the first streamed event',
    this.registry,
    [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );
  private readonly tokens = new FastCounter('tokligence_tokens_total', 'Tokens by provider, model and type (input, output, cache_read, cache_write)', this.registry);
  private readonly retries = new Counter({
    name: 'tokligence_retries_total',
    help: 'Retries of a target after a retryable failure (429, 5xx, 529, timeouts, connection errors)',
    labelNames: ['provider', 'model'] as const,
    registers: [this.registry],
  });
  private readonly fallbacks = new Counter({
    name: 'tokligence_fallbacks_total',
    help: 'Calls that moved on to another target, by the target moved to',
    labelNames: ['provider', 'model'] as const,
    registers: [this.registry],
  });
  private readonly cooldowns = new Counter({
    name: 'tokligence_cooldowns_total',
    help: 'Times a target circuit opened (the target is skipped for the cooldown period)',
    labelNames: ['provider', 'model'] as const,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'tokligence_errors_total',
    help: 'Failed calls by error kind',
    labelNames: ['dialect', 'kind', 'status'] as const,
    registers: [this.registry],
  });

  private readonly cacheRequests = new FastCounter('tokligence_cache_requests_total', 'Calls by response-cache outcome (hit, miss, bypass)', this.registry);
  private readonly cacheErrors = new Counter({
    name: 'tokligence_cache_errors_total',
    help: 'Failed response-cache backend operations (e.g. Redis down); those calls went on uncached',
    labelNames: ['op'] as const,
    registers: [this.registry],
  });
  private cacheErrorsSeen = { get: 0, set: 0 };
  private readonly cacheDropped = new Counter({
    name: 'tokligence_cache_dropped_writes_total',
    help: 'Answers not stored in the response cache: the backend failed the write, or too many writes were waiting',
    registers: [this.registry],
  });
  private cacheDroppedSeen = 0;

  /** Bring the dropped-writes counter up to the cache's own count (read when /metrics is scraped). */
  syncCacheDropped(dropped: number | undefined): void {
    if (dropped === undefined) return;
    if (dropped > this.cacheDroppedSeen) this.cacheDropped.inc(dropped - this.cacheDroppedSeen);
    this.cacheDroppedSeen = dropped;
  }

  recordCache(result: string): void {
    this.cacheRequests.inc(result, () => ({ result }));
  }

  /** Bring the error counter up to the cache's own count (read when /metrics is scraped). */
  syncCacheErrors(errors: { get: number; set: number } | undefined): void {
    if (!errors) return;
    for (const op of ['get', 'set'] as const) {
      const delta = errors[op] - this.cacheErrorsSeen[op];
      if (delta > 0) this.cacheErrors.inc({ op }, delta);
    }
    this.cacheErrorsSeen = { ...errors };
  }

  record(r: { dialect: string; provider: string; model: string; status: number; seconds: number; ttftSeconds?: number; usage?: Usage }): void {
    const { dialect, provider } = r;
    const model = this.modelLabel(r.model);
    const key = `${dialect}\u0000${provider}\u0000${model}`;
    const labels = () => ({ dialect, provider, model });
    this.requests.inc(`${key}\u0000${r.status}`, () => ({ dialect, provider, model, status: String(r.status) }));
    this.latency.observe(key, labels, r.seconds);
    if (r.ttftSeconds !== undefined) this.ttft.observe(key, labels, r.ttftSeconds);
    if (r.usage) {
      const tokens = (type: string, n: number) => this.tokens.inc(`${provider}\u0000${model}\u0000${type}`, () => ({ provider, model, type }), n);
      tokens('input', r.usage.inputTokens);
      tokens('output', r.usage.outputTokens);
      if (r.usage.cacheReadTokens) tokens('cache_read', r.usage.cacheReadTokens);
      if (r.usage.cacheWriteTokens) tokens('cache_write', r.usage.cacheWriteTokens);
    }
  }

  /**
   * Model names can come from the caller (`provider/any-name`, glob aliases, the mock): each new
   * one is a new series in every histogram, held forever. So at most MAX_MODELS distinct names
   * (of at most 128 characters) get their own series; the rest count as `other`.
   */
  private readonly models = new Set<string>();
  private modelLabel(model: string): string {
    if (this.models.has(model)) return model;
    if (model.length > 128 || this.models.size >= MAX_MODELS) return 'other';
    this.models.add(model);
    return model;
  }

  /** Count retries, fallbacks and cooldowns from one call's decision log. */
  recordRoute(route: ReadonlyArray<{ provider: string; model: string; outcome: string; retries?: number; cooldown?: boolean }>): void {
    route.forEach((a, i) => {
      if (a.outcome === 'skipped') return;
      const labels = { provider: a.provider, model: this.modelLabel(a.model) };
      // Tried, but not the first choice: an earlier target failed or was cooling down.
      if (i > 0) this.fallbacks.inc(labels);
      if (a.retries) this.retries.inc(labels, a.retries);
      if (a.cooldown) this.cooldowns.inc(labels);
    });
  }

  private readonly securityEvents = new Counter({
    name: 'tokligence_security_events_total',
    help: 'Security events (firewall blocks and flags, PII redaction, output blocks) by type and action',
    labelNames: ['type', 'action'] as const,
    registers: [this.registry],
  });

  /** Count a security event; wire with `tokligence.onSecurityEvent((e) => metrics.recordSecurityEvent(e))`. */
  recordSecurityEvent(e: { type: string; action: string }): void {
    this.securityEvents.inc({ type: e.type, action: e.action });
  }

  recordError(dialect: string, kind: string, status: number): void {
    this.errors.inc({ dialect, kind, status: String(status) });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
