/**
 * Issue 22, item 6 — memory under hostile input. 1 MB prompts, JSON nested 10,000 levels deep and
 * arrays of 256k numbers, over real HTTP to every dialect route: each is answered (a 200, or a 400
 * naming the limit it broke, in the caller's shape), the refusals happen before anything big is
 * built from the body, and the heap is back at its baseline after a GC. RSS is measured by
 * `npm run bench:hostile` (in a process of its own; here the test runner shares the process).
 * A burst of large bodies waits for the body budget (`gateway.max_body_bytes_in_flight`) and is
 * refused as overloaded when it waits too long.
 */
import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_ROUTES, hostileBodies } from '../../bench/hostile/bodies.js';
import { checkJsonLimits, checkParsedLimits } from '../../src/core/json-limits.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';

function gc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

let tk: Tokligence;
let http: { url: string; close(ms?: number): Promise<void> };

beforeAll(async () => {
  tk = new Tokligence({ env: {}, configFile: false });
  http = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
});
afterAll(async () => {
  await http?.close(0);
  await tk?.close();
});

const post = (path: string, body: string, base = http.url) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('hostile request bodies', () => {
  it('every route answers each hostile body with a 200 or a 400 naming the limit, and the heap returns to its baseline', { timeout: 120_000 }, async () => {
    const collect = gc();
    for (let i = 0; i < 20; i++) await (await post('/v1/chat/completions', JSON.stringify({ model: 'mock-1', messages: [{ role: 'user', content: 'hi' }] }))).text();
    collect();
    const baseline = process.memoryUsage().heapUsed;

    const bodies = hostileBodies();
    const problems: string[] = [];
    let sent = 0;
    const TOTAL = 320;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (sent < TOTAL) {
          const i = sent++;
          const { label, body } = bodies[i % bodies.length]!;
          const route = HOSTILE_ROUTES[Math.floor(i / bodies.length) % HOSTILE_ROUTES.length]!;
          const res = await post(route, body);
          const text = await res.text();
          const expected = label === '1 MB prompt' ? 200 : 400;
          if (res.status !== expected) problems.push(`${route} ${label}: ${res.status} ${text.slice(0, 200)}`);
          if (label.includes('deep') && !text.includes('nested deeper than 128 levels (gateway.max_json_depth)')) problems.push(`${route} ${label}: ${text.slice(0, 200)}`);
          if (label.includes('256k') && !text.includes('more than 10000 items (gateway.max_json_items)')) problems.push(`${route} ${label}: ${text.slice(0, 200)}`);
        }
      }),
    );
    expect(problems).toEqual([]);
    collect();
    const growth = process.memoryUsage().heapUsed - baseline;
    expect(growth, `heap ${Math.round(growth / 1048576)} MB above its baseline after GC`).toBeLessThan(8 * 1048576);
  });

  it('the text scan and the parsed walk agree on the limits (strings with brackets and escaped quotes do not count)', () => {
    const limits = { maxDepth: 4, maxItems: 3 };
    const cases = [
      ['[[[[1]]]]', undefined],
      ['[[[[[1]]]]]', 'depth'],
      ['[1,2,3]', undefined],
      ['[1,2,3,4]', 'items'],
      ['{"a":1,"b":2,"c":3,"d":4}', 'items'],
      ['["[[[[[[", "\\"[[[[[[", "\\\\"]', undefined],
      ['[{"a":[1,2,3]},{"b":"]]]]"},[]]', undefined],
      ['[[1,2],[3,4],[5,6]]', undefined],
    ] as const;
    for (const [text, limit] of cases) {
      expect(checkJsonLimits(text, limits)?.limit, text).toBe(limit);
      expect(checkParsedLimits(JSON.parse(text), limits)?.limit, text).toBe(limit);
    }
  });
});

describe('the body budget', () => {
  let small: Tokligence;
  let gw: { url: string; close(ms?: number): Promise<void> };
  beforeAll(async () => {
    small = new Tokligence({ env: {}, configFile: false, gateway: { maxBodyBytesInFlight: 300 * 1024, queueTimeout: 1 } } as never);
    gw = await createServer(small, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await gw?.close(0);
    await small?.close();
  });

  it('holds a large body back while another holds the budget, and refuses it as overloaded when the wait runs out', { timeout: 30_000 }, async () => {
    const { port } = new URL(gw.url);
    const size = 200 * 1024;
    const body = JSON.stringify({ model: 'mock-1', messages: [{ role: 'user', content: 'y'.repeat(size - 80) }] });
    // The first sender declares its body and sends only half of it: its lease holds the budget.
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(`POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`);
    socket.write(body.slice(0, size / 2));
    let firstAnswer = '';
    socket.on('data', (d) => {
      firstAnswer += d;
    });
    await new Promise((r) => setTimeout(r, 100));

    const started = performance.now();
    const second = await post('/v1/chat/completions', body, gw.url).catch((err) => err as Error);
    expect(second).toBeInstanceOf(Response);
    const res = second as Response;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Too many large request bodies in flight \(gateway.max_body_bytes_in_flight\)/);
    expect(performance.now() - started).toBeGreaterThan(900);

    // The first body, finished, is answered; then the budget is free again.
    socket.write(body.slice(size / 2));
    await new Promise<void>((r) => {
      const check = () => (firstAnswer.includes('\r\n\r\n') ? r() : setTimeout(check, 20));
      check();
    });
    expect(firstAnswer).toMatch(/^HTTP\/1.1 200/);
    socket.destroy();
    const third = await post('/v1/chat/completions', body, gw.url);
    expect(third.status).toBe(200);
    await third.text();
  });
});
