import { TokligenceError } from '../core/errors.js';
import { type HandlerDeps, handle } from './handler.js';

/** A web-standard fetch handler: Request in, Response out (Node 18+, Bun, Deno, Workers, Lambda). */
export function createFetchHandler(deps: HandlerDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const answer = await handle(deps, {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      signal: request.signal,
      readBody: (limit) => readLimited(request, limit),
    });
    const body = answer.body;
    if (body === undefined || typeof body === 'string') return new Response(body ?? null, { status: answer.status, headers: answer.headers });
    const encoder = new TextEncoder();
    const iterator = body[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
      },
      async cancel() {
        await iterator.return?.();
      },
    });
    return new Response(stream, { status: answer.status, headers: answer.headers });
  };
}

async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function tooLarge(limit: number): TokligenceError {
  return new TokligenceError('request_too_large', `Request body is larger than the limit of ${limit} bytes (gateway.max_body_bytes)`);
}
