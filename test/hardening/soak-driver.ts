/**
 * The soak run behind test/hardening/reliability-soak.test.ts (20k requests) and bench/soak.ts
 * (100k): the server's fetch handler in-process, the Redis response cache configured but Redis
 * flapping (up, hung with SIGSTOP, killed, restarted on the same port) or down for good, the
 * upstream flapping (200, 200, 503, connection reset), more callers than
 * `max_concurrent_requests` + `max_queue`. Reports RSS and heap after warm-up and at the end, the
 * largest backlog of cache writes seen, the cache counters and the answer statuses.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { startFakeUpstream } from '../helpers/fake-upstream.js';
import { okReply } from '../routing/helpers.js';

export interface SoakOptions {
  total: number;
  /** Callers at once (default 100: a few more than max_concurrent_requests 32 + max_queue 64). */
  callers?: number;
  /** Share of the run before the memory baseline (default 0.2). */
  warmup?: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  total: number;
  seconds: number;
  statuses: Record<string, number>;
  rssWarmMb: number;
  rssEndMb: number;
  rssGrowth: number;
  heapWarmMb: number;
  heapEndMb: number;
  maxPendingWrites: number;
  cache: { hits: number; misses: number; stores: number; errors: { get: number; set: number }; dropped: number };
  metricsDropped: number;
  redis: 'flapping' | 'down (no redis-server)';
  redisPhases: string[];
  internalErrors: number;
}

function gcFn(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** A redis-server on a fixed port that can be hung, killed and restarted. */
class FlappingRedis {
  private child?: ChildProcess;
  readonly phases: string[] = [];
  constructor(readonly port: number) {}
  start(): void {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.phases.push('up');
  }
  hang(): void {
    this.child?.kill('SIGSTOP');
    this.phases.push('hung');
  }
  resume(): void {
    this.child?.kill('SIGCONT');
    this.phases.push('up');
  }
  async kill(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    c.kill('SIGCONT');
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
    this.phases.push('down');
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => {});
  const collect = gcFn();
  const fake = await startFakeUpstream();
  let n = 0;
  fake.handler = (req) => {
    // The fake records every request; a soak must not measure that.
    fake.requests.length = 0;
    const stream = (req.body as { stream?: boolean }).stream === true;
    const k = n++ % 4;
    if (k === 2) return { status: 503, json: { error: { message: 'unavailable', type: 'server_error' } } };
    if (k === 3) return { reset: true };
    return okReply(`answer ${n}`, stream);
  };

  const hasRedis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  const port = await freePort();
  const redis = hasRedis ? new FlappingRedis(port) : undefined;
  redis?.start();

  const tk = new Tokligence({
    env: {},
    configFile: false,
    gateway: { maxConcurrentRequests: 32, maxQueue: 64, queueTimeout: 2 },
    cache: { enabled: true, type: 'redis', redis: { url: `redis://127.0.0.1:${port}`, timeoutMs: 50 } },
    providers: { a: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` } },
    models: { smart: 'a/m1' },
    retry: { attempts: 1, minDelayMs: 0, maxDelayMs: 1 },
    routing: { cooldown: { enabled: false } },
  } as never);
  const cache = tk.runtime.services.cache as unknown as { pendingWrites: number };
  let internalErrors = 0;
  const server = createServer(tk, {
    logger: {
      log(level, msg) {
        if (msg === 'internal error') internalErrors++;
        void level;
      },
    },
  });

  // Redis: 1.2 s up, 0.6 s hung (commands time out), 0.8 s killed (refused), restart on the same port.
  let flapping = true;
  const flapper = (async () => {
    if (!redis) return;
    while (flapping) {
      await sleep(1200);
      if (!flapping) break;
      redis.hang();
      await sleep(600);
      redis.resume();
      await redis.kill();
      await sleep(800);
      if (flapping) redis.start();
    }
  })();

  const statuses: Record<string, number> = {};
  const callers = options.callers ?? 100;
  const warmAt = Math.floor(options.total * (options.warmup ?? 0.2));
  let next = 0;
  let done = 0;
  let maxPendingWrites = 0;
  let warm: { rss: number; heap: number } | undefined;
  const started = performance.now();

  async function one(i: number): Promise<void> {
    const stream = i % 10 === 0;
    // 500 distinct prompts: repeats hit the cache while Redis is up.
    const body = { model: 'smart', stream, messages: [{ role: 'user', content: `question ${i % 500}` }] };
    const res = await server.fetch(new Request('http://gw/v1/chat/completions', { method: 'POST', body: JSON.stringify(body) }));
    const text = await res.text();
    // The gateway's own overload answer (queue full) is counted apart from upstream 503s; the
    // caller backs off a little, as a client honouring retry-after would.
    const key = res.status === 503 && text.includes('Gateway overloaded') ? '503 queue full' : String(res.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (key === '503 queue full') await sleep(5);
  }

  await Promise.all(
    Array.from({ length: callers }, async () => {
      for (;;) {
        const i = next++;
        if (i >= options.total) return;
        await one(i);
        done++;
        if (done % 500 === 0) {
          maxPendingWrites = Math.max(maxPendingWrites, cache.pendingWrites);
          if (done % 10_000 === 0) {
            collect();
            const m = process.memoryUsage();
            log(`${done} done, ${Math.round(performance.now() - started)} ms, rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB, pending writes ${cache.pendingWrites}`);
          }
        }
        if (done === warmAt && !warm) warm = settledMemory(collect);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  flapping = false;
  await flapper;
  // Let the last timed-out writes settle before measuring.
  await sleep(200);
  const end = settledMemory(collect);
  const metrics = await (await server.fetch(new Request('http://gw/metrics'))).text();
  const metricsDropped = Number(/^tokligence_cache_dropped_writes_total (\d+)/m.exec(metrics)?.[1] ?? Number.NaN);
  const stats = tk.cacheStats();
  await tk.close();
  await redis?.kill();
  await fake.close();
  const base = warm ?? end;
  return {
    total: options.total,
    seconds,
    statuses,
    rssWarmMb: mb(base.rss),
    rssEndMb: mb(end.rss),
    rssGrowth: (end.rss - base.rss) / base.rss,
    heapWarmMb: mb(base.heap),
    heapEndMb: mb(end.heap),
    maxPendingWrites,
    cache: { hits: stats?.hits ?? 0, misses: stats?.misses ?? 0, stores: stats?.stores ?? 0, errors: stats?.errors ?? { get: 0, set: 0 }, dropped: stats?.dropped ?? 0 },
    metricsDropped,
    redis: redis ? 'flapping' : 'down (no redis-server)',
    redisPhases: redis?.phases ?? [],
    internalErrors,
  };
}

/** Memory after a full GC: the median of three samples, as RSS is noisy. */
function settledMemory(collect: () => void): { rss: number; heap: number } {
  const samples = [0, 1, 2].map(() => {
    collect();
    return process.memoryUsage();
  });
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[1] as number;
  return { rss: median(samples.map((m) => m.rss)), heap: median(samples.map((m) => m.heapUsed)) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
