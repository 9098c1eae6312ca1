/** The routing settings the agent, coder and team profiles ship with, and that they reach the router. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { Tokligence } from '../../src/index.js';

const load = (profile: string) => loadConfig({ profile, env: {}, configFile: false });

describe('routing settings in the profiles', () => {
  it('agent: fallback with retries, a concurrency queue, a first-byte timeout, cooldown', () => {
    const c = load('agent');
    expect(c.routing.fallbacks).toMatchObject({ enabled: true, models: { smart: 'fast' }, context_window: { 'gpt-4.1-mini': 'gpt-4.1' } });
    expect(c.retry.attempts).toBe(2);
    expect(c.notices).toEqual([]);
    expect(c.gateway).toMatchObject({ max_concurrent_requests: 64, max_queue: 256, first_byte_timeout: 60 });
    expect(c.routing.cooldown.enabled).toBe(true);
    expect(c.retry.max_retry_after_s).toBe(30);
  });

  it('coder: cost-aware, cheaper for simple tasks, a long first-byte timeout', () => {
    const c = load('coder');
    expect(c.routing).toMatchObject({ cost_aware: true, prefer_cheaper_for_simple_tasks: true });
    expect(c.gateway.first_byte_timeout).toBe(120);
  });

  it('team: retries (3) and cooldown, no fallback map of its own', () => {
    const c = load('team');
    expect(c.retry.attempts).toBe(3);
    expect(c.routing.cooldown.min_requests).toBe(10);
    expect(c.routing.fallbacks.models).toEqual({});
  });

  it('the agent profile’s fallbacks.models are used by the client (smart → fast)', async () => {
    // No keys: every hosted target is disabled, so map both aliases onto mock targets instead.
    const tk = new Tokligence({
      profile: 'agent',
      env: {},
      configFile: false,
      models: { smart: 'nowhere/x', fast: 'mock/mock-1' },
      providers: { nowhere: { type: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', timeout: 2 } },
      retry: { minDelayMs: 1, maxDelayMs: 2 },
    } as never);
    const result = await tk.call('openai-chat', { model: 'smart', messages: [{ role: 'user', content: 'hi' }] });
    expect(result.route.map((r) => [r.provider, r.outcome, r.retries])).toEqual([
      ['nowhere', 'error', 2],
      ['mock', 'ok', 0],
    ]);
    expect(result.route[1]?.reason).toMatch(/fallbacks.models "smart" → "fast"/);
  });
});
