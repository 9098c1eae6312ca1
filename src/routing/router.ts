import { TokligenceError, toTokligenceError } from '../core/errors.js';
import type { ChatEvent } from '../core/types.js';
import type { CallContext } from '../pipeline/types.js';
import type { ChatResult, Provider } from '../providers/types.js';

export interface Target {
  provider: string;
  model: string;
}

export interface RouterOptions {
  providers: Map<string, Provider>;
  /** Ordered targets for a requested model (aliases, globs, `provider/model`). */
  resolve: (model: string) => Target[];
  /** `passthrough` forces it, `translate` forbids it, `auto` decides per call. */
  workMode: 'auto' | 'translate' | 'passthrough';
}

/**
 * Try each target in order. A retryable failure (429, 5xx, 529, connect, timeout) moves on to the
 * next target; any other error is the caller's answer. A stream may move on only until its first
 * event, so the caller never sees two half-answers. Every attempt goes into `ctx.route`.
 */
export class Router {
  constructor(private readonly options: RouterOptions) {}

  async route(ctx: CallContext): Promise<ChatResult> {
    const targets = this.options.resolve(ctx.request.model);
    let lastError: TokligenceError | undefined;
    for (const [i, target] of targets.entries()) {
      const provider = this.options.providers.get(target.provider);
      const reason = i === 0 ? `first target for "${ctx.request.model}"` : `fallback ${i} after ${lastError?.kind ?? 'error'}`;
      if (!provider) {
        ctx.route.push({ ...target, reason, outcome: 'skipped', error: 'provider not configured' });
        continue;
      }
      const started = performance.now();
      try {
        const speaksCaller = provider.dialects.includes(ctx.dialect);
        const passthrough =
          this.options.workMode !== 'translate' && speaksCaller && !ctx.rewritten && ctx.rawBody
            ? { dialect: ctx.dialect, body: ctx.rawBody }
            : undefined;
        const result = await provider.chat(ctx.request, {
          model: target.model,
          signal: ctx.signal,
          passthrough,
          headers: speaksCaller ? ctx.forwardHeaders : undefined,
        });
        const settled = result.type === 'stream' ? await firstEventSettled(result) : result;
        ctx.route.push({ ...target, reason: passthrough ? `${reason} (pass-through)` : reason, outcome: 'ok', ms: elapsed(started) });
        return settled;
      } catch (err) {
        const error = toTokligenceError(err);
        ctx.route.push({ ...target, reason, outcome: 'error', status: error.status, error: error.message, ms: elapsed(started) });
        lastError = error;
        if (!error.retryable || ctx.signal?.aborted) throw error;
      }
    }
    throw lastError ?? new TokligenceError('not_found', `No target available for model "${ctx.request.model}"`);
  }
}

const elapsed = (since: number) => Math.round((performance.now() - since) * 100) / 100;

/**
 * Hold a stream's events until its first content (or its end), so an upstream that fails before
 * any content, even after `message_start` / `response.created`, can still fall back. Returns the
 * same stream with the held events replayed first.
 */
async function firstEventSettled(result: Extract<ChatResult, { type: 'stream' }>): Promise<ChatResult> {
  // With pass-through, the raw messages wait in the tee's buffer while the decoder's copy is peeked.
  const iterator = result.events[Symbol.asyncIterator]();
  const held: ChatEvent[] = [];
  let ended = false;
  for (;;) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    if (next.value.type === 'error') throw next.value.error;
    held.push(next.value);
    if (next.value.type !== 'start') break;
  }
  async function* replay(): AsyncGenerator<ChatEvent> {
    yield* held;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { ...result, events: replay() };
}
