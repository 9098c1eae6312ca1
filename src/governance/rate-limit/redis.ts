import type { Redis } from 'ioredis';
import { RedisConnection, type RedisConnectionOptions } from '../../cache/redis-connection.js';
import type { HitResult, RateLimitBackend, RateRule } from './backend.js';

/**
 * Check every rule and, only if all have room, add their costs: one script, one round trip, atomic
 * in Redis, so every gateway instance on the same Redis shares one limit exactly. The window is
 * read from Redis's own clock (TIME), so instances with skewed clocks still agree on it.
 * KEYS: the rules' counter keys (without window); ARGV: limit, cost, window ms per rule.
 * Returns 0, or the 1-based index of the refusing rule and the ms left in its window.
 */
const HIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local keys = {}
for i = 1, #KEYS do
  local limit = tonumber(ARGV[i * 3 - 2])
  local cost = tonumber(ARGV[i * 3 - 1])
  local window = tonumber(ARGV[i * 3])
  keys[i] = KEYS[i] .. ':' .. math.floor(now / window)
  local count = tonumber(redis.call('GET', keys[i]) or '0')
  if (cost > 0 and count + cost > limit) or (cost == 0 and count >= limit) then
    return { i, window - (now % window) }
  end
end
for i = 1, #KEYS do
  local cost = tonumber(ARGV[i * 3 - 1])
  if cost > 0 then
    redis.call('INCRBY', keys[i], cost)
    redis.call('PEXPIRE', keys[i], tonumber(ARGV[i * 3]) + 1000)
  end
end
return { 0, 0 }
`;

const ADD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i = 1, #KEYS do
  local window = tonumber(ARGV[i * 2])
  local key = KEYS[i] .. ':' .. math.floor(now / window)
  redis.call('INCRBY', key, tonumber(ARGV[i * 2 - 1]))
  redis.call('PEXPIRE', key, window + 1000)
end
return 0
`;

type Scripted = Redis & {
  tkRateHit(numKeys: number, ...args: Array<string | number>): Promise<[number, number]>;
  tkRateAdd(numKeys: number, ...args: Array<string | number>): Promise<number>;
};

/** Counters in Redis, shared by every instance pointing at it. */
export class RedisRateLimitBackend implements RateLimitBackend {
  readonly kind = 'redis' as const;
  private readonly connection: RedisConnection;
  private readonly defined = new WeakSet<Redis>();

  constructor(options: RedisConnectionOptions) {
    this.connection = new RedisConnection({ purpose: 'rate_limit.type "redis"', ...options });
    // Connect at start, so the first call does not wait for it.
    this.connection.connect().catch(() => {});
  }

  private async client(): Promise<Scripted> {
    const client = await this.connection.ready();
    if (!this.defined.has(client)) {
      // defineCommand sends EVALSHA, and the script itself only when Redis does not have it yet.
      client.defineCommand('tkRateHit', { lua: HIT });
      client.defineCommand('tkRateAdd', { lua: ADD });
      this.defined.add(client);
    }
    return client as Scripted;
  }

  async hit(rules: readonly RateRule[]): Promise<HitResult> {
    if (rules.length === 0) return { ok: true };
    const client = await this.client();
    const [index, retryAfterMs] = await client.tkRateHit(rules.length, ...rules.map((r) => r.key), ...rules.flatMap((r) => [r.limit, r.cost, r.windowMs]));
    return index === 0 ? { ok: true } : { ok: false, rule: rules[index - 1] as RateRule, retryAfterMs };
  }

  async add(entries: ReadonlyArray<{ key: string; windowMs: number; amount: number }>): Promise<void> {
    if (entries.length === 0) return;
    const client = await this.client();
    await client.tkRateAdd(entries.length, ...entries.map((e) => e.key), ...entries.flatMap((e) => [e.amount, e.windowMs]));
  }

  async ping(): Promise<void> {
    await (await this.connection.ready()).ping();
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
