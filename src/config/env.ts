import type { z } from 'zod';
import { KNOWN_PROVIDERS } from './known-providers.js';
import { setPath, type Tree } from './merge.js';
import { coerceString } from './schema-walk.js';

/**
 * The environment as a config layer.
 *
 * Named variables:
 * - `OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `GEMINI_API_KEY` / `GOOGLE_API_KEY`, `GROQ_API_KEY`,
 *   `DEEPSEEK_API_KEY` → `providers.<name>.api_key` (the provider is added if the profile lacks it).
 * - `OPENAI_BASE_URL`, `ANTHROPIC_BASE_URL` → `providers.<name>.base_url`, unless the URL points
 *   back at this gateway (the scenarios tell users to export exactly that for their tools; see
 *   {@link isSelfReference}).
 * - `OLLAMA_BASE_URL` → `providers.ollama` enabled, its base URL ending in `/v1`.
 * - `TOKLIGENCE_PORT`, `TOKLIGENCE_HOST`, `TOKLIGENCE_LOG_LEVEL` → `gateway.*`.
 * - `TOKLIGENCE_API_KEYS` = `alice:tk-1,bob:tk-2` (or bare keys) → `gateway.auth.keys`.
 * - `TOKLIGENCE_ADMIN_KEY` → `admin.key` (the admin HTTP API); `TOKLIGENCE_DATABASE_URL` → `database.url`.
 * - `TOKLIGENCE_<SECTION>__<KEY>[__<KEY>…]` → any setting, lower-cased, `__` = nesting
 *   (`TOKLIGENCE_GATEWAY__REQUEST_TIMEOUT=300`), coerced to the type the schema expects there.
 * Empty variables count as unset.
 */

export interface EnvLayer {
  layer: Tree;
  /** Base URLs from `*_BASE_URL` variables, applied only once the gateway's own port is known. */
  baseUrls: { provider: string; url: string; variable: string }[];
}

/** `http://localhost:11434` → `http://localhost:11434/v1` (Ollama's OpenAI-compatible API). */
export function normalizeOllamaUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

function parseApiKeys(raw: string): { name: string; key: string }[] {
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const colon = entry.indexOf(':');
      return colon > 0 ? { name: entry.slice(0, colon), key: entry.slice(colon + 1) } : { name: `key-${i + 1}`, key: entry };
    });
}

export function envLayer(env: Record<string, string | undefined>, schema: z.ZodType): EnvLayer {
  const get = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const layer: Tree = {};
  const baseUrls: EnvLayer['baseUrls'] = [];

  for (const [name, known] of Object.entries(KNOWN_PROVIDERS)) {
    const key = known.keyEnv?.map(get).find((v) => v !== undefined);
    if (key) setPath(layer, ['providers', name, 'api_key'], key);
    const baseUrl = known.baseUrlEnv ? get(known.baseUrlEnv) : undefined;
    if (!baseUrl) continue;
    if (name === 'ollama') {
      setPath(layer, ['providers', name, 'base_url'], normalizeOllamaUrl(baseUrl));
      setPath(layer, ['providers', name, 'enabled'], true);
    } else baseUrls.push({ provider: name, url: baseUrl, variable: known.baseUrlEnv! });
  }

  const port = get('TOKLIGENCE_PORT');
  if (port) setPath(layer, ['gateway', 'port'], coerceString(schema, ['gateway', 'port'], port));
  const host = get('TOKLIGENCE_HOST');
  if (host) setPath(layer, ['gateway', 'host'], host);
  const logLevel = get('TOKLIGENCE_LOG_LEVEL');
  if (logLevel) setPath(layer, ['gateway', 'log_level'], logLevel.toLowerCase());
  const adminKey = get('TOKLIGENCE_ADMIN_KEY');
  if (adminKey) setPath(layer, ['admin', 'key'], adminKey);
  const databaseUrl = get('TOKLIGENCE_DATABASE_URL');
  if (databaseUrl) setPath(layer, ['database', 'url'], databaseUrl);
  const apiKeys = get('TOKLIGENCE_API_KEYS');
  if (apiKeys) setPath(layer, ['gateway', 'auth', 'keys'], parseApiKeys(apiKeys));

  // Generic TOKLIGENCE_A__B__C, in sorted order so the result does not depend on env ordering.
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith('TOKLIGENCE_') || !name.includes('__')) continue;
    const value = get(name);
    if (value === undefined) continue;
    const path = name
      .slice('TOKLIGENCE_'.length)
      .split('__')
      .map((part) => part.toLowerCase());
    if (path.some((part) => part === '')) continue;
    setPath(layer, path, coerceString(schema, path, value));
  }
  return { layer, baseUrls };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '::1']);

/**
 * Whether a base URL points at this very gateway (loopback host, the gateway's port). Users set
 * `ANTHROPIC_BASE_URL=http://localhost:8081/anthropic` so Claude Code talks to Tokligence; taken as
 * the upstream, the gateway would call itself in a loop.
 */
export function isSelfReference(url: string, gatewayPort: number): boolean {
  try {
    const parsed = new URL(url);
    const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
    return LOOPBACK.has(parsed.hostname) && port === gatewayPort;
  } catch {
    return false;
  }
}
