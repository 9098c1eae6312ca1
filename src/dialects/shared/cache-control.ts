import { z } from 'zod';
import type { CacheControl } from '../../core/types.js';
import { parseAt } from './zod-error.js';

/** Anthropic's prompt-cache marker on the wire; extra keys (future ones) are kept. */
export const wireCacheControl = z.looseObject({
  type: z.literal('ephemeral'),
  ttl: z.string().optional(),
});

/**
 * A caller's `cache_control` (Anthropic blocks and tools; the same field on OpenAI chat parts and
 * messages, as LiteLLM-style clients send it): absent → undefined, a valid marker → a copy, anything
 * else → a 400 at `path`, the same message in every dialect that carries it.
 */
export function cacheControlOf(value: unknown, path: string): CacheControl | undefined {
  if (value === undefined || value === null) return undefined;
  return { ...parseAt(wireCacheControl, value, path) } as CacheControl;
}
