import { InMemoryMetricExporter, AggregationTemporality, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { createLogger } from '../../src/server/logger.js';
import { anthropicReply } from '../helpers/anthropic-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

const fakes: FakeUpstream[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const f of fakes.splice(0)) await f.close();
});

const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';

/** An OpenAI upstream that is down (503, no retry) and an Anthropic one that answers, with cache tokens. */
async function fallbackGateway(extra: Record<string, unknown> = {}) {
  const down = await startFakeUpstream();
  down.handler = () => ({ status: 503, json: { error: { message: 'upstream overloaded', type: 'server_error' } } });
  const up = await startFakeUpstream({ handler: anthropicReply('hello from the fallback') });
  const base = up.handler!;
  up.handler = (req) => {
    const reply = base(req) as { json?: { usage: Record<string, number> } };
    if (reply.json) reply.json.usage = { input_tokens: 30, output_tokens: 4, cache_read_input_tokens: 20, cache_creation_input_tokens: 5 };
    return reply;
  };
  fakes.push(down, up);
  const spans = new InMemorySpanExporter();
  const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const lines: string[] = [];
  const tk = new Tokligence({
    env: {},
    configFile: false,
    retry: { attempts: 0 },
    providers: {
      openai: { type: 'openai', baseUrl: `${down.url}/v1`, apiKey: 'sk-test' },
      anthropic: { type: 'anthropic', baseUrl: up.url, apiKey: 'sk-ant-test' },
    },
    models: { smart: ['openai/gpt-4o', 'anthropic/claude-sonnet-4-5'] },
    observability: { tracing: { enabled: true } },
    telemetry: { spanExporter: spans, metricReader: new PeriodicExportingMetricReader({ exporter: metrics, exportIntervalMillis: 3_600_000 }) },
    ...extra,
  } as never);
  const server = createServer(tk, { logger: createLogger('info', 'json', (l) => lines.push(l)) });
  const { url, close } = await server.listen(0, '127.0.0.1');
  closers.push(close, () => tk.close());
  return { tk, url, spans, metrics, lines, down, up };
}

/** Export what the tracer holds (spans are exported as they end; metrics on demand). */
const flush = async (tk: Tokligence) => ((await tk.runtime.tracing!.tracer) as unknown as { forceFlush(): Promise<void> }).forceFlush();

const byName = (spans: ReadableSpan[], name: string) => spans.filter((s) => s.name === name);

describe('OpenTelemetry traces (GenAI semantic conventions)', () => {
  it('a fallback call: one span for the call, a child per attempt, the caller\'s trace continued and carried upstream', async () => {
    const g = await fallbackGateway({ security: { prompt_firewall: { enabled: true, builtin_packs: [], rules: [{ name: 'mentions-zebra', keywords: ['zebra'], action: 'flag', severity: 'low' }] } } });
    const res = await fetch(`${g.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`, tracestate: 'vendor=1' },
      body: JSON.stringify({ model: 'smart', max_tokens: 64, temperature: 0.2, messages: [{ role: 'user', content: 'tell me about a zebra' }] }),
    });
    const answer = await res.json();
    expect(res.status, JSON.stringify(answer)).toBe(200);
    expect(answer.choices[0].message.content).toBe('hello from the fallback');
    await flush(g.tk);

    const spans = g.spans.getFinishedSpans();
    const [call] = byName(spans, 'chat smart');
    expect(call).toBeDefined();
    // The caller's trace is continued: same trace id, its span as the parent.
    expect(call!.spanContext().traceId).toBe(CALLER_TRACE);
    expect(call!.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(call!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'smart',
      'gen_ai.request.max_tokens': 64,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.response.model': 'claude-sonnet-4-5',
      'gen_ai.usage.input_tokens': 30,
      'gen_ai.usage.output_tokens': 4,
      'gen_ai.usage.cache_read.input_tokens': 20,
      'gen_ai.usage.cache_creation.input_tokens': 5,
      'tokligence.alias': 'smart',
      'tokligence.dialect': 'openai-chat',
      'tokligence.attempts': 2,
      'tokligence.firewall.action': 'flag',
      'tokligence.fallback_chain': ['openai/gpt-4o:error 503', 'anthropic/claude-sonnet-4-5:ok'],
    });
    expect(call!.events.map((e) => e.name)).toContain('tokligence.security.prompt_flagged');

    // Both attempts, children of the call span, in order.
    const attempts = spans.filter((s) => s.parentSpanContext?.spanId === call!.spanContext().spanId);
    expect(attempts.map((s) => s.name)).toEqual(['chat gpt-4o', 'chat claude-sonnet-4-5']);
    const [failed, answered] = attempts;
    expect(failed!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'tokligence.attempt': 1,
      'tokligence.attempt.outcome': 'error',
      'http.response.status_code': 503,
      'error.type': 'overloaded',
    });
    expect(failed!.status.code).toBe(2); // ERROR
    expect(answered!.attributes).toMatchObject({
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-sonnet-4-5',
      'gen_ai.response.model': 'claude-sonnet-4-5',
      'gen_ai.usage.input_tokens': 30,
      'gen_ai.usage.output_tokens': 4,
      'tokligence.attempt': 2,
      'tokligence.attempt.outcome': 'ok',
    });
    expect(answered!.status.code).not.toBe(2);

    // Each upstream got the trace, with its own attempt span as the parent.
    expect(g.down.requests[0]!.headers.traceparent).toBe(`00-${CALLER_TRACE}-${failed!.spanContext().spanId}-01`);
    expect(g.up.requests[0]!.headers.traceparent).toBe(`00-${CALLER_TRACE}-${answered!.spanContext().spanId}-01`);
    expect(g.up.requests[0]!.headers.tracestate).toBe('vendor=1');

    // The call's log line carries the request and trace ids.
    const callLine = g.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'call');
    expect(callLine).toMatchObject({ trace_id: CALLER_TRACE, span_id: call!.spanContext().spanId });
    expect(callLine.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('metrics gen_ai.client.token.usage and gen_ai.server.request.duration', async () => {
    const g = await fallbackGateway();
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${g.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'smart', max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(res.status).toBe(200);
    }
    await flush(g.tk);
    const exported = g.metrics.getMetrics().flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
    const usage = exported.filter((m) => m.descriptor.name === 'gen_ai.client.token.usage').at(-1)!;
    expect(usage.descriptor.unit).toBe('{token}');
    const points = usage.dataPoints as Array<{ attributes: Record<string, unknown>; value: { sum: number; count: number } }>;
    const input = points.find((p) => p.attributes['gen_ai.token.type'] === 'input')!;
    expect(input.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic', 'gen_ai.request.model': 'smart', 'gen_ai.response.model': 'claude-sonnet-4-5' });
    expect(input.value).toMatchObject({ sum: 60, count: 2 });
    expect(points.find((p) => p.attributes['gen_ai.token.type'] === 'output')!.value).toMatchObject({ sum: 8, count: 2 });
    const duration = exported.filter((m) => m.descriptor.name === 'gen_ai.server.request.duration').at(-1)!;
    expect(duration.descriptor.unit).toBe('s');
    expect((duration.dataPoints[0] as { value: { count: number } }).value.count).toBe(2);
  });

  it('a call that fails on every target ends its span with the error; a stream\'s span ends with the stream', async () => {
    const g = await fallbackGateway();
    g.up.handler = () => ({ status: 529, json: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } } });
    const res = await fetch(`${g.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }) });
    expect(res.status).toBeGreaterThanOrEqual(500);
    g.up.handler = anthropicReply('streamed');
    const stream = await fetch(`${g.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'anthropic/claude-x', stream: true, messages: [{ role: 'user', content: 'hi' }] }) });
    expect(await stream.text()).toContain('streamed');
    await flush(g.tk);
    const spans = g.spans.getFinishedSpans();
    const failedCall = byName(spans, 'chat smart')[0]!;
    expect(failedCall.status.code).toBe(2);
    expect(failedCall.attributes['error.type']).toBe('overloaded');
    expect(failedCall.attributes['tokligence.fallback_chain']).toEqual(['openai/gpt-4o:error 503', 'anthropic/claude-sonnet-4-5:error 529']);
    const streamed = byName(spans, 'chat anthropic/claude-x')[0]!;
    expect(streamed.attributes).toMatchObject({ 'tokligence.stream': true, 'gen_ai.usage.output_tokens': 4, 'gen_ai.response.model': 'claude-x' });
  });

  it('tracing off: no span, no traceparent upstream, no trace id in the meta', async () => {
    const up = await startFakeUpstream({ handler: anthropicReply('plain') });
    fakes.push(up);
    const tk = new Tokligence({ env: {}, configFile: false, providers: { anthropic: { type: 'anthropic', baseUrl: up.url, apiKey: 'k' } } } as never);
    expect(tk.runtime.tracing).toBeUndefined();
    let meta: { traceId?: string } | undefined;
    await tk.messages.create({ model: 'anthropic/claude-x', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }, { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`, onResult: (m: { traceId?: string }) => (meta = m) } as never);
    expect(up.requests[0]!.headers.traceparent).toBeUndefined();
    expect(meta?.traceId).toBeUndefined();
  });

  it('the scenarios\' jaeger_endpoint (legacy port 14268) is sent OTLP on Jaeger\'s 4318', async () => {
    const { otelSettings } = await import('../../src/runtime/tracing.js');
    const { loadConfig } = await import('../../src/config/index.js');
    const config = loadConfig({ env: {}, configFile: false, config: { observability: { tracing: { enabled: true, jaegerEndpoint: 'http://jaeger:14268' } } } as never });
    const s = otelSettings(config, {});
    expect(s?.settings.endpoint).toBe('http://jaeger:4318');
    expect(s?.notice).toContain('jaeger_endpoint');
    const fromEnv = otelSettings(loadConfig({ env: {}, configFile: false, config: { observability: { tracing: { enabled: true } } } as never }), { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
    expect(fromEnv?.settings.endpoint).toBe('http://collector:4318');
  });
});
