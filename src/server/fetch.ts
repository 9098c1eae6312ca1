import { type BodyLease, SMALL_BODY } from './body-budget.js';
import { type HandlerDeps, handle } from './handler.js';
import { BodyCollector, nextHold, tooLarge } from './read-body.js';

/** A web-standard fetch handler: Request in, Response out (Node 18+, Bun, Deno, Workers, Lambda). */
export function createFetchHandler(deps: HandlerDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const lease = deps.bodyBudget?.lease();
    const answer = await handle(deps, {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      signal: request.signal,
      readBody: (limit) => readLimited(request, limit, lease),
      releaseBody: lease?.release,
    }).finally(() => lease?.release());
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

async function readLimited(request: Request, limit: number, lease: BodyLease | undefined): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0') || 0;
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return '';
  if (lease && declared > SMALL_BODY) await lease.grow(declared);
  const body = new BodyCollector(limit, declared);
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    try {
      body.add(value);
      if (body.needsMore(lease)) await lease?.grow(nextHold(body.size, lease.held, limit));
    } catch (err) {
      await reader.cancel().catch(() => {});
      throw err;
    }
  }
  return body.text();
}
