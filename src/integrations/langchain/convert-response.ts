/** Canonical answers → LangChain message chunks: whole responses and streamed events. */
import { AIMessageChunk, type UsageMetadata } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import type { ChatEvent, ChatResponse, FinishReason, Usage } from '../../core/types.js';

/** Canonical usage → LangChain's; `input_tokens` is the whole prompt, cache included. */
export function toUsageMetadata(u: Usage): UsageMetadata {
  const input = u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
  return {
    input_tokens: input,
    output_tokens: u.outputTokens,
    total_tokens: input + u.outputTokens,
    input_token_details: { cache_read: u.cacheReadTokens, cache_creation: u.cacheWriteTokens },
    ...(u.reasoningTokens !== undefined ? { output_token_details: { reasoning: u.reasoningTokens } } : {}),
  };
}

/** LangChain uses OpenAI's finish reason spellings in `response_metadata.finish_reason`. */
export function finishReasonName(f: FinishReason): string {
  return f === 'pause' ? 'stop' : f;
}

/**
 * A whole response as an AIMessageChunk, not an AIMessage: base `withStructuredOutput` and some
 * parsers insist on a chunk (`Input is not an AIMessageChunk`).
 */
export function responseToMessage(response: ChatResponse): AIMessageChunk {
  let text = '';
  let reasoning = '';
  let signed: { reasoning_signature: string; reasoning_origin?: string } | undefined;
  const toolCalls: Array<{ id: string; name: string; args: Record<string, unknown>; type: 'tool_call' }> = [];
  for (const p of response.content) {
    if (p.type === 'text') text += p.text;
    else if (p.type === 'reasoning') {
      reasoning += p.text;
      // The signature lets the turn go back to the provider that minted it (Anthropic thinking).
      if (p.signature) signed = { reasoning_signature: p.signature, ...(p.origin ? { reasoning_origin: p.origin } : {}) };
    }
    else if (p.type === 'tool_call') toolCalls.push({ id: p.id, name: p.name, args: p.kind === 'custom' ? { input: p.input ?? '' } : p.arguments, type: 'tool_call' });
  }
  return new AIMessageChunk({
    id: response.id,
    content: text,
    tool_calls: toolCalls,
    additional_kwargs: { ...(reasoning ? { reasoning_content: reasoning } : {}), ...signed },
    usage_metadata: toUsageMetadata(response.usage),
    response_metadata: {
      model_name: response.model,
      model_provider: 'tokligence',
      finish_reason: finishReasonName(response.finishReason),
      ...(response.provider ? { provider: response.provider } : {}),
    },
  });
}

/**
 * Map canonical stream events to generation chunks, one per delta. Tool calls stream as
 * `tool_call_chunks` keyed by the part index, which `concat` merges into `tool_calls`.
 */
export class ChunkMapper {
  private id?: string;
  private model?: string;
  /** The dialect that minted each open reasoning part's signature. */
  private readonly origins = new Map<number, string | undefined>();

  map(ev: ChatEvent): ChatGenerationChunk | undefined {
    switch (ev.type) {
      case 'start':
        this.id = ev.id;
        this.model = ev.model;
        return undefined;
      case 'part_start':
        if (ev.part.type === 'reasoning') this.origins.set(ev.index, ev.part.origin);
        if (ev.part.type !== 'tool_call') return undefined;
        return this.chunk('', {
          tool_call_chunks: [{ id: ev.part.id, name: ev.part.name, args: '', index: ev.index, type: 'tool_call_chunk' }],
        });
      case 'delta':
        if (ev.delta.type === 'text') return this.chunk(ev.delta.text, {});
        if (ev.delta.type === 'reasoning') return this.chunk('', { additional_kwargs: { reasoning_content: ev.delta.text } });
        if (ev.delta.type === 'tool_arguments')
          return this.chunk('', { tool_call_chunks: [{ args: ev.delta.json, index: ev.index, type: 'tool_call_chunk' }] });
        if (ev.delta.type === 'signature') return this.signed(ev.index, ev.delta.signature);
        return undefined;
      case 'part_end':
        return ev.signature ? this.signed(ev.index, ev.signature) : undefined;
      case 'finish':
        return this.chunk('', {
          usage_metadata: toUsageMetadata(ev.usage),
          response_metadata: { model_name: this.model, model_provider: 'tokligence', finish_reason: finishReasonName(ev.finishReason) },
        }, { finish_reason: finishReasonName(ev.finishReason) });
      case 'error':
        throw ev.error;
      default:
        return undefined;
    }
  }

  /** A reasoning signature, once per part: `concat` joins `additional_kwargs` strings, so it must not repeat. */
  private signed(index: number, signature: string): ChatGenerationChunk {
    const origin = this.origins.get(index);
    return this.chunk('', { additional_kwargs: { reasoning_signature: signature, ...(origin ? { reasoning_origin: origin } : {}) } });
  }

  private chunk(text: string, fields: Omit<ConstructorParameters<typeof AIMessageChunk>[0] & object, 'content'>, generationInfo?: Record<string, unknown>) {
    return new ChatGenerationChunk({
      text,
      message: new AIMessageChunk({ ...(this.id ? { id: this.id } : {}), content: text, ...fields }),
      ...(generationInfo ? { generationInfo } : {}),
    });
  }
}
