import { cacheKey } from '../cache/key.js';
import type { ResponseCache } from '../cache/response-cache.js';
import { dependencyUnavailable, type FailureMode } from '../core/health.js';
import { collectStream, responseToEvents } from '../core/stream.js';
import type { ChatEvent, ChatResponse } from '../core/types.js';
import type { Middleware } from '../core/contracts/index.js';

/**
 * Answer a request seen before from the cache, without calling the router; store complete
 * successful answers.
 *
 * - The key is the hash of the normalised canonical request and `ctx.tenant` (see cacheKey).
 * - A hit replays as a canonical stream when the caller asked for one, else as a response; the
 *   client encodes it in the caller's dialect like any answer.
 * - What is stored is always the canonical response, also when the upstream answer was passed
 *   through raw, so any dialect can replay it.
 * - A stream is collected as it passes (the caller is never held back) and stored only when it
 *   finished without an error; an abandoned or failed stream stores nothing.
 * - `ctx.cacheMode` bypasses per call: `read: false` (no-cache), `write: false` (no-store).
 * - `ctx.cache` records `hit` | `miss` | `bypass` for the result metadata, header and metrics.
 * - A backend that is away (Redis) is a miss and the call is served degraded (`fail_open`), or the
 *   call is refused with a 503 naming it (`fail_closed`, `failure_modes.cache`).
 */
export function responseCacheMiddleware(cache: ResponseCache, failureMode: FailureMode = 'fail_open'): Middleware {
  return async (ctx, next) => {
    const mode = ctx.cacheMode ?? { read: true, write: true };
    if (!mode.read && !mode.write) {
      ctx.cache = 'bypass';
      cache.stats.bypasses++;
      return next();
    }
    const key = cacheKey(ctx.request, ctx.tenant);
    if (mode.read) {
      const started = performance.now();
      const { hit, failure } = await cache.read(key);
      if (failure !== undefined) {
        // The backend (Redis) is away: refuse (fail_closed), or go on uncached and say so.
        if (failureMode === 'fail_closed') throw dependencyUnavailable('The response cache cannot be read', failure, 'failure_modes.cache');
        ctx.degraded = [...(ctx.degraded ?? []), 'cache'];
      }
      if (hit) {
        ctx.cache = 'hit';
        cache.stats.hits++;
        ctx.route.push({
          provider: 'cache',
          model: hit.model,
          strategy: 'cache',
          reason: `response cache hit (${cache.store.kind})`,
          outcome: 'ok',
          ms: Math.round((performance.now() - started) * 100) / 100,
        });
        // A replayed stream starts with the stored input counts (the upstream's, for this same
        // request): an Anthropic caller's message_start needs no token count of its own (~0.2 ms
        // of hashing and BPE for a 30 KB Claude Code turn, more than the rest of the hit).
        return ctx.request.stream ? { type: 'stream', events: responseToEvents(hit, { inputUsageAtStart: true }) } : { type: 'response', response: hit };
      }
      ctx.cache = 'miss';
      cache.stats.misses++;
    } else {
      ctx.cache = 'bypass';
      cache.stats.bypasses++;
    }
    const result = await next();
    if (!mode.write) return result;
    if (result.type === 'response') {
      cache.save(key, result.response);
      return result;
    }
    return { ...result, events: storeWhenComplete(result.events, (response) => cache.save(key, response)) };
  };
}

/**
 * Pass a stream through unchanged, collecting it; at its `finish` (before handing that event on, so
 * a consumer that stops right after it still stores) give the collected answer to `store`. A stream
 * that fails or is abandoned earlier stores nothing.
 */
async function* storeWhenComplete(events: AsyncIterable<ChatEvent>, store: (response: ChatResponse) => void): AsyncGenerator<ChatEvent> {
  const seen: ChatEvent[] = [];
  let failed = false;
  for await (const ev of events) {
    if (ev.type === 'error') failed = true;
    if (!failed) {
      seen.push(ev);
      if (ev.type === 'finish') await storeCollected(seen, store);
    }
    yield ev;
  }
}

async function storeCollected(seen: ChatEvent[], store: (response: ChatResponse) => void): Promise<void> {
  try {
    store(await collectStream(replay(seen)));
  } catch {
    // A stream that does not collect into a response is not worth caching.
  }
}

async function* replay(events: ChatEvent[]): AsyncGenerator<ChatEvent> {
  yield* events;
}
