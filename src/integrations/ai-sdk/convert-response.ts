/** Canonical answers → LanguageModelV3 results and stream parts. */
import type {
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import type { ChatEvent, ChatResponse, DialectName, FinishReason, Usage } from '../../core/types.js';
import { reasoningMetadata } from './provider-options.js';

export function mapFinishReason(f: FinishReason, raw?: string): LanguageModelV3FinishReason {
  const unified = f === 'tool_calls' ? 'tool-calls' : f === 'content_filter' ? 'content-filter' : f === 'pause' ? 'other' : f;
  return { unified, raw: raw ?? f };
}

/** Canonical usage (input = uncached) → V3 usage (input total includes the cache). */
export function mapUsage(u: Usage): LanguageModelV3Usage {
  const reasoning = u.reasoningTokens;
  return {
    inputTokens: { total: u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens, noCache: u.inputTokens, cacheRead: u.cacheReadTokens, cacheWrite: u.cacheWriteTokens },
    outputTokens: { total: u.outputTokens, text: reasoning !== undefined ? u.outputTokens - reasoning : u.outputTokens, reasoning },
    raw: { ...u },
  };
}

export function responseContent(response: ChatResponse): LanguageModelV3Content[] {
  const out: LanguageModelV3Content[] = [];
  for (const p of response.content) {
    if (p.type === 'text') out.push({ type: 'text', text: p.text });
    else if (p.type === 'reasoning' && (p.text || p.redactedData)) {
      const providerMetadata = reasoningMetadata(p);
      out.push({ type: 'reasoning', text: p.text, ...(providerMetadata ? { providerMetadata } : {}) });
    }
    else if (p.type === 'tool_call')
      out.push({ type: 'tool-call', toolCallId: p.id, toolName: p.name, input: p.kind === 'custom' ? JSON.stringify({ input: p.input ?? '' }) : JSON.stringify(p.arguments) });
  }
  return out;
}

/**
 * Canonical events → V3 stream parts. Text and reasoning keep their part index as id; a tool call
 * streams `tool-input-start/delta/end` (for UIs) and then one `tool-call` with the whole input.
 */
export class StreamPartMapper {
  private readonly open = new Map<
    number,
    { kind: 'text' } | { kind: 'reasoning'; origin?: DialectName; redactedData?: string } | { kind: 'tool'; id: string; name: string; json: string }
  >();

  map(ev: ChatEvent): LanguageModelV3StreamPart[] {
    switch (ev.type) {
      case 'start':
        return [{ type: 'response-metadata', id: ev.id, modelId: ev.model, timestamp: new Date() }];
      case 'part_start': {
        const id = String(ev.index);
        if (ev.part.type === 'text') {
          this.open.set(ev.index, { kind: 'text' });
          return [{ type: 'text-start', id }];
        }
        if (ev.part.type === 'reasoning') {
          const { origin, redactedData } = ev.part;
          this.open.set(ev.index, { kind: 'reasoning', origin, redactedData });
          const providerMetadata = reasoningMetadata({ redactedData, origin });
          return [{ type: 'reasoning-start', id, ...(providerMetadata ? { providerMetadata } : {}) }];
        }
        this.open.set(ev.index, { kind: 'tool', id: ev.part.id, name: ev.part.name, json: '' });
        return [{ type: 'tool-input-start', id: ev.part.id, toolName: ev.part.name }];
      }
      case 'delta': {
        const part = this.open.get(ev.index);
        if (!part) return [];
        const d = ev.delta;
        if (d.type === 'text' && part.kind === 'text') return d.text ? [{ type: 'text-delta', id: String(ev.index), delta: d.text }] : [];
        if (d.type === 'reasoning' && part.kind === 'reasoning') return d.text ? [{ type: 'reasoning-delta', id: String(ev.index), delta: d.text }] : [];
        if (d.type === 'signature' && part.kind === 'reasoning') return [this.signed(ev.index, d.signature, part.origin)];
        if (d.type === 'tool_arguments' && part.kind === 'tool') {
          part.json += d.json;
          return [{ type: 'tool-input-delta', id: part.id, delta: d.json }];
        }
        return [];
      }
      case 'part_end': {
        const part = this.open.get(ev.index);
        this.open.delete(ev.index);
        if (!part) return [];
        if (part.kind === 'reasoning' && ev.signature) return [this.signed(ev.index, ev.signature, part.origin), { type: 'reasoning-end', id: String(ev.index) }];
        if (part.kind !== 'tool') return [{ type: part.kind === 'text' ? 'text-end' : 'reasoning-end', id: String(ev.index) }];
        return [
          { type: 'tool-input-end', id: part.id },
          { type: 'tool-call', toolCallId: part.id, toolName: part.name, input: part.json.trim() ? part.json : '{}' },
        ];
      }
      case 'finish':
        return [{ type: 'finish', finishReason: mapFinishReason(ev.finishReason, ev.rawFinishReason), usage: mapUsage(ev.usage) }];
      case 'error':
        return [{ type: 'error', error: ev.error }];
    }
  }

  /** A signature arrives as an empty reasoning delta carrying it, as @ai-sdk/anthropic streams it. */
  private signed(index: number, signature: string, origin: DialectName | undefined): LanguageModelV3StreamPart {
    return { type: 'reasoning-delta', id: String(index), delta: '', providerMetadata: reasoningMetadata({ signature, origin }) };
  }
}
