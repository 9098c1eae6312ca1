import { type Coroutine, END, NEXT, codeStream, coroutineCoder } from '../../core/batch.js';
import { ConnectionError, TokligenceError, toTokligenceError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { SseMessage } from '../../core/sse.js';
import type { ChatEvent, FinishReason } from '../../core/types.js';
import { noteSkipped, type StreamCoder, type WireContext } from '../../core/contracts/index.js';
import { decodeGeminiError } from './errors.js';
import { mapGeminiFinishReason } from './map-finish-reason.js';
import { GeminiPartSequencer } from './part-sequencer.js';
import { isObject } from './schema.js';
import { decodeGeminiUsage } from './usage.js';
import { type WireUsageMetadata, wireResponse } from './wire.js';

/**
 * Decode `streamGenerateContent?alt=sse`: every `data:` is a GenerateContentResponse with a few
 * new parts (text pieces, thought pieces, whole function calls). Events come out in canonical
 * order: `start` on the first chunk, parts opened and closed one at a time (a text part is closed
 * before a function call opens), then one `finish`. Usage is cumulative in Gemini's chunks, so the
 * last one seen wins; the finishReason comes with the last candidate. A stream that ends without
 * a finishReason (or a prompt block) was cut off: that is an `error` event, not a short answer.
 * A tool call's thought signature is on its `part_end` event.
 */
export function decodeGeminiStream(messages: AsyncIterable<SseMessage>, context?: WireContext): AsyncIterable<ChatEvent> {
  return codeStream(messages, geminiStreamDecoder(context));
}

/** The decoder one message at a time (see StreamCoder). */
export function geminiStreamDecoder(context?: WireContext): StreamCoder<SseMessage, ChatEvent> {
  return coroutineCoder(decoding(context));
}

function* decoding(context?: WireContext): Coroutine<SseMessage, ChatEvent> {
  const sequencer = new GeminiPartSequencer(context);
  let started = false;
  let usage: WireUsageMetadata | undefined;
  let finishReason: string | undefined;
  let blockReason: string | undefined;
  try {
    for (let message = yield NEXT; message !== END; message = yield NEXT) {
      const data = message.data.trim();
      if (data === '' || data === '[DONE]') continue;
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        yield { type: 'error', error: new TokligenceError('api_error', `Gemini stream: a data line is not JSON: ${data.slice(0, 200)}`) };
        return;
      }
      if (isObject(json) && isObject(json.error)) {
        const code = typeof json.error.code === 'number' ? json.error.code : 500;
        yield { type: 'error', error: decodeGeminiError(code, json) };
        return;
      }
      const parsed = wireResponse.safeParse(json);
      if (!parsed.success) {
        // A chunk of a shape we cannot read at all: skipped and counted, the stream goes on.
        noteSkipped(context, 'chunk:unreadable');
        continue;
      }
      const chunk = parsed.data;
      if (!started) {
        started = true;
        const first: ChatEvent = { type: 'start', id: chunk.responseId ?? newId('gen_'), model: chunk.modelVersion ?? context?.model ?? '' };
        if (chunk.usageMetadata?.promptTokenCount !== undefined) {
          const u = decodeGeminiUsage(chunk.usageMetadata);
          first.usage = { inputTokens: u.inputTokens, cacheReadTokens: u.cacheReadTokens };
        }
        yield first;
      }
      if (chunk.usageMetadata) usage = chunk.usageMetadata;
      if (chunk.promptFeedback?.blockReason) blockReason = chunk.promptFeedback.blockReason;
      const candidate = chunk.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) yield* sequencer.push(part);
      if (candidate?.finishReason) finishReason = candidate.finishReason;
    }
  } catch (err) {
    yield* sequencer.close();
    yield { type: 'error', error: toTokligenceError(err) };
    return;
  }
  if (!started) {
    yield { type: 'error', error: new ConnectionError('Gemini stream ended before any data') };
    return;
  }
  yield* sequencer.close();
  if (finishReason === undefined && blockReason === undefined) {
    yield { type: 'error', error: new ConnectionError('Gemini stream ended without a finishReason') };
    return;
  }
  const reason: FinishReason =
    finishReason === undefined ? 'content_filter' : mapGeminiFinishReason(finishReason, sequencer.hasToolCalls);
  yield { type: 'finish', finishReason: reason, usage: decodeGeminiUsage(usage), rawFinishReason: finishReason ?? blockReason! };
}
