import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake upstream received, exactly as it came over HTTP. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  rawBody: string;
  body: unknown;
  /** True when the client went away before the answer was complete. */
  clientClosed?: boolean;
}

/** How the fake answers one request. */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body. */
  json?: unknown;
  /** Raw SSE (or any text) body, written in these pieces with a flush between them. */
  chunks?: string[];
  /** Delay before the status line, in ms. */
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** Delay between chunks, in ms. */
  chunkDelayMs?: number;
}

/**
 * Checks a request the way the real API would; returns problems (empty when valid). When it finds
 * any, the fake answers 400 with them, so a test fails the way production would.
 */
export type WireValidator = (body: unknown, req: RecordedRequest) => string[];

export type FakeHandler = (req: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeUpstream {
  url: string;
  requests: RecordedRequest[];
  /** Answers to give, in order; when empty, `handler` answers. */
  replies: FakeReply[];
  handler?: FakeHandler;
  validator?: WireValidator;
  /** Body to answer validation failures with (dialect error shape). */
  validationError?: (problems: string[]) => unknown;
  close(): Promise<void>;
}

/** Start a fake provider on 127.0.0.1 with a random port. */
export async function startFakeUpstream(options: Partial<Pick<FakeUpstream, 'handler' | 'validator' | 'validationError'>> = {}): Promise<FakeUpstream> {
  const fake: FakeUpstream = {
    url: '',
    requests: [],
    replies: [],
    ...options,
    close: async () => {},
  };
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const parts: Buffer[] = [];
    for await (const c of req) parts.push(c as Buffer);
    const rawBody = Buffer.concat(parts).toString('utf8');
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = rawBody;
    }
    const recorded: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, rawBody, body };
    fake.requests.push(recorded);
    const problems = fake.validator ? fake.validator(body, recorded) : [];
    let reply: FakeReply;
    if (problems.length > 0) {
      reply = {
        status: 400,
        json: fake.validationError
          ? fake.validationError(problems)
          : { error: { message: problems.join('; '), type: 'invalid_request_error' } },
      };
    } else {
      const next = fake.replies.shift();
      reply = next ?? (fake.handler ? await fake.handler(recorded) : { status: 500, json: { error: { message: 'fake upstream: no reply scripted' } } });
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.reset) {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      res.writeHead(reply.status ?? 200, headers);
      res.end(JSON.stringify(reply.json));
      return;
    }
    headers['content-type'] ??= 'text/event-stream';
    res.writeHead(reply.status ?? 200, headers);
    res.on('close', () => {
      if (!res.writableFinished) recorded.clientClosed = true;
    });
    for (const chunk of reply.chunks ?? []) {
      if (res.destroyed) break;
      res.write(chunk);
      await new Promise((r) => (reply.chunkDelayMs ? setTimeout(r, reply.chunkDelayMs) : setImmediate(r)));
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** Frame events as SSE text, one string per event (`event:` line only when given). */
export function sseFrames(events: Array<{ event?: string; data: unknown }>): string[] {
  return events.map((e) => {
    const data = typeof e.data === 'string' ? e.data : JSON.stringify(e.data);
    return e.event ? `event: ${e.event}\ndata: ${data}\n\n` : `data: ${data}\n\n`;
  });
}

/** Re-cut a list of chunks at the given byte offsets (for random re-chunking property tests). */
export function rechunk(chunks: string[], cuts: number[]): string[] {
  const text = chunks.join('');
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(text.length, c))))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) {
    if (p > last) out.push(text.slice(last, p));
    last = p;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
