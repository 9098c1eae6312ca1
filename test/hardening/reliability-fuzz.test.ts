/**
 * Issue 7, item 6 — inbound fuzzing. At least 10,000 generated malformed requests per route, against
 * the real server over the built-in mock provider: bad JSON, wrong types, huge strings and arrays,
 * 10k-deep nesting, invalid UTF-8, unknown fields, wrong content types, empty bodies, arrays
 * instead of objects, out-of-range numbers, NaN-like strings. Every answer must be a 4xx in the
 * caller's dialect error shape (or a 200 when the body happens to be valid), never a 5xx, never an
 * internal error logged, no crash, and the heap back near its baseline afterwards.
 *
 * Most cases go through the web fetch handler in-process (fast); a few thousand go over real HTTP
 * through the Node listener. Seeds are fixed; a failure prints route, seed, index and the damage,
 * and `fuzzCase(route, seed, i)` rebuilds that exact body.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import type { Logger } from '../../src/server/logger.js';
import { FUZZ_ROUTES, type FuzzCase, type FuzzRoute, fuzzCase } from './fuzz-bodies.js';

const PER_ROUTE = Number(process.env.FUZZ_PER_ROUTE ?? 10_000);
const OVER_HTTP = Number(process.env.FUZZ_OVER_HTTP ?? 500);
const SEED = Number(process.env.FUZZ_SEED ?? 7);

/** Force a full GC (V8 allows exposing it at runtime, also in a worker thread). */
function gc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const problems: string[] = [];
const internalLogs: string[] = [];
const logger: Logger = {
  log(level, msg, fields) {
    if (level === 'error') internalLogs.push(`${msg} ${JSON.stringify(fields ?? {}).slice(0, 300)}`);
  },
} as Logger;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let tk: Tokligence;
let server: ReturnType<typeof createServer>;
let http: { url: string; close(ms?: number): Promise<void> };

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  tk = new Tokligence({ env: {}, configFile: false, gateway: { maxBodyBytes: 4 * 1024 * 1024 } } as never);
  server = createServer(tk, { logger, pingIntervalMs: 0 });
  http = await server.listen(0, '127.0.0.1');
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  await http?.close(0);
  await tk?.close();
});

/** The error envelope a caller of `route` expects. */
function checkErrorShape(route: FuzzRoute, body: unknown): string | undefined {
  const b = body as { type?: unknown; error?: { type?: unknown; message?: unknown } };
  if (route.startsWith('/v1/messages')) {
    if (b?.type !== 'error' || typeof b.error?.type !== 'string' || typeof b.error?.message !== 'string') return 'not an Anthropic error envelope';
  } else if (typeof b?.error?.message !== 'string' || typeof b.error?.type !== 'string') return 'not an OpenAI error envelope';
  return undefined;
}

/** Check one answer; returns a problem or undefined. Reads the whole body (streams included). */
async function check(route: FuzzRoute, res: Response): Promise<string | undefined> {
  const text = await res.text();
  if (res.status >= 500) return `status ${res.status}: ${text.slice(0, 200)}`;
  if (res.status === 200) {
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      // The mock never fails: any error frame in a 200 stream is ours.
      if (/^event: error$/m.test(text) || /"error":\{/.test(text)) return `error frame in a 200 stream: ${text.slice(0, 200)}`;
      return undefined;
    }
    try {
      JSON.parse(text);
    } catch {
      return `200 with a non-JSON body: ${text.slice(0, 100)}`;
    }
    return undefined;
  }
  if (res.status < 400) return `status ${res.status}`;
  if (!(res.headers.get('content-type') ?? '').includes('application/json')) return `${res.status} without a JSON content type`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${res.status} with a non-JSON body: ${text.slice(0, 100)}`;
  }
  const shape = checkErrorShape(route, body);
  return shape ? `${res.status} ${shape}: ${text.slice(0, 200)}` : undefined;
}

function describeCase(route: FuzzRoute, i: number, c: FuzzCase, problem: string): string {
  return `${route} seed ${SEED} #${i} [${c.label}] (${c.body.length} bytes): ${problem}`;
}

async function runInProcess(route: FuzzRoute, from: number, to: number): Promise<number> {
  let answered = 0;
  for (let i = from; i < to; i++) {
    const c = fuzzCase(route, SEED, i);
    let problem: string | undefined;
    try {
      const res = await server.fetch(new Request(`http://gw${route}`, { method: 'POST', headers: c.headers, body: c.body }));
      problem = await check(route, res);
      answered++;
    } catch (err) {
      problem = `the handler threw: ${(err as Error).stack?.slice(0, 300)}`;
    }
    if (problem) problems.push(describeCase(route, i, c, problem));
    if (problems.length > 20) break;
  }
  return answered;
}

describe('inbound fuzzing: malformed requests on every call route (item 6)', () => {
  let baseline = 0;
  const collect = gc();

  it('warms up and takes a heap baseline', async () => {
    for (const route of FUZZ_ROUTES) await runInProcess(route, 1_000_000, 1_000_200);
    collect();
    baseline = process.memoryUsage().heapUsed;
    expect(problems).toEqual([]);
  });

  for (const route of FUZZ_ROUTES)
    it(`${route}: ${PER_ROUTE} generated bodies, in-process, every answer a 4xx (or 200) in the caller's shape`, { timeout: 60_000 }, async () => {
      const answered = await runInProcess(route, 0, PER_ROUTE);
      expect(problems).toEqual([]);
      expect(internalLogs).toEqual([]);
      expect(answered).toBe(PER_ROUTE);
    });

  it(`${OVER_HTTP} per route over real HTTP through the Node listener`, { timeout: 60_000 }, async () => {
    let sent = 0;
    for (const route of FUZZ_ROUTES) {
      for (let i = PER_ROUTE; i < PER_ROUTE + OVER_HTTP; i += 10) {
        // Ten at a time over keep-alive connections.
        await Promise.all(
          Array.from({ length: 10 }, async (_, k) => {
            const c = fuzzCase(route, SEED, i + k);
            try {
              const res = await fetch(`${http.url}${route}`, { method: 'POST', headers: c.headers, body: c.body });
              const problem = await check(route, res);
              if (problem) problems.push(describeCase(route, i + k, c, problem));
              sent++;
            } catch (err) {
              problems.push(describeCase(route, i + k, c, `request failed: ${(err as Error).message} ${String((err as Error).cause ?? '')}`));
            }
          }),
        );
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBe(OVER_HTTP * FUZZ_ROUTES.length);
    // The server still answers a valid call.
    const ok = await fetch(`${http.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'mock-1', messages: [{ role: 'user', content: 'hi' }] }) });
    expect(ok.status).toBe(200);
  });

  it('no crash, no unhandled rejection, no internal error logged, heap back near the baseline', async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
    expect(internalLogs).toEqual([]);
    collect();
    await new Promise((r) => setTimeout(r, 20));
    collect();
    const growth = process.memoryUsage().heapUsed - baseline;
    // Tens of thousands of requests, some of megabytes: what stays must be small (caches are bounded).
    expect(growth, `heap grew by ${(growth / 1e6).toFixed(1)} MB`).toBeLessThan(24 * 1024 * 1024);
  });
});
