import type { ChatRequest } from '../core/types.js';
import { openaiChatCodec } from '../dialects/openai-chat/index.js';
import { responsesCodec } from '../dialects/responses/index.js';
import type { DialectCodec } from '../core/contracts/index.js';
import { DialectProvider } from './dialect-provider.js';
import type { Transport } from './transports/types.js';
import type { ChatResult, Provider, ProviderCallOptions } from '../core/contracts/index.js';

export interface OpenAIProviderOptions {
  name: string;
  models?: string[];
  /** The transport for each of OpenAI's two endpoints. */
  transport: (endpoint: 'chat' | 'responses') => Transport;
}

/**
 * OpenAI itself speaks two dialects: chat completions and responses. A Responses caller goes to
 * `/v1/responses` (pass-through, reasoning items and encrypted content intact); everyone else to
 * `/v1/chat/completions`.
 */
export class OpenAIProvider implements Provider {
  readonly name: string;
  readonly type = 'openai' as const;
  readonly dialects = ['openai-chat', 'responses'] as const;
  private readonly chatApi: DialectProvider;
  private readonly responsesApi: DialectProvider;

  constructor(private readonly options: OpenAIProviderOptions) {
    this.name = options.name;
    const make = (codec: DialectCodec, endpoint: 'chat' | 'responses') =>
      new DialectProvider({
        name: options.name,
        type: 'openai',
        codec,
        models: options.models,
        transport: options.transport(endpoint),
      });
    this.chatApi = make(openaiChatCodec as DialectCodec, 'chat');
    this.responsesApi = make(responsesCodec as DialectCodec, 'responses');
  }

  models(): string[] {
    return this.options.models ?? [];
  }

  chat(request: ChatRequest, call: ProviderCallOptions): Promise<ChatResult> {
    const useResponses = call.passthrough?.dialect === 'responses' || request.extensions?.responses !== undefined;
    return (useResponses ? this.responsesApi : this.chatApi).chat(request, call);
  }
}
