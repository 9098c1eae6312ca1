import type OpenAI from 'openai';
import type { Transport, TransportRequest } from './types.js';
import { transportError } from './fetch.js';

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

  async send(request: TransportRequest): Promise<Response> {
    const client = await this.getClient();
    const { APIError, APIConnectionTimeoutError, APIUserAbortError } = await import('openai');
    const opts = { signal: request.signal, headers: request.headers };
    try {
      const body = request.body as never;
      const call =
        this.options.endpoint === 'responses'
          ? client.responses.create(body, opts)
          : client.chat.completions.create(body, opts);
      return await (call as unknown as { asResponse(): Promise<Response> }).asResponse();
    } catch (err) {
      if (err instanceof APIUserAbortError) {
        const abort = new Error('Request was aborted');
        abort.name = 'AbortError';
        throw abort;
      }
      if (err instanceof APIError && typeof err.status === 'number') {
        // Hand the error back as the HTTP answer it was, so the codec maps it like any other.
        return new Response(JSON.stringify({ error: err.error ?? { message: err.message } }), {
          status: err.status,
          headers: err.headers as Headers,
        });
      }
      throw transportError(err, this.options.provider, err instanceof APIConnectionTimeoutError, this.options.timeoutMs);
    }
  }
}
