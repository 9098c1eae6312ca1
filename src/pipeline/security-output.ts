import type { Middleware } from '../core/contracts/middleware.js';
import { TokligenceError } from '../core/errors.js';
import type { ChatEvent, ChatResponse, ContentPart, Usage } from '../core/types.js';
import { emptyUsage } from '../core/types.js';
import { containsCanary } from '../security/canary.js';
import { PromptFirewall } from '../security/firewall.js';
import { detectPii } from '../security/pii/detect.js';
import type { PiiType } from '../security/pii/recognizers.js';
import { applyRedaction, type PiiVault } from '../security/pii/redact.js';
import type { RuleConfig } from '../security/rules.js';
import { StreamTextGuard } from '../security/stream-text.js';
import { scoreToxicity, type ToxicityCategory } from '../security/toxicity.js';
import { deepMapStrings, eventEmitter, type SecurityConfig, type SecurityHooks, securityCall } from './security-call.js';

/**
 * Output validation: the one place answers are checked and restored, in one pass over a response
 * or a stream (a single hold-back buffer, however many checks are on). It runs what the other
 * security middleware leave for the answer: the canary (leak check), the PII vault (placeholders
 * restored), the firewall's `output` rules, and its own checks (`response_validation`: secrets,
 * toxicity, new PII redacted).
 *
 * A blocked stream ends with a canonical `finish` whose reason is `content_filter` (each dialect
 * renders its own content-filter stop); `response_validation.on_block: error` ends it with an
 * `error` event (content_policy) instead.
 */
export function outputValidationMiddleware(config: SecurityConfig, hooks: SecurityHooks = {}): Middleware | undefined {
  const fw = config.prompt_firewall;
  const pii = config.pii_detection;
  const out = config.response_validation;
  // Custom rules that name `output` also scan the model's answers (and streams, window by window).
  const outputRules = fw.enabled ? (fw.rules as RuleConfig[]).filter((r) => r.applies_to?.includes('output')) : [];
  const outputFirewall = outputRules.length ? new PromptFirewall({ builtin: false, rules: outputRules, blockScore: fw.block_score }) : undefined;
  const canaryOn = fw.enabled && fw.canary;
  const restores = pii.enabled && pii.auto_redact && pii.mode === 'tokens';
  if (!out.block_unsafe_output && !outputFirewall && !canaryOn && !restores) return undefined;
  const checksOutput = out.block_unsafe_output || outputFirewall !== undefined || canaryOn;
  const toxicity = { threshold: config.content_filter.toxicity.threshold, categories: config.content_filter.toxicity.categories as ToxicityCategory[] };
  const piiOptions = { types: pii.types as PiiType[], threshold: pii.threshold };
  const redactNew = out.block_unsafe_output && out.redact_pii && pii.enabled;
  const emit = eventEmitter(config, hooks);

  return async (ctx, next) => {
    const call = securityCall(ctx);
    if (checksOutput) call.scan.covered('output');
    const result = await next();
    const { vault, canary, base } = call;
    if (!vault && !out.block_unsafe_output && !canary && !outputFirewall) return result;
    const inspect = outputInspector(out.block_unsafe_output, canary, toxicity, outputFirewall);
    const onBlock = (reason: string) => emit({ ...base, type: 'output_blocked', action: 'block', reason });
    if (result.type === 'response') {
      const checked = guardResponse(result.response, { vault, inspect, redactNew, piiOptions, onBlock, onRedact: (types) => emit({ ...base, type: 'output_redacted', action: 'redact', details: { types } }) });
      if (checked.blocked && out.on_block === 'error') throw new TokligenceError('content_policy', `${checked.blocked}.`, { providerType: 'response_validation' });
      // The answer changed (or may have): the raw upstream body must not be replayed.
      return { type: 'response', response: checked.response };
    }
    return { type: 'stream', events: guardStream(result.events, { vault, inspect, redactNew, piiOptions, onBlock, asError: out.on_block === 'error' }) };
  };
}

/** Returns a reason when a window of output must not be released. */
type Inspector = (window: string) => string | undefined;

function outputInspector(validate: boolean, canary: string | undefined, toxicity: { threshold: number; categories: ToxicityCategory[] }, rules?: PromptFirewall): Inspector {
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
function guardResponse(response: ChatResponse, o: GuardOptions & { onRedact: (types: Record<string, number>) => void }): { response: ChatResponse; blocked?: string } {
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
async function* guardStream(events: AsyncIterable<ChatEvent>, o: GuardOptions & { asError: boolean }): AsyncGenerator<ChatEvent> {
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
