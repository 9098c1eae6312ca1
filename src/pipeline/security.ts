import type { TokligenceConfig } from '../config/index.js';
import { TokligenceError } from '../core/errors.js';
import type { ChatEvent, ChatRequest, ChatResponse, ContentPart, Message, TextPart, Usage } from '../core/types.js';
import { emptyUsage } from '../core/types.js';
import { canaryInstruction, containsCanary, newCanary } from '../security/canary.js';
import type { Detector, DetectorResult } from '../security/detector.js';
import { type FirewallResult, PromptFirewall, requestScanInputs } from '../security/firewall.js';
import { createOnnxDetector } from '../security/onnx-detector.js';
import { detectPii, type PiiEntity } from '../security/pii/detect.js';
import type { PiiType } from '../security/pii/recognizers.js';
import { applyRedaction, PiiVault, type RedactionMode } from '../security/pii/redact.js';
import type { RuleConfig, RuleTarget } from '../security/rules.js';
import { StreamTextGuard } from '../security/stream-text.js';
import { scoreToxicity, type ToxicityCategory } from '../security/toxicity.js';
import type { CallContext } from '../core/contracts/call-context.js';
import type { Middleware } from '../core/contracts/middleware.js';
import type { ScanReport } from '../core/contracts/scan-report.js';
import type { SecurityEvent } from '../core/contracts/security-event.js';

type SecurityConfig = TokligenceConfig['security'];

/**
 * What the security middleware reports. Values of detected PII are never included, only types
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

/**
 * The security middleware (slot 1): prompt firewall and input toxicity (refused with a
 * `content_policy` error before anything reaches an upstream), PII redaction with reversible
 * placeholders, a canary in the system prompt, and output validation of answers and streams.
 *
 * A blocked stream ends with a canonical `finish` whose reason is `content_filter` (each dialect
 * renders its own content-filter stop); `response_validation.on_block: error` ends it with an
 * `error` event (content_policy) instead.
 */
export function securityMiddleware(config: SecurityConfig, hooks: SecurityHooks = {}): Middleware | undefined {
  const fw = config.prompt_firewall;
  const pii = config.pii_detection;
  const out = config.response_validation;
  const cf = config.content_filter;
  if (!fw.enabled && !pii.enabled && !out.block_unsafe_output && !cf.enabled) return undefined;

  const firewall = fw.enabled
    ? new PromptFirewall({
        rules: fw.rules as RuleConfig[],
        builtin: fw.builtin_packs,
        blockScore: fw.block_score,
        detectorThreshold: fw.ml_detection.threshold,
      })
    : undefined;
  let onnx: Promise<Detector> | undefined;
  const mlOn = fw.enabled && fw.ml_detection.enabled;
  if (mlOn && !fw.ml_detection.model)
    throw new TokligenceError('config', 'security.prompt_firewall.ml_detection.model: required when ml_detection.enabled is true (path to an ONNX model)');
  const plugged = fw.enabled ? (hooks.detectors ?? []) : [];
  // The ONNX model loads on first use; a load failure is a detector failure like any other.
  const detectors: Array<{ name: string; get: () => Promise<Detector> }> = [
    ...plugged.map((d) => ({ name: d.name, get: async () => d })),
    ...(mlOn
      ? [{ name: 'onnx', get: () => (onnx ??= createOnnxDetector({ model: fw.ml_detection.model! }).catch((err: Error) => {
            onnx = undefined;
            throw new Error(`could not load ${fw.ml_detection.model}: ${err.message}`);
          })) }]
      : []),
  ];
  // Custom rules that name `output` also scan the model's answers (and streams, window by window).
  const outputRules = fw.enabled ? (fw.rules as RuleConfig[]).filter((r) => r.applies_to?.includes('output')) : [];
  const outputFirewall = outputRules.length ? new PromptFirewall({ builtin: false, rules: outputRules, blockScore: fw.block_score }) : undefined;
  const checksOutput = out.block_unsafe_output || outputFirewall !== undefined || (fw.enabled && fw.canary);
  const toxicityOptions = { threshold: cf.toxicity.threshold, categories: cf.toxicity.categories as ToxicityCategory[] };
  const piiOptions = { types: pii.types as PiiType[], threshold: pii.threshold };
  const emit = eventEmitter(config, hooks);

  return async (ctx, next) => {
    const base = { requestId: ctx.requestId, dialect: ctx.dialect, model: ctx.request.model };
    const scan = new ScanTracker(ctx.request);
    ctx.security = scan.report;
    // 1. Firewall: user text, tool results and documents (indirect injection), system prompt per rule.
    if (firewall) {
      const inputs = requestScanInputs(ctx.request);
      let verdict: FirewallResult = firewall.check(inputs);
      for (const target of ['system', 'user', 'tool_results'] as const) if (firewall.covers(target)) scan.covered(...KINDS_OF_TARGET[target]);
      if (!verdict.blocked && detectors.length) {
        const text = inputs
          .filter((i) => i.target !== 'system')
          .map((i) => i.text)
          .join('\n');
        if (text.trim()) {
          const timeoutMs = fw.ml_detection.timeout_ms;
          const results = await Promise.allSettled(detectors.map(async (d) => withTimeout((await d.get()).detect(text), timeoutMs)));
          const failures: string[] = [];
          results.forEach((r, i) => {
            const name = detectors[i].name;
            if (r.status === 'rejected') {
              failures.push(`detector:${name} (${r.reason instanceof DetectorTimeout ? 'timeout' : 'error'})`);
              return;
            }
            scan.covered('user_text', 'tool_results', 'documents');
            const score = Number.isFinite(r.value?.score) ? r.value.score : Number.NaN;
            if (Number.isNaN(score)) failures.push(`detector:${name} (no score)`);
            else if (score >= fw.ml_detection.threshold && !verdict.blocked)
              verdict = { ...verdict, blocked: true, action: 'block', reason: `Potential prompt injection detected (${name})`, detectors: [{ name, score, ...(r.value.label ? { label: r.value.label } : {}) }] };
          });
          if (failures.length) {
            scan.failed(...failures);
            const open = config.fail_open;
            emit({ ...base, type: 'guardrail_failed', action: open ? 'flag' : 'block', reason: failures.join(', '), details: { failed: failures, fail_open: open } });
            if (!open && !verdict.blocked)
              throw new TokligenceError('overloaded', `Guardrail unavailable: ${failures.join(', ')}; the request was not sent (security.fail_open is false).`, {
                status: 503,
                providerType: 'guardrail_unavailable',
              });
          }
        }
      }
      const rules = [...new Set(verdict.matches.map((m) => m.rule))];
      if (verdict.blocked) {
        emit({ ...base, type: 'prompt_blocked', action: 'block', reason: verdict.reason, score: verdict.score, details: { rules, flags: verdict.flags } });
        throw new TokligenceError('content_policy', `${verdict.reason ?? 'Blocked by the prompt firewall'}.`, { param: 'messages', providerType: 'prompt_firewall' });
      }
      if (verdict.matches.some((m) => m.action === 'redact')) {
        ctx.request = mapRequestText(ctx.request, (text, target) => firewall.check([{ text, target }]).redacted ?? text);
        ctx.rewritten = true;
      }
      if (verdict.action === 'flag') emit({ ...base, type: 'prompt_flagged', action: 'flag', reason: verdict.reason, score: verdict.score, details: { rules, flags: verdict.flags } });
    }
    // 2. Input toxicity.
    if (cf.enabled) {
      scan.covered('user_text');
      const userText = requestScanInputs(ctx.request)
        .filter((i) => i.target === 'user')
        .map((i) => i.text)
        .join('\n');
      const tox = scoreToxicity(userText, toxicityOptions);
      if (tox.flagged.length) {
        emit({ ...base, type: 'input_toxicity', action: 'block', reason: 'Unsafe content detected', score: tox.score, details: { categories: tox.flagged } });
        throw new TokligenceError('content_policy', `Unsafe content detected (${tox.flagged.join(', ')}).`, { param: 'messages', providerType: 'content_filter' });
      }
    }
    // 3. PII: redact before the upstream sees it.
    let vault: PiiVault | undefined;
    if (pii.enabled) {
      const counts: Record<string, number> = {};
      const count = (es: PiiEntity[]) => {
        for (const e of es) counts[e.type] = (counts[e.type] ?? 0) + 1;
      };
      scan.covered('system', 'user_text', 'tool_results', 'documents');
      if (pii.auto_redact) {
        scan.covered('assistant_text', 'tool_arguments');
        const mode = pii.mode as RedactionMode;
        if (mode === 'tokens') vault = new PiiVault();
        const redacted = mapRequestText(ctx.request, (text) => {
          const entities = detectPii(text, piiOptions);
          if (!entities.length) return text;
          count(entities);
          return applyRedaction(text, entities, { mode, vault }).text;
        });
        if (Object.keys(counts).length) {
          ctx.request = redacted;
          ctx.rewritten = true;
          emit({ ...base, type: 'pii_redacted', action: 'redact', details: { types: counts, mode } });
        }
      } else {
        for (const i of requestScanInputs(ctx.request)) count(detectPii(i.text, piiOptions));
        if (Object.keys(counts).length) emit({ ...base, type: 'pii_detected', action: 'flag', details: { types: counts } });
      }
      if (vault && vault.size === 0) vault = undefined;
    }
    // 4. Canary in the system prompt.
    let canary: string | undefined;
    if (fw.enabled && fw.canary) {
      canary = newCanary();
      ctx.request = { ...ctx.request, system: [...(ctx.request.system ?? []), { type: 'text', text: canaryInstruction(canary) }] };
      ctx.rewritten = true;
    }

    if (checksOutput) scan.covered('output');

    const result = await next();
    if (!vault && !out.block_unsafe_output && !canary && !outputFirewall) return result;

    const inspect = outputInspector(out.block_unsafe_output, canary, toxicityOptions, outputFirewall);
    const redactNew = out.block_unsafe_output && out.redact_pii && pii.enabled;
    const onBlock = (reason: string) => emit({ ...base, type: 'output_blocked', action: 'block', reason });
    if (result.type === 'response') {
      const checked = guardResponse(result.response, { vault, inspect, redactNew, piiOptions, onBlock, onRedact: (types) => emit({ ...base, type: 'output_redacted', action: 'redact', details: { types } }) });
      if (checked.blocked && out.on_block === 'error') throw new TokligenceError('content_policy', `${checked.blocked}.`, { providerType: 'response_validation' });
      // The answer changed (or may have): the raw upstream body must not be replayed.
      return { type: 'response', response: checked.response };
    }
    return {
      type: 'stream',
      events: guardStream(result.events, { vault, inspect, redactNew, piiOptions, onBlock, asError: out.on_block === 'error', ctx }),
    };
  };
}

/** Which content kinds a firewall rule target scans. */
const KINDS_OF_TARGET = { system: ['system'], user: ['user_text'], tool_results: ['tool_results', 'documents'] } as const;

/**
 * Builds a call's ScanReport: the kinds of content present, which of them a check examined, and
 * which checks failed. Whatever is present and not marked covered is reported `not_scanned`.
 */
class ScanTracker {
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

class DetectorTimeout extends Error {}

/** A detector's verdict, or a DetectorTimeout after `ms`. */
async function withTimeout(verdict: Promise<DetectorResult> | DetectorResult, ms: number): Promise<DetectorResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DetectorTimeout(`no verdict within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(verdict), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Returns a reason when a window of output must not be released. */
type Inspector = (window: string) => string | undefined;

function outputInspector(
  validate: boolean,
  canary: string | undefined,
  toxicity: { threshold: number; categories: ToxicityCategory[] },
  rules?: PromptFirewall,
): Inspector {
  return (window) => {
    if (canary && containsCanary(window, canary)) return 'System prompt leak detected (canary token in output)';
    const ruled = rules?.checkOutput(window);
    if (ruled?.blocked) return ruled.reason ?? 'Blocked by an output rule';
    if (!validate) return undefined;
    const secrets = detectPii(window, { types: ['api_key', 'private_key'] });
    if (secrets.length) return `Secret detected in output (${secrets[0].kind ?? secrets[0].type})`;
    const tox = scoreToxicity(window, toxicity);
    if (tox.flagged.length) return `Unsafe output detected (${tox.flagged.join(', ')})`;
    return undefined;
  };
}

interface GuardOptions {
  vault?: PiiVault;
  inspect: Inspector;
  redactNew: boolean;
  piiOptions: { types: PiiType[]; threshold: number };
  onBlock: (reason: string) => void;
}

/** Validate and restore a whole answer. */
function guardResponse(
  response: ChatResponse,
  o: GuardOptions & { onRedact: (types: Record<string, number>) => void },
): { response: ChatResponse; blocked?: string } {
  for (const part of response.content) {
    const text = part.type === 'text' || part.type === 'reasoning' ? part.text : part.type === 'tool_call' ? (part.input ?? JSON.stringify(part.arguments)) : '';
    const reason = text ? o.inspect(text) : undefined;
    if (reason) {
      o.onBlock(reason);
      return { response: { ...response, content: [], finishReason: 'content_filter', rawFinishReason: 'content_filter' }, blocked: reason };
    }
  }
  const redactedTypes: Record<string, number> = {};
  const fix = (text: string): string => {
    let t = text;
    if (o.redactNew) {
      const entities = detectPii(t, o.piiOptions);
      for (const e of entities) redactedTypes[e.type] = (redactedTypes[e.type] ?? 0) + 1;
      if (entities.length) t = applyRedaction(t, entities, { mode: 'replace' }).text;
    }
    return o.vault ? o.vault.restore(t) : t;
  };
  const content = response.content.map((part): ContentPart => {
    if (part.type === 'text') return { ...part, text: fix(part.text) };
    if (part.type === 'reasoning' && !part.signature) return { ...part, text: fix(part.text) };
    if (part.type === 'tool_call' && o.vault) {
      const v = o.vault;
      return { ...part, arguments: deepMapStrings(part.arguments, (s) => v.restore(s)) as Record<string, unknown>, ...(part.input !== undefined ? { input: v.restore(part.input) } : {}) };
    }
    return part;
  });
  if (Object.keys(redactedTypes).length) o.onRedact(redactedTypes);
  return { response: { ...response, content } };
}

/**
 * Validate and restore a stream, part by part. Text, reasoning and tool-argument deltas go through
 * a StreamTextGuard (hold-back buffer); a block closes the open part and ends the stream.
 */
async function* guardStream(
  events: AsyncIterable<ChatEvent>,
  o: GuardOptions & { asError: boolean; ctx: CallContext },
): AsyncGenerator<ChatEvent> {
  let guard: StreamTextGuard | undefined;
  let open: { index: number; kind: 'text' | 'reasoning' | 'tool_call' } | undefined;
  let usage: Partial<Usage> = {};
  const deltaOf = (index: number, kind: 'text' | 'reasoning' | 'tool_call', text: string): ChatEvent =>
    kind === 'tool_call'
      ? { type: 'delta', index, delta: { type: 'tool_arguments', json: text } }
      : { type: 'delta', index, delta: kind === 'text' ? { type: 'text', text } : { type: 'reasoning', text } };
  const end = (reason: string): ChatEvent[] => {
    o.onBlock(reason);
    const closing: ChatEvent[] = open ? [{ type: 'part_end', index: open.index }] : [];
    if (o.asError) return [...closing, { type: 'error', error: new TokligenceError('content_policy', `${reason}.`, { providerType: 'response_validation' }) }];
    return [...closing, { type: 'finish', finishReason: 'content_filter', rawFinishReason: 'content_filter', usage: { ...emptyUsage(), ...usage } }];
  };
  const iterator = events[Symbol.asyncIterator]();
  try {
    for (;;) {
      const step = await iterator.next();
      if (step.done) return;
      const ev = step.value;
      if (ev.type === 'start') {
        if (ev.usage) usage = ev.usage;
        yield ev;
      } else if (ev.type === 'part_start') {
        const kind = ev.part.type;
        open = { index: ev.index, kind };
        guard = new StreamTextGuard({
          vault: o.vault,
          // Tool arguments are JSON text: restored values must be escaped as string content.
          escape: kind === 'tool_call' ? (v) => JSON.stringify(v).slice(1, -1) : undefined,
          redactNew: o.redactNew && kind !== 'tool_call',
          detect: o.piiOptions,
          inspect: (window) => o.inspect(window),
        });
        yield ev;
      } else if (ev.type === 'delta' && guard && open && ev.delta.type !== 'signature') {
        const text = ev.delta.type === 'tool_arguments' ? ev.delta.json : ev.delta.text;
        const r = guard.push(text);
        if (r.blocked) {
          yield* end(r.blocked);
          return;
        }
        if (r.text) yield deltaOf(ev.index, open.kind, r.text);
      } else if (ev.type === 'delta' && ev.delta.type === 'signature' && guard && open) {
        // Keep order within the part: release held text first.
        const r = guard.flush();
        if (r.blocked) {
          yield* end(r.blocked);
          return;
        }
        if (r.text) yield deltaOf(ev.index, open.kind, r.text);
        guard = new StreamTextGuard({ vault: o.vault, redactNew: false, inspect: (w) => o.inspect(w) });
        yield ev;
      } else if (ev.type === 'part_end') {
        if (guard && open) {
          const r = guard.flush();
          if (r.blocked) {
            yield* end(r.blocked);
            return;
          }
          if (r.text) yield deltaOf(ev.index, open.kind, r.text);
        }
        guard = undefined;
        open = undefined;
        yield ev;
      } else {
        if (ev.type === 'finish') usage = ev.usage;
        yield ev;
      }
    }
  } finally {
    // Stop the upstream when we end early (a block, or the caller went away).
    await iterator.return?.();
  }
}

/** Apply `fn` to every text the upstream will see: system, user/assistant text, tool results, text documents, tool-call arguments. */
function mapRequestText(request: ChatRequest, fn: (text: string, target: RuleTarget) => string): ChatRequest {
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

function deepMapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => deepMapStrings(v, fn));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepMapStrings(v, fn)]));
  return value;
}

/** Audit hook + Slack-compatible webhook. Never throws into the call. */
function eventEmitter(config: SecurityConfig, hooks: SecurityHooks): (e: Omit<SecurityEvent, 'at'>) => void {
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
  try {
    const res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, event }),
      signal: AbortSignal.timeout(5000),
    });
    return res.ok;
  } catch {
    return false;
  }
}
