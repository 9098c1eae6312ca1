import type { Registry } from 'prom-client';
import type { Usage } from '../core/types.js';
import type { PartReport } from '../core/health.js';
import { FastCounter, FastGauge, FastHistogram } from './fast-metrics.js';

/** Distinct model label values kept before the rest are counted as `other`. */
const MAX_MODELS = 200;

const providerModel = (provider: string, model: string) => `${provider}\u0000${model}`;

/**
 * Prometheus metrics for the server, on their own registry (no global state, no default
 * collectors). Every update is a plain map update (fast-metrics.ts); prom-client, which renders
 * them, is loaded on the first `/metrics` scrape, so a server nobody scrapes never pays its ~7 MB.
 */
export class ServerMetrics {
  private readonly requests = new FastCounter('tokligence_requests_total', 'Calls answered, by route dialect, provider, model and HTTP status');
  private readonly latency = new FastHistogram('tokligence_request_duration_seconds', 'Time from request to the end of the answer', [
    0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300,
  ]);
  private readonly ttft = new FastHistogram('tokligence_time_to_first_token_seconds', 'Time from request to the first streamed event', [
    0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
  ]);
  private readonly tokens = new FastCounter('tokligence_tokens_total', 'Tokens by provider, model and type (input, output, cache_read, cache_write)');
  private readonly cost = new FastCounter('tokligence_cost_usd_total', 'Estimated spend in USD (offline price table and `prices:` overrides), by provider and model');
  private readonly retries = new FastCounter('tokligence_retries_total', 'Retries of a target after a retryable failure (429, 5xx, 529, timeouts, connection errors)');
  private readonly fallbacks = new FastCounter('tokligence_fallbacks_total', 'Calls that moved on to another target, by the target moved to');
  private readonly cooldowns = new FastCounter('tokligence_cooldowns_total', 'Times a target circuit opened (the target is skipped for the cooldown period)');
  private readonly skipped = new FastCounter(
    'tokligence_skipped_parts_total',
    'Parts of upstream answers the decoder skipped (unknown stream events and parts, items the caller could not hold), by provider and kind',
  );
  private readonly errors = new FastCounter('tokligence_errors_total', 'Failed calls by error kind');
  private readonly cacheRequests = new FastCounter('tokligence_cache_requests_total', 'Calls by response-cache outcome (hit, miss, bypass)');
  private readonly cacheErrors = new FastCounter('tokligence_cache_errors_total', 'Failed response-cache backend operations (e.g. Redis down); those calls went on uncached');
  private cacheErrorsSeen = { get: 0, set: 0 };
  private readonly cacheDropped = new FastCounter(
    'tokligence_cache_dropped_writes_total',
    'Answers not stored in the response cache: the backend failed the write, or too many writes were waiting',
  );
  private cacheDroppedSeen = 0;
  private readonly securityEvents = new FastCounter(
    'tokligence_security_events_total',
    'Security events (firewall blocks and flags, PII redaction, output blocks) by type and action',
  );
  private readonly degraded = new FastCounter(
    'tokligence_degraded_calls_total',
    'Calls served without a shared part they need, failing open (feature: auth, rate_limit, budgets, cache)',
  );
  private readonly partsUp: FastGauge;
  private registry?: Promise<Registry>;

  /** `parts`: the shared parts' health, read at each scrape (`tokligence_dependency_up`). */
  constructor(parts: () => PartReport[] = () => []) {
    this.partsUp = new FastGauge('tokligence_dependency_up', 'Whether a shared part (store, rate_limit_redis, cache_redis, spool) answers: 1 up, 0 down', () =>
      parts().map((p) => ({ labels: { part: p.part }, value: p.up ? 1 : 0 })),
    );
    // An unlabelled counter shows its 0 from the start, as prom-client's own would.
    this.cacheDropped.inc('', () => ({}), 0);
  }

  /** The prom-client registry `/metrics` renders (prom-client loads on first use); add your own metrics to it. */
  getRegistry(): Promise<Registry> {
    this.registry ??= import('prom-client').then(({ Registry }) => {
      const registry = new Registry();
      for (const m of [this.requests, this.latency, this.ttft, this.tokens, this.cost, this.retries, this.fallbacks, this.cooldowns, this.skipped, this.errors]) m.registerOn(registry);
      for (const m of [this.cacheRequests, this.cacheErrors, this.cacheDropped, this.securityEvents, this.degraded, this.partsUp]) m.registerOn(registry);
      return registry;
    });
    return this.registry;
  }

  /** Bring the dropped-writes counter up to the cache's own count (read when /metrics is scraped). */
  syncCacheDropped(dropped: number | undefined): void {
    if (dropped === undefined) return;
    if (dropped > this.cacheDroppedSeen) this.cacheDropped.inc('', () => ({}), dropped - this.cacheDroppedSeen);
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
      if (delta > 0) this.cacheErrors.inc(op, () => ({ op }), delta);
    }
    this.cacheErrorsSeen = { ...errors };
  }

  record(r: { dialect: string; provider: string; model: string; status: number; seconds: number; ttftSeconds?: number; usage?: Usage; costUsd?: number }): void {
    const { dialect, provider } = r;
    const model = this.modelLabel(r.model);
    const key = `${dialect}\u0000${provider}\u0000${model}`;
    const labels = () => ({ dialect, provider, model });
    this.requests.inc(`${key}\u0000${r.status}`, () => ({ dialect, provider, model, status: String(r.status) }));
    this.latency.observe(key, labels, r.seconds);
    if (r.ttftSeconds !== undefined) this.ttft.observe(key, labels, r.ttftSeconds);
    if (r.costUsd) this.cost.inc(providerModel(provider, model), () => ({ provider, model }), r.costUsd);
    if (r.usage) {
      const tokens = (type: string, n: number) => this.tokens.inc(`${providerModel(provider, model)}\u0000${type}`, () => ({ provider, model, type }), n);
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
      const provider = a.provider;
      const model = this.modelLabel(a.model);
      const key = providerModel(provider, model);
      const labels = () => ({ provider, model });
      // Tried, but not the first choice: an earlier target failed or was cooling down.
      if (i > 0) this.fallbacks.inc(key, labels);
      if (a.retries) this.retries.inc(key, labels, a.retries);
      if (a.cooldown) this.cooldowns.inc(key, labels);
    });
  }

  /** Count what the decoders skipped in one call's answers (read once the answer is complete). */
  recordSkipped(route: ReadonlyArray<{ provider: string; skipped?: Record<string, number> }>): void {
    for (const a of route) {
      if (!a.skipped) continue;
      const provider = a.provider;
      for (const [kind, n] of Object.entries(a.skipped)) this.skipped.inc(`${provider}\u0000${kind}`, () => ({ provider, kind }), n);
    }
  }

  /** Count a security event; wire with `tokligence.onSecurityEvent((e) => metrics.recordSecurityEvent(e))`. */
  recordSecurityEvent(e: { type: string; action: string }): void {
    const { type, action } = e;
    this.securityEvents.inc(`${type}\u0000${action}`, () => ({ type, action }));
  }

  /** A call served degraded, per feature that failed open. */
  recordDegraded(features: readonly string[]): void {
    for (const feature of features) this.degraded.inc(feature, () => ({ feature }));
  }

  recordError(dialect: string, kind: string, status: number): void {
    this.errors.inc(`${dialect}\u0000${kind}\u0000${status}`, () => ({ dialect, kind, status: String(status) }));
  }

  async text(): Promise<string> {
    return (await this.getRegistry()).metrics();
  }
}
