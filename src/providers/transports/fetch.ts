import { transportError } from './errors.js';
import type { HttpTransportOptions, Transport, TransportRequest, UpstreamResponse } from './types.js';

/**
 * The runtime's own `fetch`, for runtimes without undici (Bun, Deno, workerd, …): chosen
 * automatically there (`httpTransport`), or on Node with a provider's `transport: fetch`. Timeouts
 * follow the undici transport's: `timeoutMs` for the answer's headers, then for each silence
 * between body chunks (a long stream that keeps talking is not cut). Link-local and metadata
 * addresses are refused at config time; the connect-time DNS check needs Node's resolver, so it
 * is the undici transport's alone.
 */
export class FetchTransport implements Transport {
  private readonly base: string;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: HttpTransportOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.headers = { 'content-type': 'application/json', ...options.headers };
  }

  async send(request: TransportRequest): Promise<UpstreamResponse> {
    const { provider, timeoutMs } = this.options;
    const controller = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    };
    const onAbort = () => controller.abort();
    const caller = request.signal;
    if (caller?.aborted) controller.abort();
    else caller?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    };
    const fail = (err: unknown) => transportError(timedOut ? new Error('timeout') : err, provider, timedOut, timeoutMs);

    arm();
    let res: Response;
    try {
      res = await fetch(this.base + (request.path ?? this.options.path(request)), {
        method: 'POST',
        headers: { ...this.headers, accept: request.stream ? 'text/event-stream' : 'application/json', ...request.headers },
        body: JSON.stringify(request.body),
        signal: controller.signal,
        // An upstream's redirect is its answer, not somewhere else to send the key.
        redirect: 'manual',
      });
    } catch (err) {
      done();
      throw fail(err);
    }
    arm();
    const stream = res.body;
    let used = false;
    return {
      status: res.status,
      headers: { get: (name) => res.headers.get(name) },
      body: {
        [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
          used = true;
          const reader = stream?.getReader();
          return {
            async next() {
              if (!reader) {
                done();
                return { done: true, value: undefined };
              }
              try {
                const r = await reader.read();
                if (r.done) done();
                else arm();
                return r.done ? { done: true, value: undefined } : { done: false, value: r.value };
              } catch (err) {
                done();
                throw fail(err);
              }
            },
            async return() {
              done();
              reader?.cancel().catch(() => {});
              return { done: true, value: undefined };
            },
          };
        },
      },
      text: async () => {
        if (used) throw new Error('the upstream body was already read');
        used = true;
        try {
          return await res.text();
        } catch (err) {
          throw fail(err);
        } finally {
          done();
        }
      },
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
