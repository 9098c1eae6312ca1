/**
 * Same-dialect pass-through, in one place: when it applies, how an upstream stream is split into the
 * caller's bytes and a decoded copy, and how those bytes end when the upstream fails.
 *
 * When the caller and the upstream speak the same dialect and nothing in the pipeline rewrote the
 * request, the caller's body goes upstream unchanged (but for `model`) and the caller gets the
 * upstream's own answer: a JSON body as sent, a stream as its SSE bytes cut at event boundaries.
 * A decoded copy of the same stream feeds routing (first content), usage, metrics, the cache and
 * guardrails; when nothing reads content (`CallContext.skimStreams`), that copy skips deltas.
 *
 * The wrappers around one stream, from the socket outwards:
 *  1. transport: the upstream body (undici) as byte chunks;
 *  2. `wholeEvents` (core/sse): re-cut so every chunk holds whole SSE events;
 *  3. pass-through only: `tee` (core/async) into the caller's bytes and the decoder's copy (the
 *     copies may drift at most 64 chunks apart once both read, so a slow caller slows the upstream);
 *  4. `codec.decodeStream(readSse(…))`, or `skimmed` here: canonical `ChatEvent`s;
 *  5. `SecretGuardedProvider` (providers/secret-guard): credentials out of error events and of
 *     raw chunks that may hold an error;
 *  6. router (routing/router): `holdUntilContent` (events held until the first content, so a
 *     failure before it can retry or fall back), then `onStreamEnd` releases per-try state (stats,
 *     first-byte timer link, concurrency slot);
 *  7. middleware (pipeline/), innermost first: cache store tap, sessions tap, security guard
 *     (a middleware that changes the stream drops `raw`, so the caller gets the translated form);
 *  8. runtime (runtime/call): `tapUsage` settles the call's usage; then either
 *     `codec.encodeStream` (translated) or `callerBytes` here (pass-through: the raw bytes, the
 *     decoded copy drained beside them for its failure, the dialect's error frame appended);
 *  9. out: in-process facades turn wire events into SDK objects (facades/sdk-objects) inside a
 *     `TokligenceStream`; the server frames SSE with pings and its own error frame (server/sse-out).
 *
 * Who closes the upstream: whoever stops reading calls `return()` on its iterator, and every
 * wrapper passes it down. `tee` closes the source only when both copies are done or returned;
 * `callerBytes` therefore stops the decoded copy when the caller stops early, and the router's
 * `holdUntilContent` returns the upstream it gives up on before retrying elsewhere.
 */
import { tee } from '../core/async.js';
import { batchesOf, codeStream } from '../core/batch.js';
import type { CallContext } from '../core/contracts/call-context.js';
import type { ChatResult } from '../core/contracts/chat-result.js';
import type { StreamCoder } from '../core/contracts/batched.js';
import type { DialectCodec } from '../core/contracts/codec.js';
import type { Provider, ProviderCallOptions } from '../core/contracts/provider.js';
import type { WireContext } from '../core/contracts/wire-context.js';
import { type TokligenceError, toTokligenceError } from '../core/errors.js';
import { type SseMessage, formatSse, mayHoldError, messagesIn, readWholeEvents, wholeEvents } from '../core/sse.js';
import type { ChatEvent, ChatRequest } from '../core/types.js';

type PassThrough = NonNullable<ProviderCallOptions['passthrough']>;
type StreamResult = Extract<ChatResult, { type: 'stream' }>;

/**
 * The pass-through a call to `provider` gets, or undefined when it must be translated: the work
 * mode allows it, the provider speaks the caller's dialect, and nothing changed the request (no
 * middleware rewrote it, the router did not clamp it).
 */
export function passThroughFor(
  ctx: CallContext,
  provider: Provider,
  request: ChatRequest,
  workMode: 'auto' | 'translate' | 'passthrough',
): PassThrough | undefined {
  if (workMode === 'translate' || !ctx.rawBody || ctx.rewritten || request !== ctx.request) return undefined;
  if (!ctx.dialect || !provider.dialects.includes(ctx.dialect)) return undefined;
  return { dialect: ctx.dialect, body: ctx.rawBody, ...(ctx.skimStreams ? { skim: true } : {}) };
}

/**
 * The caller's body as the upstream gets it: unchanged but for the upstream's model id, except for
 * Gemini, whose model is in the URL (the transport's path) and not a body field.
 */
export function passThroughBody(passthrough: PassThrough, model: string): Record<string, unknown> {
  const body = passthrough.body;
  if (passthrough.dialect === 'gemini') {
    if (!('model' in body)) return body;
    const { model: _inUrl, ...rest } = body;
    return rest;
  }
  return body.model === model ? body : { ...body, model };
}

/**
 * An upstream SSE body split into the caller's bytes (whole events, as sent) and the decoded copy
 * (skimmed when nothing reads its content).
 */
export function splitStream(codec: DialectCodec, body: AsyncIterable<Uint8Array>, passthrough: PassThrough, context: WireContext): StreamResult {
  const [raw, forDecoder] = tee(wholeEvents(body));
  const decoder = codec.streamDecoder(context);
  const isDelta = codec.isContentDelta;
  const events = codeStream(readWholeEvents(forDecoder), passthrough.skim && isDelta ? skimming(decoder, isDelta) : decoder);
  return { type: 'stream', events, raw: { dialect: codec.name, bytes: raw } };
}

/**
 * The decoder of a skimmed pass-through stream (nothing reads its content): once it has produced
 * its first event past `start` (what routing waits for), content deltas are dropped without being
 * parsed. Starts, part boundaries, finish, usage and errors still decode.
 */
function skimming(decoder: StreamCoder<SseMessage, ChatEvent>, isDelta: (m: SseMessage) => boolean): StreamCoder<SseMessage, ChatEvent> {
  let skipping = false;
  return {
    push(message) {
      if (skipping && isDelta(message)) return NONE;
      const out = decoder.push(message);
      if (!skipping) skipping = out.some((ev) => ev.type !== 'start');
      return out;
    },
    end: () => decoder.end(),
    fail: (error) => decoder.fail(error),
    get done() {
      return decoder.done;
    },
  };
}

const NONE: readonly ChatEvent[] = [];

/**
 * The upstream's own SSE bytes for the caller, ending cleanly when the upstream fails: the decoded
 * copy, drained alongside, says whether the stream failed; unless the upstream already said so
 * in-band, the failure is appended as the dialect's error frame (`onFailure: 'frame'`, for HTTP
 * callers) or thrown after the last byte (`'throw'`, for in-process callers). Chunks hold whole
 * events, so the frame never lands inside one.
 */
export async function* callerBytes(
  raw: AsyncIterable<Uint8Array>,
  decoded: AsyncIterable<ChatEvent>,
  codec: DialectCodec,
  onFailure: 'frame' | 'throw' = 'frame',
): AsyncGenerator<Uint8Array> {
  let failure: TokligenceError | undefined;
  const watcher = watchForError(decoded, (e) => {
    failure ??= e;
  });
  // An in-band failure the upstream sent itself already reached the caller: not a second one.
  let told = false;
  let finished = false;
  try {
    for await (const chunk of raw) {
      told ||= holdsFailureFrame(chunk, codec);
      yield chunk;
    }
    finished = true;
  } catch (err) {
    finished = true;
    failure ??= toTokligenceError(err);
  } finally {
    // The caller stopped early: stop the decoder's copy too, so the upstream is let go.
    if (!finished) await watcher.stop();
  }
  await watcher.done;
  if (!failure || told) return;
  if (onFailure === 'throw') throw failure;
  const frame = codec.encodeStreamError(failure);
  yield Buffer.from(formatSse(frame.event, frame.data));
}

/** Whether a chunk of whole SSE events holds the dialect's failure frame (cheap byte check first). */
function holdsFailureFrame(chunk: Uint8Array, codec: DialectCodec): boolean {
  return mayHoldError(chunk) && messagesIn(chunk).some((m) => codec.streamFailure(m.event, m.data) !== undefined);
}

/** Read a stream in the background for its error events; `stop` ends the reading early. */
function watchForError(events: AsyncIterable<ChatEvent>, onError: (e: TokligenceError) => void): { done: Promise<void>; stop: () => Promise<void> } {
  const iterator = batchesOf(events);
  let stopped = false;
  const done = (async () => {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done || stopped) return;
        for (const ev of next.value) if (ev.type === 'error') onError(ev.error);
      }
    } catch (err) {
      if (!stopped) onError(toTokligenceError(err));
    }
  })();
  return {
    done,
    stop: async () => {
      stopped = true;
      await iterator.return?.();
    },
  };
}
