import type { Attributes, Context, Span, TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { AttemptSpan, CallOutcome, CallSpan, CallTracer, TracedCall } from '../core/contracts/tracer.js';
import type { RouteAttempt } from '../core/contracts/route-attempt.js';
import type { SecurityEvent } from '../core/contracts/security-event.js';

/** What `observability.tracing` turns into. */
export interface OtelSettings {
  /** OTLP/HTTP base URL of a collector (`/v1/traces`, `/v1/metrics` are appended). */
  endpoint: string;
  serviceName: string;
  /** Share of new traces recorded (0–1); a caller's sampling decision is followed. */
  sampleRatio: number;
  headers?: Record<string, string>;
  /** Export `gen_ai.client.token.usage` and `gen_ai.server.request.duration` too. */
  metrics: boolean;
  metricsIntervalMs: number;
  /** Tests and embedders: where spans go instead of OTLP (e.g. an `InMemorySpanExporter`), exported at once. */
  spanExporter?: SpanExporter;
  /** Tests and embedders: the metric reader instead of a periodic OTLP export. */
  metricReader?: MetricReader;
}

export interface OtelTracer extends CallTracer {
  /** Flush what is buffered and stop exporting. */
  shutdown(): Promise<void>;
  forceFlush(): Promise<void>;
}

/** `gen_ai.provider.name`: the semantic conventions' well-known values, else the configured name. */
function genAiProvider(type: string, name: string): string {
  if (type === 'openai' || type === 'anthropic') return type;
  if (type === 'google') return 'gcp.gemini';
  return name;
}

const ACTION_RANK = { flag: 1, redact: 2, block: 3 } as const;

const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

const getter: TextMapGetter<Record<string, string | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};
const setter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

/** Rethrown as is: tracing.ts turns it into what to install. */
const rethrow = (err: unknown): never => {
  throw err;
};

/**
 * The SDK's modules, only those the settings need. Each literal import has its own `.catch`, which
 * tells a bundler of the user's app (esbuild, webpack) to leave a missing optional peer to run
 * time instead of failing the build.
 */
async function loadSdk(settings: OtelSettings) {
  const [api, core, resources, traceSdk, metricsSdk, traceOtlp, metricsOtlp] = await Promise.all([
    import('@opentelemetry/api').catch(rethrow),
    import('@opentelemetry/core').catch(rethrow),
    import('@opentelemetry/resources').catch(rethrow),
    import('@opentelemetry/sdk-trace-base').catch(rethrow),
    settings.metrics ? import('@opentelemetry/sdk-metrics').catch(rethrow) : undefined,
    settings.spanExporter ? undefined : import('@opentelemetry/exporter-trace-otlp-http').catch(rethrow),
    settings.metrics && !settings.metricReader ? import('@opentelemetry/exporter-metrics-otlp-http').catch(rethrow) : undefined,
  ]);
  return { api, core, resources, traceSdk, metricsSdk, traceOtlp, metricsOtlp };
}

/**
 * The OpenTelemetry SDK, loaded on first use (these packages are optional peer dependencies: a
 * gateway without tracing never loads them). Spans follow the GenAI semantic conventions: one
 * `chat {model}` span per call, a CLIENT child per target tried, with `gen_ai.*` attributes and
 * the gateway's own under `tokligence.*`. Nothing is registered globally: an app's own OTel setup
 * is left alone, and its active context (if it has one) becomes the parent of in-process calls.
 */
export async function loadOtelTracer(settings: OtelSettings): Promise<OtelTracer> {
  const { api, core, resources, traceSdk, metricsSdk, traceOtlp, metricsOtlp } = await loadSdk(settings);
  const endpoint = settings.endpoint.replace(/\/+$/, '');
  const resource = resources.resourceFromAttributes({ 'service.name': settings.serviceName });
  const exporter = settings.spanExporter ?? new (traceOtlp as NonNullable<typeof traceOtlp>).OTLPTraceExporter({ url: `${endpoint}/v1/traces`, headers: settings.headers });
  const processor = settings.spanExporter ? new traceSdk.SimpleSpanProcessor(exporter) : new traceSdk.BatchSpanProcessor(exporter);
  const provider = new traceSdk.BasicTracerProvider({
    resource,
    sampler: new traceSdk.ParentBasedSampler({ root: new traceSdk.TraceIdRatioBasedSampler(settings.sampleRatio) }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer('tokligence');
  const propagator = new core.W3CTraceContextPropagator();

  let meterProvider: import('@opentelemetry/sdk-metrics').MeterProvider | undefined;
  let record: ((attributes: Attributes, outcome: CallOutcome, seconds: number) => void) | undefined;
  if (metricsSdk) {
    const reader =
      settings.metricReader ??
      new metricsSdk.PeriodicExportingMetricReader({
        exporter: new (metricsOtlp as NonNullable<typeof metricsOtlp>).OTLPMetricExporter({ url: `${endpoint}/v1/metrics`, headers: settings.headers }),
        exportIntervalMillis: settings.metricsIntervalMs,
      });
    meterProvider = new metricsSdk.MeterProvider({ resource, readers: [reader] });
    const meter = meterProvider.getMeter('tokligence');
    const tokenUsage = meter.createHistogram('gen_ai.client.token.usage', {
      unit: '{token}',
      description: 'Tokens used per call, by type (input, output)',
      advice: { explicitBucketBoundaries: TOKEN_BUCKETS },
    });
    const duration = meter.createHistogram('gen_ai.server.request.duration', {
      unit: 's',
      description: 'Time to answer one call, from request to the end of the answer',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
    record = (attributes, outcome, seconds) => {
      duration.record(seconds, attributes);
      if (!outcome.usage) return;
      tokenUsage.record(outcome.usage.inputTokens, { ...attributes, 'gen_ai.token.type': 'input' });
      tokenUsage.record(outcome.usage.outputTokens, { ...attributes, 'gen_ai.token.type': 'output' });
    };
  }

  return {
    startCall(call: TracedCall): CallSpan {
      // The caller's traceparent wins; else an in-process app's active span (when it runs OTel).
      const carrier = { traceparent: call.traceparent, tracestate: call.tracestate };
      const parent: Context = call.traceparent ? propagator.extract(api.ROOT_CONTEXT, carrier, getter) : api.context.active();
      const started = performance.now();
      const span = tracer.startSpan(
        `chat ${call.model}`,
        {
          kind: call.dialect ? api.SpanKind.SERVER : api.SpanKind.INTERNAL,
          attributes: dropUndefined({
            'gen_ai.operation.name': 'chat',
            'gen_ai.request.model': call.model,
            'gen_ai.request.max_tokens': call.maxTokens,
            'gen_ai.request.temperature': call.temperature,
            'gen_ai.request.top_p': call.topP,
            'tokligence.request_id': call.requestId,
            'tokligence.dialect': call.dialect ?? 'canonical',
            'tokligence.alias': call.model,
            'tokligence.stream': call.stream,
          }),
        },
        parent,
      );
      const inCall = api.trace.setSpan(parent, span);
      const attempts: Array<{ span: Span; providerName: string; open: boolean }> = [];
      let firewall: SecurityEvent['action'] | undefined;
      let ended = false;
      const ids = span.spanContext();
      return {
        traceId: ids.traceId,
        spanId: ids.spanId,
        startAttempt(target): AttemptSpan {
          const providerName = genAiProvider(target.providerType, target.provider);
          const child = tracer.startSpan(
            `chat ${target.model}`,
            {
              kind: api.SpanKind.CLIENT,
              attributes: {
                'gen_ai.operation.name': 'chat',
                'gen_ai.provider.name': providerName,
                'gen_ai.request.model': target.model,
                'tokligence.provider': target.provider,
                'tokligence.attempt': attempts.length + 1,
              },
            },
            inCall,
          );
          const entry = { span: child, providerName, open: true };
          attempts.push(entry);
          const headers: Record<string, string> = {};
          propagator.inject(api.trace.setSpan(inCall, child), headers, setter);
          return {
            headers,
            end(attempt: RouteAttempt) {
              child.setAttributes(attemptAttributes(attempt));
              if (attempt.outcome !== 'ok') {
                child.setStatus({ code: api.SpanStatusCode.ERROR, message: attempt.error });
                child.end();
                entry.open = false;
              }
              // The target that answered stays open until the answer (or stream) ends: its usage is known then.
            },
          };
        },
        securityEvent(event) {
          span.addEvent(`tokligence.security.${event.type}`, dropUndefined({ 'tokligence.security.action': event.action, 'tokligence.security.reason': event.reason }));
          if (!firewall || ACTION_RANK[event.action] > ACTION_RANK[firewall]) firewall = event.action;
        },
        end(outcome) {
          if (ended) return;
          ended = true;
          const answered = [...attempts].reverse().find((a) => a.open);
          const usage = outcome.usage;
          const usageAttributes = usage
            ? dropUndefined({
                'gen_ai.usage.input_tokens': usage.inputTokens,
                'gen_ai.usage.output_tokens': usage.outputTokens,
                'gen_ai.usage.cache_read.input_tokens': usage.cacheReadTokens || undefined,
                'gen_ai.usage.cache_creation.input_tokens': usage.cacheWriteTokens || undefined,
                'gen_ai.usage.reasoning.output_tokens': usage.reasoningTokens || undefined,
              })
            : {};
          const responseModel = outcome.responseModel ? { 'gen_ai.response.model': outcome.responseModel } : {};
          for (const a of attempts)
            if (a.open) {
              a.span.setAttributes(a === answered ? { ...usageAttributes, ...responseModel } : {});
              if (outcome.error && a === answered) a.span.setStatus({ code: api.SpanStatusCode.ERROR, message: outcome.error.message });
              a.span.end();
              a.open = false;
            }
          const providerName = answered?.providerName ?? attempts[attempts.length - 1]?.providerName;
          span.setAttributes({
            ...(providerName ? { 'gen_ai.provider.name': providerName } : {}),
            ...responseModel,
            ...usageAttributes,
            'tokligence.fallback_chain': outcome.route.map((a) => `${a.provider}/${a.model}:${a.outcome}${a.status ? ` ${a.status}` : ''}`),
            'tokligence.attempts': outcome.route.filter((a) => a.outcome !== 'skipped').length,
            ...(outcome.cache ? { 'tokligence.cache': outcome.cache } : {}),
            ...(firewall ? { 'tokligence.firewall.action': firewall } : {}),
          });
          if (outcome.error) {
            span.setAttribute('error.type', outcome.error.kind);
            span.setStatus({ code: api.SpanStatusCode.ERROR, message: outcome.error.message });
          }
          span.end();
          record?.(
            dropUndefined({
              'gen_ai.operation.name': 'chat',
              'gen_ai.provider.name': providerName,
              'gen_ai.request.model': call.model,
              'gen_ai.response.model': outcome.responseModel,
              'error.type': outcome.error?.kind,
            }),
            outcome,
            (performance.now() - started) / 1000,
          );
        },
      };
    },
    async forceFlush() {
      await provider.forceFlush();
      await meterProvider?.forceFlush();
    },
    async shutdown() {
      await provider.shutdown();
      await meterProvider?.shutdown();
    },
  };
}

function attemptAttributes(a: RouteAttempt): Attributes {
  return dropUndefined({
    'tokligence.attempt.outcome': a.outcome,
    'tokligence.attempt.reason': a.reason,
    'tokligence.attempt.strategy': a.strategy,
    'tokligence.attempt.retries': a.retries || undefined,
    'tokligence.attempt.cooldown': a.cooldown || undefined,
    'http.response.status_code': a.status,
    'error.type': a.outcome === 'error' ? a.kind : undefined,
  });
}

function dropUndefined(attributes: Record<string, string | number | boolean | string[] | undefined>): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(attributes)) if (v !== undefined) out[k] = v;
  return out;
}
