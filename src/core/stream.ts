import { TokligenceError } from './errors.js';
import type { ChatEvent, ChatResponse, ContentPart, ReasoningPart, ToolCallPart } from './types.js';
import { emptyUsage } from './types.js';

/** Gather a canonical stream into the response it describes. Throws the stream's error event. */
export async function collectStream(events: AsyncIterable<ChatEvent>): Promise<ChatResponse> {
  const response: ChatResponse = { id: '', model: '', content: [], finishReason: 'stop', usage: emptyUsage() };
  const args = new Map<number, string>();
  for await (const ev of events) {
    switch (ev.type) {
      case 'start':
        response.id = ev.id;
        response.model = ev.model;
        if (ev.usage) response.usage = { ...response.usage, ...ev.usage };
        break;
      case 'part_start': {
        const p = ev.part;
        if (p.type === 'text') response.content[ev.index] = { type: 'text', text: '' };
        else if (p.type === 'tool_call') {
          const call: ToolCallPart = { type: 'tool_call', id: p.id, name: p.name, arguments: {} };
          if (p.kind === 'custom') call.kind = 'custom';
          if (p.itemId) call.itemId = p.itemId;
          if (p.origin) call.origin = p.origin;
          response.content[ev.index] = call;
          args.set(ev.index, '');
        } else {
          const r: ReasoningPart = { type: 'reasoning', text: '' };
          if (p.redactedData !== undefined) r.redactedData = p.redactedData;
          if (p.id) r.id = p.id;
          if (p.encryptedContent) r.encryptedContent = p.encryptedContent;
          if (p.origin) r.origin = p.origin;
          response.content[ev.index] = r;
        }
        break;
      }
      case 'delta': {
        const part = response.content[ev.index];
        if (!part) throw new TokligenceError('api_error', `stream delta for part ${ev.index} before its start`);
        const d = ev.delta;
        if (d.type === 'text' && part.type === 'text') part.text += d.text;
        else if (d.type === 'tool_arguments' && part.type === 'tool_call') args.set(ev.index, (args.get(ev.index) ?? '') + d.json);
        else if (d.type === 'reasoning' && part.type === 'reasoning') part.text += d.text;
        else if (d.type === 'signature' && part.type === 'reasoning') part.signature = (part.signature ?? '') + d.signature;
        break;
      }
      case 'part_end': {
        const part = response.content[ev.index];
        if (part?.type === 'tool_call') {
          const raw = args.get(ev.index) ?? '';
          if (part.kind === 'custom') part.input = raw;
          else part.arguments = parseArgs(raw);
          if (ev.signature) part.signature = ev.signature;
        } else if (part?.type === 'reasoning') {
          if (ev.signature) part.signature = ev.signature;
          if (ev.encryptedContent) part.encryptedContent = ev.encryptedContent;
        }
        break;
      }
      case 'finish':
        response.finishReason = ev.finishReason;
        response.usage = ev.usage;
        if (ev.stopSequence !== undefined) response.stopSequence = ev.stopSequence;
        if (ev.rawFinishReason !== undefined) response.rawFinishReason = ev.rawFinishReason;
        break;
      case 'error':
        throw ev.error;
    }
  }
  response.content = response.content.filter(Boolean);
  return response;
}

function parseArgs(raw: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  try {
    const v = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : { _raw: raw };
  } catch {
    return { _raw: raw };
  }
}

/**
 * Replay a complete response as a canonical stream (mock provider, cache hits, non-stream upstreams).
 * `inputUsageAtStart`: the `start` event carries the answer's input counts (input, cache reads and
 * writes), as an upstream's first event does when it has them, so an encoder needs no count of its own.
 */
export async function* responseToEvents(response: ChatResponse, options: { inputUsageAtStart?: boolean } = {}): AsyncGenerator<ChatEvent> {
  const { inputTokens, cacheReadTokens, cacheWriteTokens } = response.usage ?? {};
  yield options.inputUsageAtStart && inputTokens
    ? { type: 'start', id: response.id, model: response.model, usage: { inputTokens, cacheReadTokens, cacheWriteTokens } }
    : { type: 'start', id: response.id, model: response.model };
  let index = 0;
  for (const part of response.content as ContentPart[]) {
    if (part.type === 'text') {
      if (part.text === '') continue;
      yield { type: 'part_start', index, part: { type: 'text' } };
      yield { type: 'delta', index, delta: { type: 'text', text: part.text } };
      yield { type: 'part_end', index };
    } else if (part.type === 'tool_call') {
      yield {
        type: 'part_start',
        index,
        part: {
          type: 'tool_call',
          id: part.id,
          name: part.name,
          ...(part.kind === 'custom' ? { kind: 'custom' as const } : {}),
          ...(part.itemId ? { itemId: part.itemId } : {}),
          ...(part.origin ? { origin: part.origin } : {}),
        },
      };
      const json = part.kind === 'custom' ? (part.input ?? '') : JSON.stringify(part.arguments);
      if (json) yield { type: 'delta', index, delta: { type: 'tool_arguments', json } };
      yield { type: 'part_end', index, ...(part.signature ? { signature: part.signature } : {}) };
    } else if (part.type === 'reasoning') {
      yield {
        type: 'part_start',
        index,
        part: {
          type: 'reasoning',
          ...(part.redactedData !== undefined ? { redactedData: part.redactedData } : {}),
          ...(part.id ? { id: part.id } : {}),
          ...(part.origin ? { origin: part.origin } : {}),
        },
      };
      if (part.text) yield { type: 'delta', index, delta: { type: 'reasoning', text: part.text } };
      if (part.signature) yield { type: 'delta', index, delta: { type: 'signature', signature: part.signature } };
      yield { type: 'part_end', index, ...(part.encryptedContent ? { encryptedContent: part.encryptedContent } : {}) };
    } else continue;
    index++;
  }
  yield {
    type: 'finish',
    finishReason: response.finishReason,
    usage: response.usage,
    ...(response.stopSequence !== undefined ? { stopSequence: response.stopSequence } : {}),
    ...(response.rawFinishReason !== undefined ? { rawFinishReason: response.rawFinishReason } : {}),
  };
}
