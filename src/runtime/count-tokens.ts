import type { DialectName } from '../core/types.js';
import { codecFor } from '../dialects/index.js';
import { forwardableHeaders } from '../providers/forward-headers.js';
import type { Target } from '../routing/router.js';
import { countRequestTokens } from '../tokens/count.js';
import type { RequestOptions } from './options.js';
import type { Runtime } from './runtime.js';
import { visibleToTenant } from './tenants.js';

/**
 * A request's input tokens (system, messages and tools), in any dialect: asked of an upstream that
 * counts exactly (Anthropic's count_tokens), else counted locally, also when the upstream fails.
 */
export async function countTokens(rt: Runtime, dialect: DialectName, body: unknown, options: RequestOptions = {}): Promise<number> {
  const raw = { max_tokens: 1, ...(body as Record<string, unknown>) };
  const request = codecFor(dialect).decodeRequest(raw);
  let target: Target | undefined;
  try {
    target = rt.resolve(request.model)[0];
    // Another tenant's provider or alias is unknown to this caller: counted locally, never asked.
    if (target && !(visibleToTenant(rt.config, options.identity?.tenant, request.model) && visibleToTenant(rt.config, options.identity?.tenant, target.provider))) target = undefined;
  } catch {
    // an unknown model still gets a local count
  }
  const provider = target && rt.providers.get(target.provider);
  if (target && provider?.countTokens)
    try {
      return await provider.countTokens(request, {
        model: target.model,
        signal: options.signal,
        headers: forwardableHeaders(options.headers),
        passthrough: provider.dialects.includes(dialect) ? { dialect, body: body as Record<string, unknown> } : undefined,
      });
    } catch {
      // fall through to the local count
    }
  return countRequestTokens(request);
}
