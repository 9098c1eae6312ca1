/**
 * `TokligenceChatModel`: a LangChain chat model over a Tokligence gateway, in-process or over HTTP.
 * Everything LangChain-specific is a mapping to and from the canonical model; routing, fallback
 * chains, guards and accounting stay in the gateway.
 */
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseLanguageModelInput, StructuredOutputMethodOptions } from '@langchain/core/language_models/base';
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
  type LangSmithParams,
} from '@langchain/core/language_models/chat_models';
import type { ModelProfile } from '@langchain/core/language_models/profile';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { ChatGenerationChunk, ChatResult } from '@langchain/core/outputs';
import { type Runnable, RunnableLambda } from '@langchain/core/runnables';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import type { TokligenceOptions } from '../../runtime/index.js';
import type { ChatEvent, ChatRequest, ReasoningEffort, ResponseFormat } from '../../core/types.js';
import { createTransport, defaultClient, type GatewayOptions, isRetryable, type TokligenceLike, type Transport } from '../shared/transport.js';
import { convertMessages } from './convert-messages.js';
import { ChunkMapper, responseToMessage } from './convert-response.js';
import { type OpenAIFunctionTool, toCanonicalToolChoice, toCanonicalTools, toOpenAITool } from './convert-tools.js';

/** Per-call options: what `bindTools`, agents and `invoke(…, options)` may set. */
export interface TokligenceChatModelCallOptions extends BaseChatModelCallOptions {
  tools?: Array<OpenAIFunctionTool | BindToolsInput>;
  /** 'auto' | 'none' | 'any' | 'required' | a tool name | an OpenAI tool_choice object. */
  tool_choice?: BaseChatModelCallOptions['tool_choice'];
  parallel_tool_calls?: boolean;
  /** OpenAI-style `response_format` (`json_object` or `json_schema`). */
  response_format?: Record<string, unknown>;
  /** Extra headers for this call (forwarded to a same-dialect upstream, or sent to `baseURL`). */
  headers?: Record<string, string>;
}

export interface TokligenceChatModelFields extends BaseChatModelParams {
  /** A model name or alias the gateway resolves (`smart`, `anthropic/claude-sonnet-4-5`, `gpt-4.1`). */
  model: string;
  /** Model(s) to try, in order, when the call fails with a retryable error (429, 5xx, overloaded, timeout). */
  fallbackModel?: string | string[];
  /** An in-process gateway. Default: a `new Tokligence(tokligence)` made on first use. */
  client?: TokligenceLike;
  /** Options for the default in-process gateway (ignored with `client` or `baseURL`). */
  tokligence?: TokligenceOptions;
  /** A Tokligence server instead (its OpenAI-compatible base, e.g. `http://localhost:8081/v1`). */
  baseURL?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  /** Top-k sampling (Anthropic, Gemini; dropped, with the rest of the drop table, elsewhere). */
  topK?: number;
  stop?: string[];
  seed?: number;
  reasoningEffort?: ReasoningEffort;
  /** Extended thinking with this many budget tokens (Anthropic `thinking.budget_tokens`). */
  thinkingBudget?: number;
  /** End-user id, sent as `metadata.user`. */
  user?: string;
  /** Override the capability profile `createAgent` reads. */
  profile?: ModelProfile;
}

/**
 * A LangChain chat model backed by Tokligence.
 *
 * @example
 * ```ts
 * const model = new TokligenceChatModel({ model: 'gpt-4-turbo', fallbackModel: 'claude-3-opus-20240229' });
 * const agent = createAgent({ model, tools: [getWeather] });
 * ```
 */
export class TokligenceChatModel extends BaseChatModel<TokligenceChatModelCallOptions, AIMessageChunk> {
  static override lc_name(): string {
    return 'TokligenceChatModel';
  }

  model: string;
  fallbackModel: string[];
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  seed?: number;
  reasoningEffort?: ReasoningEffort;
  thinkingBudget?: number;
  user?: string;
  private readonly gateway: GatewayOptions;
  private readonly tokligenceOptions?: TokligenceOptions;
  private readonly profileOverride?: ModelProfile;
  private transport?: Transport;

  constructor(fields: TokligenceChatModelFields) {
    super(fields);
    this.model = fields.model;
    this.fallbackModel = fields.fallbackModel === undefined ? [] : Array.isArray(fields.fallbackModel) ? fields.fallbackModel : [fields.fallbackModel];
    this.temperature = fields.temperature;
    this.maxTokens = fields.maxTokens;
    this.topP = fields.topP;
    this.topK = fields.topK;
    this.thinkingBudget = fields.thinkingBudget;
    this.stop = fields.stop;
    this.seed = fields.seed;
    this.reasoningEffort = fields.reasoningEffort;
    this.user = fields.user;
    this.gateway = { client: fields.client, baseURL: fields.baseURL, apiKey: fields.apiKey, headers: fields.headers, fetch: fields.fetch };
    this.tokligenceOptions = fields.tokligence;
    this.profileOverride = fields.profile;
  }

  _llmType(): string {
    return 'tokligence';
  }

  /** What `createAgent` reads: tool calling yes; structured output through a tool (works on every provider). */
  override get profile(): ModelProfile {
    return {
      toolCalling: true,
      toolChoice: true,
      structuredOutput: false,
      imageInputs: true,
      imageUrlInputs: true,
      reasoningOutput: true,
      ...this.profileOverride,
    };
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<TokligenceChatModelCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, TokligenceChatModelCallOptions> {
    return this.withConfig({ tools: tools.map(toOpenAITool), ...kwargs } as Partial<TokligenceChatModelCallOptions>);
  }

  override invocationParams(options?: this['ParsedCallOptions']): Record<string, unknown> {
    return {
      model: this.model,
      ...(this.fallbackModel.length ? { fallback_model: this.fallbackModel } : {}),
      temperature: this.temperature,
      max_tokens: this.maxTokens,
      top_p: this.topP,
      top_k: this.topK,
      tool_choice: options?.tool_choice,
    };
  }

  override getLsParams(options: this['ParsedCallOptions']): LangSmithParams {
    return {
      ls_provider: 'tokligence',
      ls_model_name: this.model,
      ls_model_type: 'chat',
      ls_temperature: this.temperature,
      ls_max_tokens: this.maxTokens,
      ls_stop: options.stop ?? this.stop,
    };
  }

  /** The canonical request for these messages and call options (exposed for tests and debugging). */
  toRequest(messages: BaseMessage[], options: Partial<TokligenceChatModelCallOptions> = {}): ChatRequest {
    const { system, messages: turns } = convertMessages(messages);
    const request: ChatRequest = { model: this.model, messages: turns };
    if (system.length) request.system = system;
    const tools = (options.tools ?? []).map(toOpenAITool);
    if (tools.length) {
      request.tools = toCanonicalTools(tools);
      const choice = toCanonicalToolChoice(options.tool_choice);
      if (choice) request.toolChoice = choice;
      if (options.parallel_tool_calls !== undefined) request.parallelToolCalls = options.parallel_tool_calls;
    }
    if (this.temperature !== undefined) request.temperature = this.temperature;
    if (this.maxTokens !== undefined) request.maxTokens = this.maxTokens;
    if (this.topP !== undefined) request.topP = this.topP;
    if (this.topK !== undefined) request.topK = this.topK;
    if (this.seed !== undefined) request.seed = this.seed;
    const stop = options.stop ?? this.stop;
    if (stop?.length) request.stop = stop;
    if (this.reasoningEffort || this.thinkingBudget)
      request.reasoning = { ...(this.reasoningEffort ? { effort: this.reasoningEffort } : {}), ...(this.thinkingBudget ? { budgetTokens: this.thinkingBudget } : {}) };
    if (this.user) request.metadata = { user: this.user };
    const rf = responseFormat(options.response_format);
    if (rf) request.responseFormat = rf;
    return request;
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions'], runManager?: CallbackManagerForLLMRun): Promise<ChatResult> {
    const request = this.toRequest(messages, options);
    const response = await this.withFallback((model) =>
      this.getTransport().generate({ ...request, model }, { signal: options.signal, headers: options.headers }),
    );
    const message = responseToMessage(response);
    const text = typeof message.content === 'string' ? message.content : '';
    if (text) await runManager?.handleLLMNewToken(text);
    return {
      generations: [{ text, message, generationInfo: { finish_reason: message.response_metadata.finish_reason } }],
      llmOutput: { tokenUsage: message.usage_metadata, model: response.model },
    };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const request = this.toRequest(messages, options);
    // Fall back only before the first event reaches the caller: never two half answers.
    const { first, rest } = await this.withFallback(async (model) => {
      const events = await this.getTransport().stream({ ...request, model, stream: true }, { signal: options.signal, headers: options.headers });
      const it = events[Symbol.asyncIterator]();
      return { first: await it.next(), rest: it };
    });
    const mapper = new ChunkMapper();
    let next: IteratorResult<ChatEvent> = first;
    while (!next.done) {
      const chunk = mapper.map(next.value);
      if (chunk) {
        yield chunk;
        await runManager?.handleLLMNewToken(chunk.text, undefined, undefined, undefined, undefined, { chunk });
      }
      next = await rest.next();
    }
  }

  /**
   * Structured output. `functionCalling` (default) forces one tool call and returns its arguments;
   * `jsonSchema` / `jsonMode` ask for JSON text via `response_format`. Zod schemas validate the result.
   */
  // biome-ignore lint/suspicious/noExplicitAny: LangChain's overloads (zod 3, zod 4, JSON schema) collapse here.
  override withStructuredOutput(outputSchema: any, config?: StructuredOutputMethodOptions<boolean>): any {
    const isZod = typeof outputSchema?.safeParse === 'function' || typeof outputSchema?._def === 'object' || typeof outputSchema?._zod === 'object';
    const schema = (isZod ? toJsonSchema(outputSchema) : outputSchema) as Record<string, unknown>;
    const name = config?.name ?? (!isZod && typeof outputSchema?.name === 'string' ? outputSchema.name : 'extract');
    const parameters = (!isZod && schema.parameters && typeof schema.parameters === 'object' ? schema.parameters : schema) as Record<string, unknown>;
    const description = (schema.description as string | undefined) ?? 'Return the answer in this shape.';
    const method = config?.method ?? 'functionCalling';
    const validate = (value: unknown) => (isZod ? outputSchema.parse(value) : value);

    let llm: Runnable<BaseLanguageModelInput, AIMessageChunk>;
    let parse: (m: AIMessageChunk) => unknown;
    if (method === 'jsonSchema' || method === 'jsonMode') {
      const response_format =
        method === 'jsonMode' ? { type: 'json_object' } : { type: 'json_schema', json_schema: { name, description, schema: parameters, strict: config?.strict } };
      llm = this.withConfig({ response_format } as Partial<TokligenceChatModelCallOptions>);
      parse = (m) => validate(JSON.parse(typeof m.content === 'string' ? m.content : m.text));
    } else {
      const tool: OpenAIFunctionTool = { type: 'function', function: { name, description, parameters, ...(config?.strict ? { strict: true } : {}) } };
      llm = this.bindTools([tool], { tool_choice: name });
      parse = (m) => {
        const call = m.tool_calls?.find((c) => c.name === name);
        if (!call) throw new Error(`No tool call named "${name}" in the response.`);
        return validate(call.args);
      };
    }
    return RunnableLambda.from(async (input: BaseLanguageModelInput, runConfig) => {
      const raw = (await llm.invoke(input, runConfig)) as AIMessageChunk;
      if (!config?.includeRaw) return parse(raw);
      try {
        return { raw, parsed: parse(raw) };
      } catch (parsingError) {
        return { raw, parsed: null, parsingError };
      }
    }).withConfig({ runName: 'StructuredOutput' });
  }

  private getTransport(): Transport {
    if (!this.transport) {
      const gateway = this.gateway.client || this.gateway.baseURL ? this.gateway : { ...this.gateway, client: defaultClient(this.tokligenceOptions) };
      this.transport = createTransport(gateway);
    }
    return this.transport;
  }

  /** Run `attempt` with the model, then each fallback model while the failure is retryable. */
  private async withFallback<T>(attempt: (model: string) => Promise<T>): Promise<T> {
    const models = [this.model, ...this.fallbackModel];
    let lastError: unknown;
    for (const [i, model] of models.entries()) {
      try {
        return await attempt(model);
      } catch (err) {
        lastError = err;
        if (i === models.length - 1 || !isRetryable(err)) throw err;
      }
    }
    throw lastError;
  }
}


/** OpenAI `response_format` → canonical. */
function responseFormat(rf: Record<string, unknown> | undefined): ResponseFormat | undefined {
  if (!rf) return undefined;
  if (rf.type === 'json_object') return { type: 'json_object' };
  if (rf.type === 'json_schema') {
    const js = (rf.json_schema ?? {}) as Record<string, unknown>;
    return {
      type: 'json_schema',
      name: js.name as string | undefined,
      description: js.description as string | undefined,
      schema: (js.schema ?? {}) as Record<string, unknown>,
      ...(typeof js.strict === 'boolean' ? { strict: js.strict } : {}),
    };
  }
  return undefined;
}
