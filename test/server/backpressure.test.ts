/**
 * Backpressure over real sockets: a caller that stops reading stops the gateway reading the
 * upstream, so the upstream stalls instead of the gateway buffering the whole answer in memory.
 */
import { createServer as createHttpServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';

/** An OpenAI-chat upstream that streams `total` bytes of content as fast as its socket takes them. */
async function floodingUpstream(total: number): Promise<{ url: string; written: () => number; close: () => Promise<void> }> {
  let written = 0;
  const piece = 'x'.repeat(1000);
  const frame = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`;
  const server: Server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`);
      const pump = () => {
        while (written < total && !res.destroyed) {
          written += frame.length;
          if (!res.write(frame)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end('data: [DONE]\n\n');
      };
      pump();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    written: () => written,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('backpressure', () => {
  it.each([
    ['translated (OpenAI upstream → Anthropic caller)', '/v1/messages', { model: 'up/m', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] }],
    ['passed through (OpenAI → OpenAI)', '/v1/chat/completions', { model: 'up/m', stream: true, messages: [{ role: 'user', content: 'hi' }] }],
  ])('%s: a caller that stops reading stalls the upstream', async (_label, path, body) => {
    const total = 400 * 2 ** 20;
    const up = await floodingUpstream(total);
    closers.push(up.close);
    const tk = new Tokligence({ env: {}, configFile: false, providers: { up: { type: 'openai-compatible', baseUrl: `${up.url}/v1` } } } as never);
    const gateway = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
    closers.push(() => gateway.close(0));

    const received = await new Promise<number>((resolve, reject) => {
      const req = request(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => {
          n += c.length;
          if (n > 2 ** 20) {
            // Read a little, then stop reading for a while.
            res.pause();
            res.removeAllListeners('data');
            setTimeout(() => {
              resolve(n);
              req.destroy();
            }, 1500);
          }
        });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end(JSON.stringify(body));
    });
    expect(received).toBeGreaterThan(2 ** 20);
    // While the caller did not read, the upstream got only as far as the buffers between it and
    // the caller (kernel socket buffers, a few MB each on loopback), nowhere near all of it.
    expect(up.written()).toBeLessThan(64 * 2 ** 20);
  }, 30_000);
});
