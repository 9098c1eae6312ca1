import { type TokligenceConfig, type TokligenceConfigInput, loadConfig } from '../config/index.js';
import type { CallContext } from '../core/contracts/call-context.js';
import type { ChatResult } from '../core/contracts/chat-result.js';
import type { Middleware } from '../core/contracts/middleware.js';
import type { Provider } from '../core/contracts/provider.js';
import type { SecurityEvent } from '../core/contracts/security-event.js';
import { Health } from '../core/health.js';
import { secretList } from '../core/redact.js';
import { type PipelineRuntime, buildMiddleware } from '../pipeline/build.js';
import { compose } from '../pipeline/compose.js';
import { createProvider } from '../providers/index.js';
import { routerOptionsFrom } from '../routing/from-config.js';
import { Router, type Target } from '../routing/router.js';
import type { Detector } from '../security/detector.js';
import { Governance, needsGovernance } from '../governance/governance.js';
import type { Store } from '../store/index.js';
import { InFlight } from './inflight.js';
import { createResolver } from './resolve.js';
import { routingConfig } from './tenants.js';
import { type TelemetryOptions, type Tracing, otelSettings, startTracing, traceSecurityEvent } from './tracing.js';

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
  /**
   * A store of your own for users, keys, usage and budgets (e.g. one `MemoryStore` shared by
   * several clients); else one is opened from `database` when `team` features are on.
   */
  store?: Store;
  /** The clock of budget periods and rate-limit windows (tests; default `Date.now`). */
  now?: () => number;
  /**
   * With `observability.tracing` on: send spans (and the GenAI metrics) to these OpenTelemetry
   * objects instead of OTLP, e.g. an `InMemorySpanExporter` in a test.
   */
  telemetry?: TelemetryOptions;
};

/** Everything a config turns into: what the facades, `call()`, `run()` and the server share. */
export interface Runtime {
  readonly config: TokligenceConfig;
  readonly providers: ReadonlyMap<string, Provider>;
  /** Configured credentials (provider keys and headers, client keys): never in an error or a log line. */
  readonly secrets: readonly string[];
  /** Middleware around the router. */
  readonly pipeline: (ctx: CallContext) => Promise<ChatResult>;
  /** No middleware reads stream content: passed-through streams are decoded only as far as needed. */
  readonly skimStreams: boolean;
  /** Services the middleware made (cache, sessions) and what to close. */
  readonly services: PipelineRuntime;
  /** Calls running on this runtime (a reload closes the old runtime once it is idle). */
  readonly inflight: InFlight;
  /** OpenTelemetry, while `observability.tracing` is on (the SDK loads in the background). */
  readonly tracing?: Tracing;
  /** The ordered targets for a model name. */
  resolve(model: string): Target[];
  /** Listen to security events; returns an unsubscribe function. */
  onSecurityEvent(listener: (event: SecurityEvent) => void): () => void;
  /** Users, keys, rate limits, budgets and the usage ledger; undefined when none is configured. */
  readonly governance?: Governance;
  /** The router: its circuit breakers and per-target numbers (the admin API's health report reads them). */
  readonly router: Router;
  /** The shared parts (store, Redis, the spool's disk): which are down, and what fails open or closed meanwhile (`/readyz`). */
  readonly health: Health;
}

/**
 * Build providers, router and middleware from the options, in the config's merge order. With
 * `previous` (a reload), stateful services made with unchanged settings are taken over from it.
 */
export function createRuntime(options: TokligenceOptions = {}, previous?: Runtime): Runtime {
  const { profile, configFile, env, drivers, middleware, onSecurityEvent, detectors, store, now, telemetry, ...input } = options;
  const config = loadConfig({ profile, configFile, env, config: input as TokligenceConfigInput });
  const otel = otelSettings(config, env ?? process.env, telemetry);
  const tracing = otel ? startTracing(otel.settings, otel.notice) : undefined;
  const gateway = config.gateway;
  const providers = new Map<string, Provider>();
  // Tenants' own providers and aliases join routing under qualified names (runtime/tenants.ts).
  const routing = routingConfig(config);
  for (const [name, settings] of Object.entries(routing.providers)) {
    if (settings.enabled === false) continue;
    providers.set(name, createProvider(name, settings, { requestTimeout: gateway.request_timeout, maxTokensDefault: gateway.max_tokens_default }));
  }
  for (const d of drivers ?? []) providers.set(d.name, d);
  const resolve = createResolver(routing, providers);
  const listeners = new Set<(event: SecurityEvent) => void>();
  const governed = store || needsGovernance(config) || config.rate_limit.enabled;
  // A reload that leaves the governance settings alone keeps the open store, ledger and limiter,
  // and the health of the shared parts they (and the cache) report to; the old runtime then no
  // longer closes that health.
  const kept = governed && previous?.governance && sameGovernance(previous.config, config) ? previous.governance : undefined;
  const health = kept && previous ? previous.health : new Health();
  if (kept && previous) previous.services.healthTakenOver = true;
  const services: PipelineRuntime = { health, closers: [...(tracing ? [() => tracing.shutdown()] : [])] };
  services.closers.push(async () => {
    if (!services.healthTakenOver) health.close();
  });
  const governance = governed
    ? (kept ?? new Governance({ config, store, now, env, health, onProblem: (msg, err) => process.emitWarning(`tokligence: ${msg}${err ? `: ${err.message}` : ''}`) }))
    : undefined;
  const chain = [
    ...buildMiddleware({
      config,
      resolve,
      providers,
      runtime: services,
      previous: previous?.services,
      detectors,
      governance,
      health,
      onSecurityEvent: (e) => {
        governance?.noteSecurityAction(e.requestId, e.action);
        governance?.audit?.onSecurityEvent(e);
        onSecurityEvent?.(e);
        for (const l of listeners) l(e);
        if (tracing) traceSecurityEvent(tracing, e);
      },
    }),
    ...(middleware ?? []),
  ];
  const router = new Router(routerOptionsFrom(routing, providers, resolve));
  return {
    config,
    providers,
    secrets: secretList([
      config.admin.key,
      ...config.gateway.auth.keys.map((k) => k.key),
      ...Object.values(routing.providers).flatMap((p) => [p.api_key, ...Object.values(p.headers ?? {})]),
    ]),
    pipeline: compose(chain, (ctx) => router.route(ctx)),
    skimStreams: chain.every((m) => m.ignoresStreamContent === true),
    services,
    inflight: new InFlight(),
    ...(tracing ? { tracing } : {}),
    resolve,
    governance,
    router,
    health,
    onSecurityEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The sections a Governance is built from (its store, budgets, limits, prices, admin key). */
function sameGovernance(a: TokligenceConfig, b: TokligenceConfig): boolean {
  const pick = (c: TokligenceConfig) => JSON.stringify([c.database, c.team, c.rate_limit, c.prices, c.admin, c.cache, c.failure_modes, c.security.alerts]);
  return pick(a) === pick(b);
}
