/** Shared pieces of the routing tests: upstream replies, per-dialect bodies, text extraction, a scripted provider. */
import { TokligenceError } from '../../src/core/errors.js';
import { responseToEvents } from '../../src/core/stream.js';
import type { ChatEvent, ChatRequest, DialectName } from '../../src/core/types.js';
import type { WireEvent } from '../../src/core/contracts/index.js';
import type { ChatResult, Provider, ProviderCallOptions } from '../../src/core/contracts/index.js';
import { type FakeReply, sseFrames } from '../helpers/fake-upstream.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests read loose wire JSON
type Wire = any;

export const DIALECTS: DialectName[] = ['openai-chat', 'anthropic', 'responses'];

/** A caller's request for `model` in its own dialect. */
export function bodyFor(dialect: DialectName, model: string, stream: boolean, extra: Record<string, unknown> = {}): Record<string, unknown> {
  if (dialect === 'anthropic') return { model, max_tokens: 64, stream, messages: [{ role: 'user', content: 'hi' }], ...extra };
  if (dialect === 'responses') return { model, stream, input: 'hi', ...extra };
  return { model, stream, messages: [{ role: 'user', content: 'hi' }], ...extra };
}

const chunk = (delta: unknown, finish: string | null = null) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta, finish_reason: finish }],
});

/** A good OpenAI chat answer saying `text`, as JSON or as SSE, matching the request's `stream`. */
export function okReply(text: string, stream: boolean): FakeReply {
  if (!stream)
    return {
      json: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: 'm',
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      },
    };
  return {
    chunks: [
      ...sseFrames([
        { data: chunk({ role: 'assistant', content: '' }) },
        { data: chunk({ content: text.slice(0, 4) }) },
        { data: chunk({ content: text.slice(4) }) },
        { data: chunk({}, 'stop') },
      ]),
      'data: [DONE]\n\n',
    ],
  };
}

/** The first part of an SSE answer: a role chunk only (no content yet). */
export const roleOnlyFrames = () => sseFrames([{ data: chunk({ role: 'assistant', content: '' }) }]);
/** Content, then the stream just stops (no finish, no [DONE]). */
export const contentThenCutFrames = (text: string) => sseFrames([{ data: chunk({ role: 'assistant', content: '' }) }, { data: chunk({ content: text }) }]);

/** Whether the fake got a stream request. */
export const wantsStream = (body: unknown) => (body as { stream?: boolean } | undefined)?.stream === true;

/** Text of a JSON answer in any caller dialect. */
export function textOfJson(dialect: DialectName, body: unknown): string {
  const b = body as Record<string, Wire>;
  if (dialect === 'anthropic') return (b.content ?? []).map((c: { text?: string }) => c.text ?? '').join('');
  if (dialect === 'responses')
    return (b.output ?? [])
      .flatMap((o: { content?: Array<{ text?: string }> }) => o.content ?? [])
      .map((c: { text?: string }) => c.text ?? '')
      .join('');
  return b.choices?.[0]?.message?.content ?? '';
}

/** Collect a caller-dialect stream: its text and any error frame. */
export async function collectWire(dialect: DialectName, events: AsyncIterable<WireEvent>): Promise<{ text: string; error?: unknown; frames: number }> {
  let text = '';
  let error: unknown;
  let frames = 0;
  for await (const ev of events) {
    frames++;
    if (ev.data === '[DONE]') continue;
    // Pass-through streams carry the upstream's raw data text.
    const d = (typeof ev.data === 'string' ? JSON.parse(ev.data) : ev.data) as Record<string, Wire>;
    if (ev.event === 'error' || d.type === 'error' || (d.error && !d.object && !d.type)) {
      error = d;
      continue;
    }
    if (dialect === 'anthropic' && d.type === 'content_block_delta') text += d.delta?.text ?? '';
    else if (dialect === 'responses' && d.type === 'response.output_text.delta') text += d.delta ?? '';
    else if (dialect === 'openai-chat') text += d.choices?.[0]?.delta?.content ?? '';
  }
  return { text, error, frames };
}

/** Seeded PRNG (mulberry32) for reproducible weighted picks. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One scripted behaviour of a {@link ScriptedProvider} call. */
export type Script = (call: { n: number; model: string; request: ChatRequest }) => Promise<string> | string;

/**
 * An in-memory provider for router-level tests: `script` returns the answer text or throws; calls
 * are counted per model. No HTTP, so strategy tests measure the router, not the network.
 */
export class ScriptedProvider implements Provider {
  readonly type = 'mock' as const;
  readonly dialects = [] as const;
  readonly calls: Array<{ model: string; request: ChatRequest }> = [];
  constructor(
    readonly name: string,
    private readonly script: Script = () => 'ok',
  ) {}
  models(): string[] {
    return [];
  }
  async chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResult> {
    this.calls.push({ model: options.model, request });
    const text = await this.script({ n: this.calls.length, model: options.model, request });
    const response = { id: 'r', model: options.model, provider: this.name, content: [{ type: 'text' as const, text }], finishReason: 'stop' as const, usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 } };
    if (!request.stream) return { type: 'response', response };
    return { type: 'stream', events: responseToEvents(response) as AsyncIterable<ChatEvent> };
  }
}

export const fail = (status: number, message = 'scripted failure', retryAfter?: number) => {
  throw new TokligenceError(status === 429 ? 'rate_limit' : status === 400 ? 'invalid_request' : status >= 500 ? 'overloaded' : 'api_error', message, { status, retryAfter });
};
