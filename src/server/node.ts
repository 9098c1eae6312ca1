import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeBuiltin } from '../core/node-builtins.js';
import { type BodyLease, SMALL_BODY } from './body-budget.js';
import { type HandlerDeps, handle } from './handler.js';
import { BodyCollector, nextHold, tooLarge } from './read-body.js';

/**
 * The Node listener: node:http straight into the handler, without building web Request objects
 * on the hot path. Writes respect backpressure; a client that goes away aborts the upstream call.
 */
export function createNodeListener(deps: HandlerDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const controller = new AbortController();
    const lease = deps.bodyBudget?.lease();
    res.on('close', () => {
      lease?.release();
      if (!res.writableFinished) controller.abort();
    });
    const answer = await handle(deps, {
      method: req.method ?? 'GET',
      url: requestPath(req.url),
      headers: { get: (name) => headerValue(req.headers[name]) },
      signal: controller.signal,
      readBody: (limit) => readBody(req, limit, lease),
      releaseBody: lease?.release,
    });
    const body = answer.body;
    if (body === undefined || typeof body === 'string') {
      res.writeHead(answer.status, answer.headers);
      res.end(body);
      return;
    }
    res.writeHead(answer.status, answer.headers);
    const iterator = body[Symbol.asyncIterator]();
    // The headers leave with the first chunk (the router already held the stream until its first
    // content, so that chunk is ready): one write, not two. A stream comes a batch per upstream
    // read (core/batch), each one write; whatever more is written before the pending promise jobs
    // run out (an unbatched stream's events, a ping) is corked into the same write.
    let corked = false;
    const uncork = () => {
      corked = false;
      res.uncork();
    };
    try {
      for (;;) {
        // Backpressure: a write filled the socket's buffer.
        if (res.writableNeedDrain) await drainOrClose(res);
        if (controller.signal.aborted) break;
        const next = await iterator.next();
        if (next.done) break;
        if (!corked) {
          corked = true;
          res.cork();
          process.nextTick(uncork);
        }
        res.write(next.value);
      }
    } finally {
      await iterator.return?.();
      res.end();
    }
  };
}

/** What the URL parser would rewrite: escapes, characters it percent-encodes, dot segments. */
const UNUSUAL_TARGET = /[^\x21-\x7e]|[%\\#"<>`{}]|\/\.\.?(?:[/?]|$)/;

/**
 * The request's path and query string. An origin-form target (`/v1/messages?beta=true`, what every client sends)
 * is split by hand: `new URL` costs more than the rest of routing. Anything unusual (escapes, dot
 * segments, absolute form) goes through the URL parser.
 */
export function requestPath(target = '/'): { pathname: string; search: string } {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  const search = q === -1 ? '' : target.slice(q);
  if (target.charCodeAt(0) !== 47 || target.charCodeAt(1) === 47 || UNUSUAL_TARGET.test(target))
    try {
      return new URL(target, 'http://localhost');
    } catch {
      // `//` and other targets the URL parser refuses: route the raw path (a 404), never throw.
      return { pathname: path, search };
    }
  return { pathname: path, search };
}

function headerValue(v: string | string[] | undefined): string | null {
  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
}

function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * The body as text, read only as fast as the body budget allows: a body past SMALL_BODY holds its
 * (declared, else so far) size in `lease` before more of it is read, so a burst of large bodies
 * waits in the kernel's socket buffers rather than in our memory.
 */
async function readBody(req: IncomingMessage, limit: number, lease: BodyLease | undefined): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0') || 0;
  if (declared > limit) throw tooLarge(limit);
  if (lease && declared > SMALL_BODY) await lease.grow(declared);
  const body = new BodyCollector(limit, declared);
  return new Promise((resolve, reject) => {
    const fail = (err: unknown) => {
      req.removeAllListeners('data');
      req.resume();
      reject(err);
    };
    req.on('data', (c: Buffer) => {
      try {
        body.add(c);
      } catch (err) {
        fail(err);
        return;
      }
      if (body.needsMore(lease)) {
        req.pause();
        lease?.grow(nextHold(body.size, lease.held, limit)).then(() => req.resume(), fail);
      }
    });
    req.on('end', () => resolve(body.text()));
    req.on('error', reject);
  });
}

/** Listen, and shut down gracefully: stop accepting, let in-flight calls finish up to a deadline. */
export function listen(
  listener: ReturnType<typeof createNodeListener>,
  port: number,
  host: string,
): Promise<{ server: Server; url: string; close(deadlineMs?: number): Promise<void> }> {
  // node:http through getBuiltinModule: the server entry still loads (for `fetch`) where there is none.
  const http = nodeBuiltin('http');
  if (!http) return Promise.reject(new Error("listen() needs Node's http module; on this runtime serve createServer(tk).fetch instead"));
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    void listener(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        server,
        url: `http://${shown}:${actual}`,
        close: (deadlineMs = 10_000) =>
          new Promise<void>((done) => {
            const timer = setTimeout(() => server.closeAllConnections(), deadlineMs);
            // Keep-alive sockets become idle as their last answer ends: close them as they do.
            const sweep = setInterval(() => server.closeIdleConnections(), 50);
            server.close(() => {
              clearTimeout(timer);
              clearInterval(sweep);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
