import { ConfigError, NotFoundError } from '../core/errors.js';
import { enableHint } from './known-providers.js';
import type { ModelTarget, TokligenceConfig } from './schema.js';

/** One place to send a request: a configured provider and the upstream's model id, plus routing facts. */
export interface ResolvedTarget {
  provider: string;
  /** The upstream's model id. */
  model: string;
  /** Relative share for the `weighted` strategy (default 1); from the object form of a target. */
  weight?: number;
  /** USD per 1M tokens; else the router's model table price. */
  price?: { input: number; output: number };
  /** The target's output limit; a larger `max_tokens` is clamped to it. Else the model table's. */
  maxTokens?: number;
  contextWindow?: number;
}

interface GlobMatch {
  pattern: string;
  captures: string[];
}

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Match `name` against a `*` glob; the captures are what each `*` matched. */
function matchGlob(pattern: string, name: string): string[] | undefined {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('(.*)')}$`, 's');
  const match = regex.exec(name);
  return match ? match.slice(1) : undefined;
}

/** Most specific first: longest literal prefix, then most literal characters, then file order. */
function bySpecificity(a: GlobMatch, b: GlobMatch): number {
  const prefix = (p: string) => p.indexOf('*');
  const literal = (p: string) => p.replaceAll('*', '').length;
  return prefix(b.pattern) - prefix(a.pattern) || literal(b.pattern) - literal(a.pattern);
}

/** `anthropic/*` for `claude-x` → anthropic/claude-x; `groq/llama-*` with `fast-*` → the capture. */
function expandTarget(entry: ModelTarget, requested: string, captures: string[]): ResolvedTarget {
  const target = typeof entry === 'string' ? entry : entry.target;
  const slash = target.indexOf('/');
  const provider = target.slice(0, slash);
  const pattern = target.slice(slash + 1);
  let i = 0;
  const model = pattern === '*' ? requested : pattern.replace(/\*/g, () => captures[i++] ?? requested);
  if (typeof entry === 'string') return { provider, model };
  const out: ResolvedTarget = { provider, model };
  if (entry.weight !== undefined) out.weight = entry.weight;
  if (entry.price) out.price = entry.price;
  if (entry.max_tokens !== undefined) out.maxTokens = entry.max_tokens;
  if (entry.context_window !== undefined) out.contextWindow = entry.context_window;
  return out;
}

/** Whether a provider with a `models:` list serves `model` (a name or `*` glob in the list). */
export function providerServes(config: TokligenceConfig, provider: string, model: string): boolean {
  const served = config.providers[provider]?.models;
  if (!served || served.length === 0) return true;
  return served.some((m) => m === model || (m.includes('*') && matchGlob(m, model) !== undefined));
}

function notServedError(config: TokligenceConfig, provider: string, model: string): NotFoundError {
  const served = config.providers[provider]?.models ?? [];
  return new NotFoundError(`model "${model}" is not served by provider "${provider}" (providers.${provider}.models: ${served.join(', ')})`, {
    param: 'model',
  });
}

function disabledError(config: TokligenceConfig, provider: string, model: string): ConfigError {
  const settings = config.providers[provider];
  return new ConfigError(`provider "${provider}" is not enabled: ${enableHint(provider, settings)} (needed for model "${model}")`, {
    provider,
    param: 'model',
  });
}

/**
 * Where a requested model name goes, as an ordered list of targets (the first is tried first, the
 * rest are fallbacks):
 * 1. an exact alias in `models`;
 * 2. else the most specific matching glob alias (`claude-*` beats `*`);
 * 3. else `provider/model` syntax.
 * Targets on disabled providers are skipped; if none is left, a ConfigError says which provider to
 * enable and how. A name that matches nothing is a `not_found` error listing the aliases.
 */
export function resolveModelTargets(config: TokligenceConfig, model: string): ResolvedTarget[] {
  const aliases = config.models;
  let matched: { target: ModelTarget | ModelTarget[]; captures: string[] } | undefined;
  if (Object.hasOwn(aliases, model)) matched = { target: aliases[model], captures: [] };
  else {
    const globs: GlobMatch[] = [];
    for (const pattern of Object.keys(aliases)) {
      if (!pattern.includes('*')) continue;
      const captures = matchGlob(pattern, model);
      if (captures) globs.push({ pattern, captures });
    }
    // Array.prototype.sort is stable, so equal specificity keeps file order.
    const best = globs.sort(bySpecificity)[0];
    if (best) matched = { target: aliases[best.pattern], captures: best.captures };
  }

  if (matched) {
    const { target, captures } = matched;
    const targets = (Array.isArray(target) ? target : [target]).map((t) => expandTarget(t, model, captures));
    const enabled = targets.filter((t) => config.providers[t.provider]?.enabled);
    if (enabled.length === 0) throw disabledError(config, targets[0].provider, model);
    const usable = enabled.filter((t) => providerServes(config, t.provider, t.model));
    if (usable.length === 0) throw notServedError(config, enabled[0]!.provider, enabled[0]!.model);
    return usable;
  }

  const slash = model.indexOf('/');
  const providerNames = Object.keys(config.providers);
  if (slash > 0 && slash < model.length - 1) {
    const provider = model.slice(0, slash);
    const upstreamModel = model.slice(slash + 1);
    const settings = config.providers[provider];
    if (!settings || !Object.hasOwn(config.providers, provider))
      throw new NotFoundError(
        `model "${model}": no provider named "${provider}" (configured: ${providerNames.join(', ')}); add providers.${provider} or an alias in models`,
        { param: 'model' },
      );
    if (!settings.enabled) throw disabledError(config, provider, model);
    if (!providerServes(config, provider, upstreamModel)) throw notServedError(config, provider, upstreamModel);
    return [{ provider, model: upstreamModel }];
  }

  const configured = Object.keys(aliases);
  throw new NotFoundError(
    `model "${model}" matches no alias in models (${configured.length ? `configured: ${configured.join(', ')}` : 'none configured'}); ` +
      `use "provider/model" with a provider of ${providerNames.join(', ')}, or add an alias`,
    { param: 'model' },
  );
}
