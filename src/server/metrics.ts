import { Counter, Histogram, Registry } from 'prom-client';
import type { Usage } from '../core/types.js';

/** Prometheus metrics for the server, on their own registry (no global state, no default collectors). */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'tokligence_requests_total',
    help: 'Calls answered, by route dialect, provider, model and HTTP status',
    labelNames: ['dialect', 'provider', 'model', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'tokligence_request_duration_seconds',
    help: 'Time from request to the end of the answer',
    labelNames: ['dialect', 'provider', 'model'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });
  private readonly ttft = new Histogram({
    name: 'tokligence_time_to_first_token_seconds',
    help: 'Time from request to the first streamed event',
    labelNames: ['dialect', 'provider', 'model'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly tokens = new Counter({
    name: 'tokligence_tokens_total',
    help: 'Tokens by provider, model and type (input, output, cache_read, cache_write)',
    labelNames: ['provider', 'model', 'type'] as const,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'tokligence_errors_total',
    help: 'Failed calls by error kind',
    labelNames: ['dialect', 'kind', 'status'] as const,
    registers: [this.registry],
  });

  record(r: { dialect: string; provider: string; model: string; status: number; seconds: number; ttftSeconds?: number; usage?: Usage }): void {
    const labels = { dialect: r.dialect, provider: r.provider, model: r.model };
    this.requests.inc({ ...labels, status: String(r.status) });
    this.latency.observe(labels, r.seconds);
    if (r.ttftSeconds !== undefined) this.ttft.observe(labels, r.ttftSeconds);
    if (r.usage) {
      const t = { provider: r.provider, model: r.model };
      this.tokens.inc({ ...t, type: 'input' }, r.usage.inputTokens);
      this.tokens.inc({ ...t, type: 'output' }, r.usage.outputTokens);
      if (r.usage.cacheReadTokens) this.tokens.inc({ ...t, type: 'cache_read' }, r.usage.cacheReadTokens);
      if (r.usage.cacheWriteTokens) this.tokens.inc({ ...t, type: 'cache_write' }, r.usage.cacheWriteTokens);
    }
  }

  recordError(dialect: string, kind: string, status: number): void {
    this.errors.inc({ dialect, kind, status: String(status) });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
