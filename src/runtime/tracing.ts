import type { TokligenceConfig } from '../config/index.js';
import type { CallContext } from '../core/contracts/call-context.js';
import type { CallSpan, CallTracer } from '../core/contracts/tracer.js';
import type { RouteAttempt } from '../core/contracts/route-attempt.js';
import type { SecurityEvent } from '../core/contracts/security-event.js';
import type { TokligenceError } from '../core/errors.js';
import type { Usage } from '../core/types.js';
import type { OtelSettings, OtelTracer } from './otel.js';

/** Where spans and GenAI metrics go instead of OTLP: an embedder's own exporter, or a test's in-memory one. */
export interface TelemetryOptions {
  /** An OpenTelemetry `SpanExporter` (spans are exported as each ends). */
  spanExporter?: object;
  /** An OpenTelemetry `MetricReader` for `gen_ai.client.token.usage` and `gen_ai.server.request.duration`. */
  metricReader?: object;
}

/** A loaded tracer plus the spans of calls still running (security events find theirs by request id). */
export interface Tracing {
  /** Resolves once the OpenTelemetry SDK is loaded (rejects if it is not installed). */
  tracer: Promise<CallTracer>;
  open: Map<string, CallSpan>;
  /** One line for the operator about how tracing is set up (the endpoint, a mapped jaeger_endpoint). */
  notice: string;
  shutdown(): Promise<void>;
}

/** `observability.tracing` → the SDK settings; undefined when tracing is off. */
export function otelSettings(config: TokligenceConfig, env: Record<string, string | undefined>, telemetry: TelemetryOptions = {}): { settings: OtelSettings; notice: string } | undefined {
  const t = config.observability.tracing;
  if (!t.enabled) return undefined;
  let endpoint = t.endpoint ?? env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() ?? '';
  let notice = '';
  if (!endpoint && t.jaeger_endpoint) {
    const jaeger = new URL(t.jaeger_endpoint);
    // 14268 is Jaeger's legacy Thrift-over-HTTP collector, which OpenTelemetry no longer speaks;
    // the same Jaeger takes OTLP/HTTP on 4318.
    if (jaeger.port === '14268') {
      jaeger.port = '4318';
      notice = ` (observability.tracing.jaeger_endpoint ${t.jaeger_endpoint}: Jaeger's OTLP port is used)`;
    }
    endpoint = jaeger.origin + jaeger.pathname.replace(/\/+$/, '');
  }
  endpoint ||= 'http://localhost:4318';
  const settings: OtelSettings = {
    endpoint,
    serviceName: t.service_name,
    sampleRatio: t.sample_ratio,
    headers: t.headers,
    metrics: t.metrics,
    metricsIntervalMs: t.metrics_interval_ms,
    spanExporter: telemetry.spanExporter as OtelSettings['spanExporter'],
    metricReader: telemetry.metricReader as OtelSettings['metricReader'],
  };
  const target = telemetry.spanExporter ? 'the given span exporter' : `OTLP ${endpoint}`;
  return { settings, notice: `tracing: OpenTelemetry spans to ${target}${notice}` };
}

/** Start loading the SDK (a literal dynamic import: nothing is loaded while tracing is off). */
export function startTracing(settings: OtelSettings, notice: string): Tracing {
  const loaded: Promise<OtelTracer> = import('./otel.js').then((m) => m.loadOtelTracer(settings));
  const tracer = loaded.catch((err: unknown) => {
    throw new Error(
      `observability.tracing is on but OpenTelemetry could not be loaded (${(err as Error).message}); install @opentelemetry/api @opentelemetry/core @opentelemetry/resources @opentelemetry/sdk-trace-base @opentelemetry/exporter-trace-otlp-http (and @opentelemetry/sdk-metrics @opentelemetry/exporter-metrics-otlp-http for the metrics)`,
    );
  });
  // Reported to each call that needs it (and by `serve` at startup), never as an unhandled rejection.
  tracer.catch(() => {});
  return {
    tracer,
    open: new Map(),
    notice,
    async shutdown() {
      await (await loaded.catch(() => undefined))?.shutdown();
    },
  };
}

/** Open the call's span (continuing the caller's trace), registered for its security events. */
export async function openCallSpan(
  tracing: Tracing,
  ctx: CallContext,
  trace: { traceparent?: string; tracestate?: string },
): Promise<CallSpan> {
  const tracer = await tracing.tracer;
  const r = ctx.request;
  const span = tracer.startCall({
    requestId: ctx.requestId,
    dialect: ctx.dialect,
    model: r.model,
    stream: r.stream === true,
    maxTokens: r.maxTokens,
    temperature: r.temperature,
    topP: r.topP,
    traceparent: trace.traceparent,
    tracestate: trace.tracestate,
  });
  tracing.open.set(ctx.requestId, span);
  return span;
}

/** End the call's span with what is known at the end. */
export function closeCallSpan(
  tracing: Tracing,
  ctx: CallContext,
  span: CallSpan,
  end: { usage?: Usage; responseModel?: string; error?: TokligenceError },
): void {
  tracing.open.delete(ctx.requestId);
  span.end({
    route: ctx.route as RouteAttempt[],
    usage: end.usage,
    responseModel: end.responseModel,
    cache: ctx.cache,
    error: end.error ? { kind: end.error.kind, status: end.error.status, message: end.error.message } : undefined,
  });
}

/** Route a security event to its call's span. */
export function traceSecurityEvent(tracing: Tracing, event: SecurityEvent): void {
  tracing.open.get(event.requestId)?.securityEvent(event);
}
