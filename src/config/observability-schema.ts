import { z } from 'zod';
import { httpUrl as url } from './http-url.js';


/**
 * `observability.tracing`: OpenTelemetry traces (and the GenAI metrics) over OTLP/HTTP. The SDK is
 * an optional peer dependency, loaded only when this is on.
 */
export const tracingSchema = z
  .object({
    enabled: z.boolean().default(false),
    /**
     * OTLP/HTTP base URL of a collector, Jaeger (≥ 1.35) or Tempo, e.g. `http://otel-collector:4318`
     * (`/v1/traces` and `/v1/metrics` are appended). Default: `OTEL_EXPORTER_OTLP_ENDPOINT`, else
     * `http://localhost:4318`.
     */
    endpoint: url.optional(),
    /**
     * The scenarios' Jaeger collector URL. Jaeger takes OTLP on port 4318: a URL naming the legacy
     * Thrift port 14268 is sent OTLP on 4318 of the same host (said once at startup).
     */
    jaeger_endpoint: url.optional(),
    /** `service.name` of the spans. */
    service_name: z.string().min(1).default('tokligence'),
    /** Share of new traces recorded (0–1); a caller's `traceparent` decision is followed. */
    sample_ratio: z.number().min(0).max(1).default(1),
    /** Extra headers for the OTLP requests (e.g. a collector's auth token). */
    headers: z.record(z.string(), z.string()).optional(),
    /** Also export `gen_ai.client.token.usage` and `gen_ai.server.request.duration` over OTLP. */
    metrics: z.boolean().default(true),
    /** How often the metrics are exported, ms. */
    metrics_interval_ms: z.number().int().positive().default(60_000),
  })
  .strict();

/** `metrics`: Prometheus metrics of the HTTP server (the scenarios' `observability.metrics` maps here). */
export const metricsSchema = z
  .object({
    /** Prometheus metrics on the server's `/metrics` (security events included). */
    enabled: z.boolean().default(true),
    /**
     * A separate listener for `/metrics` on this port (the scenarios' `prometheus_port`), so the
     * metrics need not be reachable where callers are; unset: `/metrics` on the gateway's port.
     */
    prometheus_port: z.number().int().min(1).max(65535).optional(),
    /** Address of that listener (default `gateway.host`). */
    prometheus_host: z.string().min(1).optional(),
    /** Security events are always counted in `tokligence_security_events_total`; accepted for the scenarios. */
    security_metrics: z.boolean().optional(),
    track_blocked_requests: z.boolean().optional(),
    track_pii_detections: z.boolean().optional(),
  })
  .strict();

export const observabilitySchema = z
  .object({
    tracing: tracingSchema.prefault({}),
  })
  .strict();
