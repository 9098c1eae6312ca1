import { Tokligence } from '../client.js';
import { configFilePath } from '../config/index.js';
import { createServer } from '../server/index.js';
import { watchConfigFile } from './watch-config.js';

export interface ServeOptions {
  profile?: string;
  config?: string;
  port?: number;
  host?: string;
  /** `alias=target[,target…]` model routes from `--route`. */
  route?: string[];
  /** Reload when the config file changes (default true; SIGHUP always reloads). */
  watch?: boolean;
}

/**
 * `--route "claude-*=openai/gpt-4o"` → `{ "claude-*": "openai/gpt-4o" }`; several comma-separated
 * targets are a fallback chain. The one-flag way to run Claude Code on GPT models.
 */
export function parseRoutes(routes: string[] = []): Record<string, string | string[]> {
  const models: Record<string, string | string[]> = {};
  for (const r of routes) {
    const eq = r.indexOf('=');
    const alias = r.slice(0, eq).trim();
    const targets = r
      .slice(eq + 1)
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (eq <= 0 || !alias || targets.length === 0) throw new Error(`--route ${JSON.stringify(r)}: expected alias=provider/model (e.g. "claude-*=openai/gpt-4o")`);
    models[alias] = targets.length === 1 ? (targets[0] as string) : targets;
  }
  return models;
}

/**
 * `tokligence serve`: start, print one screen on how to use it, reload the config on SIGHUP or
 * when its file changes (a bad one is refused and the running one stays), stop gracefully on
 * SIGTERM/SIGINT.
 */
export async function runServe(opts: ServeOptions): Promise<void> {
  const routes = parseRoutes(opts.route);
  const tk = new Tokligence({ profile: opts.profile, configFile: opts.config, ...(Object.keys(routes).length > 0 ? { models: routes } : {}) });
  // Open the store (migrations, usage rows a crashed run left in the spool) before taking requests.
  try {
    await tk.ready();
  } catch (err) {
    await tk.close();
    throw err;
  }
  const tracing = tk.runtime.tracing;
  if (tracing) {
    await tracing.tracer; // fails here, at startup, when OpenTelemetry is not installed
    process.stderr.write(`${tracing.notice}\n`);
  }
  const server = createServer(tk);
  const { url, metricsUrl, close } = await server.listen(opts.port ?? tk.config.gateway.port, opts.host ?? tk.config.gateway.host);
  process.stdout.write(banner(tk, url));
  if (metricsUrl) process.stdout.write(`Prometheus metrics: ${metricsUrl}/metrics (metrics.prometheus_port)\n`);
  const reload = (why: string) => {
    try {
      const r = tk.reload();
      const restart = r.needsRestart.length ? `; ${r.needsRestart.join(', ')} take effect on a restart` : '';
      process.stderr.write(`${why}: config reloaded (${r.changed.length ? `changed: ${r.changed.join(', ')}` : 'no change'})${restart}\n`);
    } catch (err) {
      process.stderr.write(`${why}: new config refused, the running one stays:\n${(err as Error).message}\n`);
    }
  };
  process.on('SIGHUP', () => reload('SIGHUP'));
  const file = configFilePath({ configFile: opts.config });
  const watcher = file && opts.watch !== false ? watchConfigFile(file, () => reload(`${file} changed`)) : undefined;
  // Aliases read into their one home, keys accepted but inactive: once, at start, for the operator.
  for (const notice of tk.config.notices) process.stderr.write(`notice: ${notice}\n`);
  // A part already down at start (PostgreSQL not up yet): said once here; the server logs it coming back.
  for (const p of tk.governance?.health.report() ?? [])
    if (!p.up)
      process.stderr.write(
        `notice: ${p.part} (${p.target ?? 'unknown'}) is unavailable: ${p.error}; serving per failure_modes (refusing: ${p.failClosed.join(', ') || 'nothing'}; degraded: ${p.failOpen.join(', ') || 'nothing'}) and connecting when it answers\n`,
      );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1); // a second signal: stop now
    stopping = true;
    watcher?.close();
    server.drain();
    process.stderr.write(`\n${signal}: finishing in-flight requests (up to 10s)…\n`);
    await close(10_000);
    // Queued usage rows are written before the process ends.
    await tk.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function banner(tk: Tokligence, url: string): string {
  const providers = [...tk.providers.values()].map((p) => `${p.name} (${p.type})`).join(', ');
  const onlyMock = [...tk.providers.values()].every((p) => p.type === 'mock');
  const consoleOn = tk.config.console.enabled && tk.governance?.usesStore;
  const consoleLine = consoleOn
    ? `\nconsole: ${url}/ui  (${tk.config.admin.key ? 'sign in with the admin key' : 'set TOKLIGENCE_ADMIN_KEY to sign in'}; usage and cost per person and model, keys, budgets)`
    : '';
  return `
Tokligence gateway on ${url}  (profile: ${tk.config.profile ?? 'personal'})
providers: ${providers}${consoleLine}${onlyMock ? '\n  no API key found: answering with the offline mock provider (set OPENAI_API_KEY / ANTHROPIC_API_KEY / GEMINI_API_KEY or OLLAMA_BASE_URL)' : ''}

routes:  POST /v1/chat/completions   POST /v1/responses   POST /v1/messages   POST /v1/messages/count_tokens
         POST /v1beta/models/{model}:generateContent | :streamGenerateContent | :countTokens   GET /v1beta/models
         GET /v1/models   GET /healthz   GET /readyz   GET /metrics   (also under /anthropic/, /openai/ and /gemini/)

Claude Code:   ANTHROPIC_BASE_URL=${url} ANTHROPIC_AUTH_TOKEN=any claude
Codex CLI:     ~/.codex/config.toml →  [model_providers.tokligence] base_url="${url}/v1"  wire_api="responses"
Gemini CLI:    GOOGLE_GEMINI_BASE_URL=${url} GEMINI_API_KEY=any gemini -m claude-sonnet-4-5
               (with {"security":{"auth":{"selectedType":"gemini-api-key"}}} in ~/.gemini/settings.json)
Cursor / OpenAI SDKs:  OPENAI_BASE_URL=${url}/v1
Anthropic SDKs:        ANTHROPIC_BASE_URL=${url}
Models: "provider/model" (e.g. anthropic/claude-sonnet-4-5, openai/gpt-4o) or an alias from the config's models: map.
`;
}
