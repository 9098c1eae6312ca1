import type OpenAI from 'openai';
import type { Transport, TransportRequest, UpstreamResponse } from './types.js';
import { asResponse, callSdk } from './sdk-call.js';

export interface OpenAISdkTransportOptions {
  apiKey: string;
  baseURL?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  provider: string;
  /** Which endpoint the encoded body is for. */
  endpoint: 'chat' | 'responses';
}

/**
 * The official `openai` SDK as transport: its auth, headers and connection handling, with its own
 * retries off (the router is the only retry loop). Loaded lazily so the core starts fast.
 */
export class OpenAISdkTransport implements Transport {
  private client?: Promise<OpenAI>;

  constructor(private readonly options: OpenAISdkTransportOptions) {}

  private getClient(): Promise<OpenAI> {
    this.client ??= import('openai').then(
      ({ default: OpenAIClient }) =>
        new OpenAIClient({
          apiKey: this.options.apiKey,
          baseURL: this.options.baseURL,
          defaultHeaders: this.options.headers,
          maxRetries: 0,
          // The gateway logs for itself; an SDK must not print to the host app's console.
          logLevel: 'off',
          timeout: this.options.timeoutMs,
        }),
    );
    return this.client;
  }

  async send(request: TransportRequest): Promise<UpstreamResponse> {
    const client = await this.getClient();
    const sdk = await import('openai');
    // The generic `post` sends the body as given: no client-side field rewriting or warnings.
    const path = this.options.endpoint === 'responses' ? '/responses' : '/chat/completions';
    return callSdk(
      () => asResponse(client.post(path, { body: request.body, stream: request.stream, signal: request.signal, headers: request.headers })),
      sdk,
      (error, message) => ({ error: error ?? { message } }),
      this.options.provider,
      this.options.timeoutMs,
    );
  }
}
