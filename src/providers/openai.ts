import type { ChatRequest, DialectName } from '../core/types.js';
import { openaiChatCodec } from '../dialects/openai-chat/index.js';
import { responsesCodec } from '../dialects/responses/index.js';
import type { DialectCodec } from '../core/contracts/index.js';
import { DialectProvider } from './dialect-provider.js';
import { type OpenAIApiSetting, RESPONSES_ONLY_MODELS, responsesModels } from './openai-api.js';
import type { Transport } from './transports/types.js';
import type { ChatResult, Provider, ProviderCallOptions } from '../core/contracts/index.js';

export interface OpenAIProviderOptions {
  name: string;
  /** `openai` (default) or an `openai-compatible` vendor that has configured `api`. */
  type?: 'openai' | 'openai-compatible';
  models?: string[];
  /** The transport for each of OpenAI's two endpoints. */
  transport: (endpoint: 'chat' | 'responses') => Transport;
  /** Which OpenAI API serves each model (`providers.<name>.api`); see RESPONSES_ONLY_MODELS. */
  api?: OpenAIApiSetting;
}

/**
 * OpenAI itself speaks two dialects: chat completions and responses. On `openai`, a Responses
 * caller goes to `/v1/responses` (pass-through, reasoning items and encrypted content intact).
 * Every other caller goes to `/v1/chat/completions`, unless `api` sends its model to /responses
 * (a Responses-only model such as `gpt-5.1-codex`): then the request is translated to Responses
 * and the answer back. An `openai-compatible` vendor uses /responses only for the models `api`
 * names (many vendors have no /responses at all).
 */
export class OpenAIProvider implements Provider {
  readonly name: string;
  readonly type: 'openai' | 'openai-compatible';
  readonly dialects: readonly DialectName[];
  private readonly usesResponses: (model: string) => boolean;
  private readonly chatApi: DialectProvider;
  private readonly responsesApi: DialectProvider;

  constructor(private readonly options: OpenAIProviderOptions) {
    this.name = options.name;
    this.type = options.type ?? 'openai';
    const own = this.type === 'openai';
    this.usesResponses = responsesModels(options.api, own ? RESPONSES_ONLY_MODELS : []);
    // A vendor's /responses is used only for the models `api` names: Responses callers are not
    // passed through to it wholesale unless every model goes there.
    this.dialects = own || options.api === 'responses' ? ['openai-chat', 'responses'] : ['openai-chat'];
    const make = (codec: DialectCodec, endpoint: 'chat' | 'responses') =>
      new DialectProvider({
        name: options.name,
        type: this.type,
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
    const responsesCaller = this.dialects.includes('responses') && (call.passthrough?.dialect === 'responses' || request.extensions?.responses !== undefined);
    const useResponses = responsesCaller || this.usesResponses(call.model);
    return (useResponses ? this.responsesApi : this.chatApi).chat(request, call);
  }
}
