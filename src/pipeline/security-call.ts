import type { TokligenceConfig } from '../config/index.js';
import { postWebhook } from '../core/webhook.js';
import type { CallContext } from '../core/contracts/call-context.js';
import type { ScanReport } from '../core/contracts/scan-report.js';
import type { SecurityEvent } from '../core/contracts/security-event.js';
import type { ChatRequest, ContentPart, Message, TextPart } from '../core/types.js';
import type { Detector } from '../security/detector.js';
import type { PiiVault } from '../security/pii/redact.js';
import type { RuleTarget } from '../security/rules.js';

/**
 * What the security middleware share within one call: the scan report they fill in together, and
 * what the request side leaves for the answer side (the PII vault, the canary). One middleware per
 * check (security-firewall, -toxicity, -pii, -canary, -output); build.ts orders them.
 */
export type SecurityConfig = TokligenceConfig['security'];

/**
 * What the security middleware report. Values of detected PII are never included, only types
 * and counts, so events can go to logs, metrics and webhooks as they are.
 */
export interface SecurityHooks {
  /** Audit hook: every security event. Exceptions are swallowed (a hook must not break calls). */
  onEvent?: (event: SecurityEvent) => void;
  /** For the webhook (tests inject their own). */
  fetch?: typeof fetch;
  /**
   * Detectors of your own (an ML classifier, a moderation API), run with the ONNX one on user text,
   * tool results and documents when `prompt_firewall.enabled`. Each call is bounded by
   * `ml_detection.timeout_ms`; a score at or above `ml_detection.threshold` blocks.
   */
  detectors?: Detector[];
}

/** Per-call security state; the key is the call's context, so it goes when the call does. */
export interface SecurityCall {
  scan: ScanTracker;
  /** Placeholders ↔ values of the PII redacted from this request (tokens mode). */
  vault?: PiiVault;
  /** The canary put into this request's system prompt. */
  canary?: string;
  /** Event fields every security event of this call carries. */
  base: { requestId: string; dialect: string; model: string };
}

const calls = new WeakMap<CallContext, SecurityCall>();

/** This call's security state, made (with its scan report) by the first security middleware to run. */
export function securityCall(ctx: CallContext): SecurityCall {
  let call = calls.get(ctx);
  if (!call) {
    call = { scan: new ScanTracker(ctx.request), base: { requestId: ctx.requestId, dialect: ctx.dialect ?? 'canonical', model: ctx.request.model } };
    calls.set(ctx, call);
    ctx.security = call.scan.report;
  }
  return call;
}

/**
 * Builds a call's ScanReport: the kinds of content present, which of them a check examined, and
 * which checks failed. Whatever is present and not marked covered is reported `not_scanned`.
 */
export class ScanTracker {
  readonly report: ScanReport = { scanned: [], not_scanned: [], failed: [] };
  private readonly present: Set<string>;
  private readonly done = new Set<string>();

  constructor(request: ChatRequest) {
    this.present = contentKinds(request);
    this.sync();
  }

  covered(...kinds: string[]): void {
    for (const k of kinds) this.done.add(k);
    this.sync();
  }

  failed(...checks: string[]): void {
    this.report.failed.push(...checks);
  }

  private sync(): void {
    const kinds = [...this.present];
    this.report.scanned = kinds.filter((k) => this.done.has(k));
    this.report.not_scanned = kinds.filter((k) => !this.done.has(k));
  }
}

/** The kinds of content in a request, plus the answer (`output`). */
function contentKinds(request: ChatRequest): Set<string> {
  const kinds = new Set<string>();
  if (request.system?.some((p) => p.text)) kinds.add('system');
  const media = (source: { kind: string }) => (source.kind === 'text' ? 'documents' : 'files');
  for (const m of request.messages)
    for (const part of m.content) {
      if (part.type === 'text') kinds.add(m.role === 'user' ? 'user_text' : 'assistant_text');
      else if (part.type === 'image') kinds.add('images');
      else if (part.type === 'document') kinds.add(media(part.source));
      else if (part.type === 'tool_call') kinds.add('tool_arguments');
      else if (part.type === 'reasoning') kinds.add('reasoning');
      else if (part.type === 'tool_result')
        for (const c of part.content) kinds.add(c.type === 'text' ? 'tool_results' : c.type === 'image' ? 'images' : c.type === 'document' ? media(c.source) : 'tool_results');
    }
  if (request.tools?.length) kinds.add('tool_definitions');
  if (request.extensions && Object.values(request.extensions).some((v) => v && Object.keys(v).length)) kinds.add('extensions');
  kinds.add('output');
  return kinds;
}

/** Apply `fn` to every text the upstream will see: system, user/assistant text, tool results, text documents, tool-call arguments. */
export function mapRequestText(request: ChatRequest, fn: (text: string, target: RuleTarget) => string): ChatRequest {
  const system = request.system?.map((p): TextPart => ({ ...p, text: fn(p.text, 'system') }));
  const messages = request.messages.map((m): Message => ({
    ...m,
    content: m.content.map((part): ContentPart => {
      switch (part.type) {
        case 'text':
          return { ...part, text: fn(part.text, m.role === 'user' ? 'user' : 'output') };
        case 'document':
          return part.source.kind === 'text' ? { ...part, source: { ...part.source, text: fn(part.source.text, 'tool_results') } } : part;
        case 'tool_result':
          return {
            ...part,
            content: part.content.map((c) =>
              c.type === 'text'
                ? { ...c, text: fn(c.text, 'tool_results') }
                : c.type === 'document' && c.source.kind === 'text'
                  ? { ...c, source: { ...c.source, text: fn(c.source.text, 'tool_results') } }
                  : c,
            ),
          };
        case 'tool_call':
          return {
            ...part,
            arguments: deepMapStrings(part.arguments, (s) => fn(s, 'output')) as Record<string, unknown>,
            ...(part.input !== undefined ? { input: fn(part.input, 'output') } : {}),
          };
        default:
          return part;
      }
    }),
  }));
  return { ...request, ...(system ? { system } : {}), messages };
}

export function deepMapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => deepMapStrings(v, fn));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepMapStrings(v, fn)]));
  return value;
}

/** Audit hook + Slack-compatible webhook. Never throws into the call. */
export function eventEmitter(config: SecurityConfig, hooks: SecurityHooks): (e: Omit<SecurityEvent, 'at'>) => void {
  const alerts = config.alerts;
  const doFetch = hooks.fetch ?? globalThis.fetch;
  return (partial) => {
    const event: SecurityEvent = { ...partial, at: new Date().toISOString() };
    try {
      hooks.onEvent?.(event);
    } catch {
      // An audit hook must not break the call.
    }
    const alertable = event.action === 'block' || (alerts.min_action === 'flag' && event.action === 'flag');
    if (alerts.webhook_url && alertable) void postAlert(doFetch, alerts.webhook_url, event);
  };
}

/** POST the event as JSON; `text` makes it render in Slack, `event` carries the details. */
export async function postAlert(doFetch: typeof fetch, url: string, event: SecurityEvent): Promise<boolean> {
  const text = `:rotating_light: Tokligence security ${event.action}: ${event.type}${event.reason ? ` — ${event.reason}` : ''} (model ${event.model}, request ${event.requestId})`;
  return postWebhook(doFetch, url, { text, event });
}
