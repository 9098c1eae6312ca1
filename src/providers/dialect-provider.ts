import { TokligenceError } from '../core/errors.js';
import { readSse } from '../core/sse.js';
import { responseToEvents } from '../core/stream.js';
import type { ChatRequest, DialectName } from '../core/types.js';
import type { DialectCodec } from '../core/contracts/index.js';
import { newWireContext } from '../core/contracts/index.js';
import { passThroughBody, splitStream } from './passthrough.js';
import type { Transport, UpstreamResponse } from './transports/types.js';
import type { ChatResult, Provider, ProviderCallOptions, ProviderType } from '../core/contracts/index.js';

export interface DialectProviderOptions {
  name: string;
  type: ProviderType;
  codec: DialectCodec;
  transport: Transport;
  models?: string[];
  defaultMaxTokens?: number;
}

/**
 * The one shape every HTTP provider has: encode with the dialect's codec, send with the transport,
 * decode the answer (or the error) with the same codec. Pass-through skips the encode.
 */
export class DialectProvider implements Provider {
  readonly name: string;
  readonly type: ProviderType;
  readonly dialect: DialectName;
  readonly dialects: readonly DialectName[];

  constructor(private readonly options: DialectProviderOptions) {
    this.name = options.name;
    this.type = options.type;
    this.dialect = options.codec.name;
    this.dialects = [this.dialect];
  }

  models(): string[] {
    return this.options.models ?? [];
  }

  async chat(request: ChatRequest, call: ProviderCallOptions): Promise<ChatResult> {
    const { codec, transport } = this.options;
    const passthrough = call.passthrough?.dialect === this.dialect ? call.passthrough : undefined;
    let body: Record<string, unknown>;
    let context = newWireContext(call.model);
    if (passthrough) {
      body = passThroughBody(passthrough, call.model);
    } else {
      ({ body, context } = codec.encodeRequest(request, {
        model: call.model,
        defaultMaxTokens: this.options.defaultMaxTokens,
      }));
    }
    const stream = request.stream === true;
    const res = await transport.send({ body, stream, model: call.model, signal: call.signal, headers: call.headers });
    if (res.status < 200 || res.status >= 300) throw await this.readError(res);

    const contentType = res.headers.get('content-type') ?? '';
    if (stream && contentType.includes('text/event-stream')) {
      if (passthrough) return { ...splitStream(codec, res.body, passthrough, context), skipped: context.skipped };
      return { type: 'stream', events: codec.decodeStream(readSse(res.body), context), skipped: context.skipped };
    }

    const { json, text } = await readJson(res, this.name);
    const response = codec.decodeResponse(json, context);
    response.provider = this.name;
    // An upstream that ignored `stream: true` still gives the caller a stream.
    if (stream) return { type: 'stream', events: responseToEvents(response), skipped: context.skipped };
    return { type: 'response', response, skipped: context.skipped, ...(passthrough ? { raw: { dialect: this.dialect, body: json, text } } : {}) };
  }

  /**
   * Anthropic's own count_tokens, so Claude Code's context meter matches what Claude bills. Only the
   * fields that endpoint takes are sent.
   */
  async countTokens(request: ChatRequest, call: ProviderCallOptions): Promise<number> {
    if (this.dialect !== 'anthropic') throw new TokligenceError('not_found', `${this.name}: no count_tokens endpoint`);
    const source =
      call.passthrough?.dialect === 'anthropic'
        ? call.passthrough.body
        : this.options.codec.encodeRequest(request, { model: call.model, defaultMaxTokens: this.options.defaultMaxTokens }).body;
    const body: Record<string, unknown> = { model: call.model };
    for (const key of COUNT_TOKENS_FIELDS) if (source[key] !== undefined) body[key] = source[key];
    const res = await this.options.transport.send({ body, stream: false, model: call.model, signal: call.signal, headers: call.headers, path: '/v1/messages/count_tokens' });
    if (res.status < 200 || res.status >= 300) throw await this.readError(res);
    const json = (await readJson(res, this.name)).json as { input_tokens?: unknown };
    if (typeof json.input_tokens !== 'number') throw new TokligenceError('api_error', `${this.name}: count_tokens answered without input_tokens`, { status: 502, provider: this.name });
    return json.input_tokens;
  }

  private async readError(res: UpstreamResponse): Promise<TokligenceError> {
    const text = await res.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the codec gets the text
    }
    const err = this.options.codec.decodeError(res.status, body, res.headers as Headers);
    return new TokligenceError(err.kind, err.message, {
      status: err.status,
      param: err.param,
      retryAfter: err.retryAfter,
      provider: this.name,
      providerType: err.providerType,
      providerMessage: err.providerMessage ?? err.message,
      requestId: err.requestId ?? res.headers.get('request-id') ?? res.headers.get('x-request-id') ?? undefined,
    });
  }
}

/** What Anthropic's count_tokens accepts besides `model`. */
const COUNT_TOKENS_FIELDS = ['messages', 'system', 'tools', 'tool_choice', 'thinking', 'mcp_servers'] as const;

async function readJson(res: UpstreamResponse, provider: string): Promise<{ json: unknown; text: string }> {
  const text = await res.text();
  try {
    return { json: JSON.parse(text), text };
  } catch {
    throw new TokligenceError('api_error', `${provider}: upstream answered with invalid JSON`, {
      status: 502,
      provider,
    });
  }
}
