import type Anthropic from '@anthropic-ai/sdk';
import type { Transport, TransportRequest, UpstreamResponse } from './types.js';
import { asResponse, callSdk } from './sdk-call.js';

export interface AnthropicSdkTransportOptions {
  apiKey: string;
  baseURL?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  provider: string;
}

/** The official `@anthropic-ai/sdk` as transport, retries off, loaded lazily. */
export class AnthropicSdkTransport implements Transport {
  private client?: Promise<Anthropic>;

  constructor(private readonly options: AnthropicSdkTransportOptions) {}

  private getClient(): Promise<Anthropic> {
    this.client ??= import('@anthropic-ai/sdk').then(
      ({ default: AnthropicClient }) =>
        new AnthropicClient({
          apiKey: this.options.apiKey,
          baseURL: this.options.baseURL,
          defaultHeaders: this.options.headers,
          maxRetries: 0,
          // The gateway logs for itself; an SDK must not print to the host app's console.
          logLevel: 'off',
          // An explicit timeout also stops the SDK refusing large non-streaming max_tokens.
          timeout: this.options.timeoutMs,
        }),
    );
    return this.client;
  }

  async send(request: TransportRequest): Promise<UpstreamResponse> {
    const client = await this.getClient();
    const sdk = await import('@anthropic-ai/sdk');
    return callSdk(
      // The generic `post` sends the body as given: `messages.create` would strip fields and print
      // deprecation warnings to the host app's console.
      () => asResponse(client.post(request.path ?? '/v1/messages', { body: request.body, stream: request.stream, signal: request.signal, headers: request.headers })),
      sdk,
      (error, message) => error ?? { type: 'error', error: { type: 'api_error', message } },
      this.options.provider,
      this.options.timeoutMs,
    );
  }
}
