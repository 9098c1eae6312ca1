import type { Server } from 'node:http';
import type { SecurityEvent } from '../core/contracts/index.js';
import type { Runtime } from '../runtime/index.js';
import { AdminApi, type AdminRequest } from './admin/handler.js';
import { type ServerAuth, serverAuth } from './auth.js';
import { BodyBudget } from './body-budget.js';
import type { AdminConsole } from './console/console.js';
import { createFetchHandler } from './fetch.js';
import type { HandlerDeps } from './handler.js';
import { type LogLevel, type Logger, createLogger } from './logger.js';
import { ServerMetrics } from './metrics.js';
import { listenMetrics } from './metrics-listener.js';
import { createNodeListener, listen } from './node.js';

export interface ServerOptions {
  /** Body size limit in bytes (default `gateway.max_body_bytes`). */
  maxBodyBytes?: number;
  /** Anthropic `ping` keep-alive while a stream is idle, ms (default 10 000; 0 turns it off). */
  pingIntervalMs?: number;
  /** Prometheus metrics on `/metrics` (default `metrics.enabled`, on). */
  metrics?: boolean;
  /** A separate listener for `/metrics` on this port (default `metrics.prometheus_port`; 0 = any free port). */
  metricsPort?: number;
  logger?: Logger;
  logLevel?: LogLevel;
  /** The built admin console's directory (default: `dist/console/` of this package). */
  consoleAssets?: string;
  /** Fetch for OIDC discovery and JWKS (tests); default the global fetch. */
  fetch?: typeof fetch;
}

export interface TokligenceServer {
  /** Web-standard handler for any runtime. */
  fetch: (request: Request) => Promise<Response>;
  /** Node `http` request listener. */
  nodeListener: ReturnType<typeof createNodeListener>;
  /** Start listening (defaults from `gateway.port` / `gateway.host`). */
  listen(port?: number, host?: string): Promise<{ server: Server; url: string; metricsUrl?: string; close(deadlineMs?: number): Promise<void> }>;
  metrics?: ServerMetrics;
  /** Mark the server as draining: `/readyz` answers 503. */
  drain(): void;
}

/**
 * The thin HTTP server over a Tokligence client: routes → codecs → the same pipeline as in-process.
 *
 * @example
 * ```ts
 * const tk = new Tokligence({ profile: 'coder' });
 * const { url } = await createServer(tk).listen(8081);
 * ```
 */
export function createServer(
  tk: { readonly runtime: Runtime; onSecurityEvent?(listener: (event: SecurityEvent) => void): () => void },
  options: ServerOptions = {},
): TokligenceServer {
  const gateway = tk.runtime.config.gateway;
  const metricsConfig = tk.runtime.config.metrics;
  const metrics = (options.metrics ?? metricsConfig.enabled) ? new ServerMetrics(() => tk.runtime.health.report()) : undefined;
  const metricsPort = metrics ? (options.metricsPort ?? metricsConfig.prometheus_port) : undefined;
  // The client's own subscription outlives a reload (tk.reload() swaps the runtime).
  if (metrics) (tk.onSecurityEvent ? tk.onSecurityEvent.bind(tk) : tk.runtime.onSecurityEvent)((e) => metrics.recordSecurityEvent(e));
  let ready = true;
  // Read per request from the current runtime: after a reload, new keys, limits and secrets apply.
  const auths = new WeakMap<Runtime, ServerAuth | undefined>();
  const authOf = (runtime: Runtime) => {
    if (!auths.has(runtime)) auths.set(runtime, runtime.config.gateway.auth?.enabled ? serverAuth(runtime, { fetch: options.fetch }) : undefined);
    return auths.get(runtime);
  };
  const admins = new WeakMap<Runtime, AdminApi>();
  const adminOf = (runtime: Runtime): AdminApi => {
    let admin = admins.get(runtime);
    if (!admin) {
      // Users reach /admin/ with their own key or token (their role decides), even when calls need none.
      const auth = authOf(runtime) ?? (runtime.governance?.usesStore ? serverAuth(runtime, { fetch: options.fetch }) : undefined);
      admins.set(runtime, (admin = new AdminApi(runtime, runtime.config.admin.key, auth)));
    }
    return admin;
  };
  // The console's sign-in sessions outlive a reload; what it asks the admin API goes to the current runtime.
  const currentAdmin = { handle: (req: AdminRequest) => adminOf(tk.runtime).handle(req) } as Pick<AdminApi, 'handle'> as AdminApi;
  const deps: HandlerDeps = {
    get runtime() {
      return tk.runtime;
    },
    get maxBodyBytes() {
      return options.maxBodyBytes ?? tk.runtime.config.gateway.max_body_bytes;
    },
    get jsonLimits() {
      const g = tk.runtime.config.gateway;
      return { maxDepth: g.max_json_depth, maxItems: g.max_json_items };
    },
    // One budget for the process (it counts the bytes in flight, which a reload does not reset).
    bodyBudget: new BodyBudget(gateway.max_body_bytes_in_flight, gateway.queue_timeout * 1000),
    get auth() {
      return authOf(tk.runtime);
    },
    get secrets() {
      return tk.runtime.secrets;
    },
    metrics,
    logger: options.logger ?? createLogger(options.logLevel ?? gateway.log_level, gateway.log_format),
    pingIntervalMs: options.pingIntervalMs ?? 10_000,
    isReady: () => ready,
    get admin() {
      return adminOf(tk.runtime);
    },
    console: tk.runtime.config.console.enabled && tk.runtime.governance?.usesStore ? lazyConsole(tk.runtime, currentAdmin, options.consoleAssets) : undefined,
    metricsElsewhere: metricsPort !== undefined,
  };
  // A shared part going down or coming back: one log line each way (calls served meanwhile say so in their own lines).
  tk.runtime.health.onChange((part, up) => {
    const features = tk.runtime.health.report().find((p) => p.part === part.name);
    if (up) deps.logger?.log('info', 'dependency recovered', { part: part.name, target: part.target });
    else
      deps.logger?.log('warn', 'dependency unavailable', {
        part: part.name,
        target: part.target,
        error: part.error,
        fail_closed: features?.failClosed,
        fail_open: features?.failOpen,
      });
  });
  const nodeListener = createNodeListener(deps);
  return {
    fetch: createFetchHandler(deps),
    nodeListener,
    metrics,
    drain: () => {
      ready = false;
    },
    listen: async (port = gateway.port, host = gateway.host) => {
      const main = await listen(nodeListener, port, host);
      if (!metrics || metricsPort === undefined) return main;
      const side = await listenMetrics(metrics, () => tk.runtime, metricsPort, metricsConfig.prometheus_host ?? host);
      return {
        ...main,
        metricsUrl: side.url,
        close: async (deadlineMs?: number) => {
          side.server.close();
          side.server.closeAllConnections();
          await main.close(deadlineMs);
        },
      };
    },
  };
}

/**
 * The console, imported and built on the first `/ui` request: a gateway that never serves it loads
 * none of its code and reads none of its files.
 */
function lazyConsole(runtime: Runtime, admin: AdminApi, assetsDir?: string): () => Promise<AdminConsole> {
  let made: Promise<AdminConsole> | undefined;
  return () =>
    (made ??= Promise.all([import('./console/console.js'), import('./console/assets.js')]).then(([c, a]) => {
      const settings = runtime.config.console;
      return new c.AdminConsole(admin, {
        assetsDir: assetsDir ?? a.findConsoleDir(),
        limits: { idleMs: settings.session_idle_minutes * 60_000, maxAgeMs: settings.session_max_hours * 3_600_000, maxSessions: 1000 },
      });
    }));
}

export { createLogger };
export type { Logger, LogLevel };
