import { ConnectionError, TimeoutError } from '../../core/errors.js';
import type { Transport, TransportRequest } from './types.js';

export interface FetchTransportOptions {
  /** The URL for a request (Gemini puts model and stream mode in the path). */
  url: (request: TransportRequest) => string;
  headers: Record<string, string>;
  timeoutMs: number;
  provider: string;
}

/** Plain `fetch` (undici keep-alive pool) for OpenAI-compatible servers and Gemini. */
export class FetchTransport implements Transport {
  constructor(private readonly options: FetchTransportOptions) {}

  async send(request: TransportRequest): Promise<Response> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      return await fetch(this.options.url(request), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: request.stream ? 'text/event-stream' : 'application/json',
          ...this.options.headers,
          ...request.headers,
        },
        body: JSON.stringify(request.body),
        signal,
      });
    } catch (err) {
      throw transportError(err, this.options.provider, timeout.aborted, this.options.timeoutMs);
    }
  }
}

/** A transport failure as a retryable TokligenceError (an abort by the caller stays an abort). */
export function transportError(err: unknown, provider: string, timedOut: boolean, timeoutMs: number): Error {
  if (timedOut) return new TimeoutError(`${provider}: no answer within ${timeoutMs / 1000}s`, { provider, cause: err });
  if (err instanceof Error && err.name === 'AbortError') return err;
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  const message = err instanceof Error ? err.message : String(err);
  return new ConnectionError(`${provider}: could not reach the upstream (${message}${cause})`, { provider, cause: err });
}
