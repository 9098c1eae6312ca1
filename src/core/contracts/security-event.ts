/** A guardrail's finding, for audit hooks, metrics and alerts (no PII values). */
export interface SecurityEvent {
  type: 'prompt_blocked' | 'prompt_flagged' | 'input_toxicity' | 'pii_redacted' | 'pii_detected' | 'output_blocked' | 'output_redacted' | 'guardrail_failed';
  action: 'block' | 'flag' | 'redact';
  requestId: string;
  /** The caller's dialect, or `canonical` for `Tokligence.run()` and the framework adapters. */
  dialect: string;
  model: string;
  reason?: string;
  score?: number;
  /** Rule names, toxicity categories or PII types (with counts) involved. */
  details?: Record<string, unknown>;
  at: string;
}
