import type { Usage } from '../types.js';
import type { RouteAttempt } from './route-attempt.js';
import type { SecurityEvent } from './security-event.js';

/**
 * Tracing of calls: one span per call, a child span per target tried. The runtime has a tracer
 * only while `observability.tracing` is on (OpenTelemetry, loaded then); otherwise `ctx.span` is
 * undefined and an untraced call pays one property check per hook.
 */
export interface CallTracer {
  startCall(call: TracedCall): CallSpan;
}

export interface TracedCall {
  requestId: string;
  /** The caller's dialect; undefined for canonical calls (`Tokligence.run()`, the adapters). */
  dialect?: string;
  /** The model asked for: an alias, a glob match or `provider/model`. */
  model: string;
  stream: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  /** W3C trace context sent by the caller, continued by the call's span. */
  traceparent?: string;
  tracestate?: string;
}

export interface CallSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** A child span for one target (its retries included); `headers` carry the trace upstream. */
  startAttempt(target: { provider: string; providerType: string; model: string }): AttemptSpan;
  /** A guardrail's finding during this call. */
  securityEvent(event: SecurityEvent): void;
  /** Once: when the answer (or the stream) is over, or the call failed. */
  end(outcome: CallOutcome): void;
}

export interface AttemptSpan {
  /** `traceparent` (and `tracestate`) for the upstream request. */
  readonly headers: Readonly<Record<string, string>>;
  /** When the target answered (for a stream: its first content) or failed. */
  end(attempt: RouteAttempt): void;
}

export interface CallOutcome {
  route: readonly RouteAttempt[];
  usage?: Usage;
  /** The upstream model that answered. */
  responseModel?: string;
  /** How the response cache answered (`CacheOutcome`: hit, miss, bypass). */
  cache?: string;
  error?: { kind: string; status?: number; message: string };
}
