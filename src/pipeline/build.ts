import { MemoryStore } from '../cache/memory-store.js';
import { RedisConnection } from '../cache/redis-connection.js';
import { RedisStore } from '../cache/redis-store.js';
import { type RedisCommands, RedisItemStore, RedisSessionStore, type SharedStoreOptions } from '../sessions/redis-stores.js';
import { ResponseCache } from '../cache/response-cache.js';
import type { TokligenceConfig } from '../config/index.js';
import type { Provider } from '../core/contracts/index.js';
import type { Detector } from '../security/detector.js';
import { type ItemStore, MemoryItemStore } from '../sessions/items.js';
import { MemorySessionStore, type SessionStore } from '../sessions/store.js';
import type { Governance } from '../governance/governance.js';
import type { Health } from '../core/health.js';
import { describeRedis } from '../cache/redis-connection.js';
import { responseCacheMiddleware } from './cache.js';
import { approvalMiddleware } from './approval.js';
import { auditMiddleware } from './audit.js';
import { tenancyMiddleware } from './tenancy.js';
import { governanceMiddleware } from './governance.js';
import type { SecurityEvent } from '../core/contracts/index.js';
import type { SecurityHooks } from './security-call.js';
import { canaryMiddleware } from './security-canary.js';
import { promptFirewallMiddleware } from './security-firewall.js';
import { outputValidationMiddleware } from './security-output.js';
import { piiMiddleware } from './security-pii.js';
import { inputToxicityMiddleware } from './security-toxicity.js';
import { itemReferencesMiddleware } from './item-references.js';
import { sessionsMiddleware } from './sessions.js';
import { toolLoopGuardMiddleware } from './tool-loop-guard.js';
import type { Middleware } from '../core/contracts/index.js';

/** Services the middleware make that the client exposes (stats, shutdown). */
export interface PipelineRuntime {
  cache?: ResponseCache;
  sessions?: SessionStore;
  /** Output items of encoded Responses answers, for `item_reference` (the client fills it after encoding). */
  items?: ItemStore;
  /** Run on `Tokligence.close()`: flush and disconnect. */
  closers: Array<() => Promise<void>>;
  /**
   * Stateful services this runtime owns, by the settings they were made with: a reloaded runtime
   * whose settings are unchanged takes them over (stored conversations, cached answers and
   * remembered items survive a reload), and the old runtime then no longer closes them.
   */
  owned?: Map<object, string>;
  /** The shared parts' health this runtime reports to (a reload that keeps the governance keeps it). */
  health?: Health;
  /** Set when a reloaded runtime took the health over: this one no longer closes it. */
  healthTakenOver?: boolean;
}

/** A service kept from the previous runtime when it was made with the same settings, else undefined. */
function inherit<T extends object>(deps: MiddlewareDeps, current: T | undefined, settings: string): T | undefined {
  const owned = deps.previous?.owned;
  if (!current || owned?.get(current) !== settings) return undefined;
  owned.delete(current);
  return current;
}

/** Register a service with this runtime: it is closed with the runtime unless a reload took it over. */
function own(runtime: PipelineRuntime | undefined, service: { close(): Promise<void> }, settings: string): void {
  if (!runtime) return;
  const owned = (runtime.owned ??= new Map());
  owned.set(service, settings);
  runtime.closers.push(async () => {
    if (owned.has(service)) await service.close();
  });
}

/** What middleware factories may need besides the config. */
export interface MiddlewareDeps {
  config: TokligenceConfig;
  /** Ordered targets for a model name (sessions ask whether the upstream keeps Responses state). */
  resolve?: (model: string) => Array<{ provider: string; model: string }>;
  providers?: ReadonlyMap<string, Provider>;
  /** Filled in by the factories. */
  runtime?: PipelineRuntime;
  /** Clock for cache TTLs (tests). */
  now?: () => number;
  /** Audit hook for security events (firewall blocks, PII redaction, output blocks). */
  onSecurityEvent?: (event: SecurityEvent) => void;
  /** Detectors of your own for the prompt firewall (see SecurityHooks.detectors). */
  detectors?: Detector[];
  /** Rate limits, budgets and the usage ledger (built by the runtime from the config). */
  governance?: Governance;
  /** The shared parts' health (Redis for the cache), for `/readyz` and the failure modes. */
  health?: Health;
  /** The services of the runtime this one replaces (a reload): unchanged stateful ones are taken over. */
  previous?: PipelineRuntime;
}

/**
 * The middleware a config turns on, outermost first. Order matters:
 * 0. governance (model permissions, rate limits, budget reservation, usage ledger): outermost, so a
 *    refused call goes no further and the ledger row sees what the inner ones decided;
 * 0b. item references: Responses `item_reference` inputs replaced by the items they name, before
 *    anything reads the request, so the guardrails scan them like any other input;
 * 1. security, one middleware per check, outermost so nothing unscanned or unredacted reaches the
 *    cache, the session store or an upstream:
 *    a. output validation: the answer side of every check (canary leak, output rules, secrets,
 *       toxicity, new PII; PII placeholders restored), in one pass, after everything below;
 *    b. prompt firewall (rules, classifier, ML detectors): refuses before anything else runs;
 *    c. input toxicity;
 *    d. PII redaction (leaves the vault for a.);
 *    e. canary into the system prompt (leaves the canary for a.);
 * 2. sessions: expand `previous_response_id` into history, store the new turn;
 * 3. tool-loop guard: checks the whole conversation, stored history included;
 * 4. response cache: answer repeats without calling the router.
 * Each feature adds its factory on its own line below.
 */
export function buildMiddleware(deps: MiddlewareDeps): Middleware[] {
  const chain: Array<Middleware | undefined> = [
    // 0. audit log: outermost, so calls refused by governance or a guardrail are recorded too
    audit(deps),
    // 0. tenants: the caller's tenant, its models and its own routes, before budgets are estimated
    tenancyMiddleware(deps.config),
    // 0. governance
    governance(deps),
    // 0. model approval: after governance, which has resolved who is calling
    approval(deps),
    // 0b. item references
    itemReferences(deps),
    // 1. security: a. output validation, b. firewall, c. toxicity, d. PII, e. canary
    ...security(deps),
    // 2. sessions
    sessions(deps),
    // 3. tool-loop guard
    toolLoopGuard(deps),
    // 4. response cache
    responseCache(deps),
  ];
  return chain.filter((m): m is Middleware => m !== undefined);
}

function audit({ governance }: MiddlewareDeps): Middleware | undefined {
  const service = governance?.audit;
  return service && governance && auditMiddleware(service, () => governance.ready());
}

function approval({ config, governance }: MiddlewareDeps): Middleware | undefined {
  const a = config.team.model_approval;
  return a.enabled && a.requires_approval.length > 0 && governance ? approvalMiddleware(governance, { requiresApproval: a.requires_approval }) : undefined;
}

function governance({ config, governance, resolve }: MiddlewareDeps): Middleware | undefined {
  return governance && governanceMiddleware(governance, { resolve, maxTokensDefault: config.gateway.max_tokens_default });
}

function security({ config, onSecurityEvent, detectors }: MiddlewareDeps): Array<Middleware | undefined> {
  const hooks: SecurityHooks = { onEvent: onSecurityEvent, detectors };
  const s = config.security;
  return [
    outputValidationMiddleware(s, hooks),
    promptFirewallMiddleware(s, hooks),
    inputToxicityMiddleware(s, hooks),
    piiMiddleware(s, hooks),
    canaryMiddleware(s),
  ];
}

function toolLoopGuard({ config }: MiddlewareDeps): Middleware | undefined {
  const t = config.tool_calling;
  if (!t.enabled) return undefined;
  return toolLoopGuardMiddleware({
    duplicateDetection: t.duplicate_detection,
    warnAfter: t.warn_after,
    blockAfter: t.block_after,
    maxIterations: t.max_iterations,
  });
}

function sessions(deps: MiddlewareDeps): Middleware | undefined {
  const { config, runtime } = deps;
  const agent = config.agent;
  if (!agent.enable_session_persistence) return undefined;
  const settings = sessionSettings(config);
  const store =
    inherit(deps, deps.previous?.sessions, settings) ??
    (agent.session_store === 'redis'
      ? new RedisSessionStore({ ...sessionRedis(config), ttlMs: agent.session_ttl * 1000 })
      : new MemorySessionStore({ maxSessions: agent.max_sessions, ttlMs: agent.session_ttl * 1000 }));
  if (runtime) runtime.sessions = store;
  own(runtime, store, settings);
  return sessionsMiddleware({ store, maxConversationLength: agent.max_conversation_length, upstreamSpeaksResponses: upstreamSpeaksResponses(deps) });
}

/** What the conversation and item stores are made with (a reload with the same keeps them). */
function sessionSettings({ agent, cache }: TokligenceConfig): string {
  return JSON.stringify([agent.max_sessions, agent.session_ttl, agent.session_store, agent.session_store === 'redis' ? cache.redis : null]);
}

/**
 * A Redis connection of its own for one shared store (`agent.session_store: redis`), with
 * `cache.redis`'s settings and the key prefix `tokligence:sessions:`. The store owns it and closes
 * it with itself: a reload that takes the store over keeps it open, while the retired runtime
 * closes only what it still owns (one connection shared by both stores was closed under the
 * stores a reload had taken over).
 */
function sessionRedis(config: TokligenceConfig): Pick<SharedStoreOptions, 'redis' | 'close'> {
  const r = config.cache.redis;
  const connection = new RedisConnection({
    url: r.url,
    host: r.host,
    port: r.port,
    password: r.password,
    db: r.db,
    keyPrefix: 'tokligence:sessions:',
    timeoutMs: r.timeout_ms,
    purpose: 'agent.session_store "redis"',
  });
  return { redis: () => connection.ready() as Promise<RedisCommands>, close: () => connection.close() };
}

/** Always on: without a store every reference is refused with a 400 saying what to send instead. */
function itemReferences(deps: MiddlewareDeps): Middleware {
  const { config, runtime } = deps;
  const agent = config.agent;
  let store: ItemStore | undefined;
  if (agent.remember_output_items && !config.security.pii_detection.enabled) {
    const settings = sessionSettings(config);
    const memory =
      inherit(deps, deps.previous?.items, settings) ??
      (agent.session_store === 'redis'
        ? new RedisItemStore({ ...sessionRedis(config), ttlMs: agent.session_ttl * 1000 })
        : new MemoryItemStore({ maxResponses: agent.max_sessions, ttlMs: agent.session_ttl * 1000 }));
    store = memory;
    if (runtime) runtime.items = memory;
    own(runtime, memory, settings);
  }
  return itemReferencesMiddleware({ store, upstreamSpeaksResponses: upstreamSpeaksResponses(deps) });
}

/** Whether a model's first target is an upstream that speaks the Responses API itself (and keeps its state). */
function upstreamSpeaksResponses({ config, resolve, providers }: MiddlewareDeps): (model: string) => boolean {
  return (model) => {
    if (config.gateway.work_mode === 'translate' || !resolve || !providers) return false;
    try {
      const first = resolve(model)[0];
      return !!first && !!providers.get(first.provider)?.dialects.includes('responses');
    } catch {
      return false;
    }
  };
}

function responseCache(deps: MiddlewareDeps): Middleware | undefined {
  const { config, runtime, now, health } = deps;
  const c = config.cache;
  if (!c.enabled) return undefined;
  const ttlMs = c.ttl * 1000;
  const mode = config.failure_modes.cache;
  const settings = JSON.stringify(c);
  // A Redis cache's health part lives in the runtime's Health: taken over only with that Health.
  const kept = c.type === 'memory' || deps.previous?.health === health ? inherit(deps, deps.previous?.cache, settings) : undefined;
  if (kept) {
    if (runtime) runtime.cache = kept;
    own(runtime, kept, settings);
    return responseCacheMiddleware(kept, mode);
  }
  let part: ReturnType<Health['part']> | undefined;
  let store: MemoryStore | RedisStore;
  if (c.type === 'redis') {
    const redis = new RedisStore({
      url: c.redis.url,
      host: c.redis.host,
      port: c.redis.port,
      password: c.redis.password,
      db: c.redis.db,
      keyPrefix: c.redis.key_prefix,
      timeoutMs: c.redis.timeout_ms,
    });
    store = redis;
    // The first command may wait for the connection, then run: each bounded by timeout_ms.
    part = health?.part('cache_redis', { timeoutMs: 2 * c.redis.timeout_ms, probe: () => redis.ping(), probeMs: config.failure_modes.probe_interval_ms, describe: describeRedis(c.redis) });
    health?.depend('cache_redis', 'cache', mode);
  } else store = new MemoryStore({ maxEntries: c.max_entries, maxBytes: c.max_bytes, ttlMs, now });
  const cache = new ResponseCache(store, { ttlMs, part });
  if (runtime) runtime.cache = cache;
  own(runtime, cache, settings);
  return responseCacheMiddleware(cache, mode);
}
