import { redactSecrets } from '../../core/redact.js';
import type { Runtime } from '../../runtime/index.js';

/** One provider target as this instance sees it. */
export interface TargetHealth {
  target: string;
  circuit: 'closed' | 'open' | 'half_open';
  averageLatencyMs?: number;
  inFlight: number;
}

/** `GET /admin/health`: what the console's health page shows. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  providers: Array<{ name: string; type: string; targets: TargetHealth[] }>;
  store?: { kind: string; ok: boolean; latencyMs?: number; error?: string };
  rateLimit?: { backend: string; ok: boolean; errors: number; error?: string };
  cache?: { type: string; hits: number; misses: number; errors: number };
  ledger?: { written: number; failures: number; queued: number };
}

/**
 * Providers with the targets this instance has called (circuit state, moving-average latency,
 * calls in flight), the store (one real read, timed), rate limits, the response cache and the
 * usage ledger. In-process numbers: each instance reports what it sees itself.
 */
export async function healthReport(runtime: Runtime): Promise<HealthReport> {
  const { router, governance, config } = runtime;
  const known = new Set([...router.stats.keys(), ...(router.breaker?.keys() ?? [])]);
  const providers = [...runtime.providers.values()].map((p) => ({
    name: p.name,
    type: p.type,
    targets: [...known]
      .filter((k) => k.startsWith(`${p.name}/`))
      .sort()
      .map((target) => {
        const latency = router.stats.averageLatency(target);
        return { target, circuit: router.breaker?.state(target) ?? 'closed', ...(latency !== undefined ? { averageLatencyMs: Math.round(latency) } : {}), inFlight: router.stats.inFlight(target) };
      }),
  }));
  const report: HealthReport = { status: 'ok', providers };
  const store = governance?.store;
  if (store) {
    const started = performance.now();
    try {
      await store.users.list({ limit: 1 });
      report.store = { kind: store.kind, ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    } catch (e) {
      report.store = { kind: store.kind, ok: false, error: redactSecrets((e as Error).message, runtime.secrets) };
    }
  }
  const limiter = governance?.limiter;
  if (limiter) {
    const errors = limiter.errors;
    report.rateLimit = { backend: config.rate_limit.type, ok: errors === 0, errors, ...(errors ? { error: `${errors} checks failed since start (${(config.failure_modes.rate_limit ?? 'fail_open') === 'fail_open' ? 'let through' : 'refused'})` } : {}) };
  }
  const cache = runtime.services.cache;
  if (cache) report.cache = { type: config.cache.type, hits: cache.stats.hits, misses: cache.stats.misses, errors: cache.stats.errors.get + cache.stats.errors.set };
  const ledger = governance?.ledger;
  if (ledger) report.ledger = { written: ledger.written, failures: ledger.failures, queued: ledger.pending };
  const circuitsOpen = providers.some((p) => p.targets.some((t) => t.circuit !== 'closed'));
  if (circuitsOpen || report.store?.ok === false || report.rateLimit?.ok === false || (report.ledger && report.ledger.failures > 0 && report.ledger.queued > 0)) report.status = 'degraded';
  return report;
}
