/** `TokligenceLanguageModel`: a LanguageModelV3 (ai@6, also accepted by ai@7) over a Tokligence gateway. */
import {
  APICallError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3GenerateResult,
  type LanguageModelV3StreamPart,
  type LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import type { ChatEvent, ChatRequest } from '../../core/types.js';
import type { Transport } from '../shared/transport.js';
import { convertCallOptions } from './convert-prompt.js';
import { mapFinishReason, mapUsage, responseContent, StreamPartMapper } from './convert-response.js';

export interface TokligenceLanguageModelConfig {
  /** Provider name reported to the SDK (default `tokligence`). */
  provider: string;
  transport: () => Transport;
}

export class TokligenceLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3' as const;
  readonly provider: string;
  readonly modelId: string;
  /** Image URLs go to the gateway as URLs (providers that need bytes fetch them there); the SDK downloads the rest. */
  readonly supportedUrls: Record<string, RegExp[]> = { 'image/*': [/^https?:\/\/.+$/] };

  constructor(
    modelId: string,
    private readonly config: TokligenceLanguageModelConfig,
  ) {
    this.modelId = modelId;
    this.provider = config.provider;
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { request, warnings } = this.prepare(options);
    const transport = this.config.transport();
    try {
      const response = await transport.generate(request, { signal: options.abortSignal, headers: definedHeaders(options.headers) });
      return {
        content: responseContent(response),
        finishReason: mapFinishReason(response.finishReason, response.rawFinishReason),
        usage: mapUsage(response.usage),
        request: { body: request },
        response: { id: response.id, modelId: response.model, timestamp: response.created ? new Date(response.created * 1000) : new Date() },
        ...(response.provider ? { providerMetadata: { tokligence: { provider: response.provider } } } : {}),
        warnings,
      };
    } catch (err) {
      throw toAPICallError(err, transport.url, request);
    }
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const { request, warnings } = this.prepare(options);
    const transport = this.config.transport();
    let events: AsyncIterable<ChatEvent>;
    try {
      events = await transport.stream({ ...request, stream: true }, { signal: options.abortSignal, headers: definedHeaders(options.headers) });
    } catch (err) {
      throw toAPICallError(err, transport.url, request);
    }
    const iterator = events[Symbol.asyncIterator]();
    const mapper = new StreamPartMapper();
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        controller.enqueue({ type: 'stream-start', warnings });
      },
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) {
            controller.close();
            return;
          }
          for (const part of mapper.map(next.value)) controller.enqueue(part);
        } catch (err) {
          controller.enqueue({ type: 'error', error: toAPICallError(err, transport.url, request) });
          controller.close();
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    });
    return { stream, request: { body: request } };
  }

  private prepare(options: LanguageModelV3CallOptions): { request: ChatRequest; warnings: ReturnType<typeof convertCallOptions>['warnings'] } {
    try {
      return convertCallOptions(this.modelId, options);
    } catch (err) {
      throw toAPICallError(err, 'tokligence://prompt', options.prompt);
    }
  }
}

function definedHeaders(h: Record<string, string | undefined> | undefined): Record<string, string> | undefined {
  if (!h) return undefined;
  const out = Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined));
  return Object.keys(out).length ? out : undefined;
}

/**
 * A gateway error as the SDK's APICallError (status, retryability, Retry-After), so `maxRetries`,
 * `onError` and UIs behave as with first-party providers. Aborts stay aborts.
 */
export function toAPICallError(err: unknown, url: string, requestBodyValues: unknown): unknown {
  if (APICallError.isInstance(err)) return err;
  const e = err as { name?: string; kind?: string; status?: number; retryable?: boolean; retryAfter?: number; param?: string; provider?: string; message?: string };
  if (e?.name === 'AbortError' || e?.kind === 'aborted') return err;
  if (typeof e?.kind !== 'string') return err;
  return new APICallError({
    message: e.message ?? 'gateway error',
    url,
    requestBodyValues,
    statusCode: e.status,
    isRetryable: e.retryable === true,
    ...(e.retryAfter !== undefined ? { responseHeaders: { 'retry-after': String(e.retryAfter) } } : {}),
    data: { kind: e.kind, param: e.param, provider: e.provider },
    cause: err,
  });
}
