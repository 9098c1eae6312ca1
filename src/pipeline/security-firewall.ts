import type { Middleware } from '../core/contracts/middleware.js';
import { TokligenceError } from '../core/errors.js';
import type { Detector } from '../security/detector.js';
import type { DetectorSource, LazyDetector } from '../security/detector-runner.js';
import { PromptFirewall, requestScanInputs } from '../security/firewall.js';
import { createOnnxDetector } from '../security/onnx-detector.js';
import type { RuleConfig } from '../security/rules.js';
import { eventEmitter, mapRequestText, type SecurityConfig, type SecurityHooks, securityCall } from './security-call.js';

/** Which content kinds a firewall rule target scans. */
const KINDS_OF_TARGET = { system: ['system'], user: ['user_text'], tool_results: ['tool_results', 'documents'] } as const;

/**
 * The prompt firewall middleware: rules, the built-in classifier and the ML detectors (the same
 * `PromptFirewall.checkAsync` the standalone API runs) over user text, tool results and documents
 * (indirect injection), and the system prompt where a rule asks. A block is refused with a
 * `content_policy` error before anything reaches an upstream; a detector that fails refuses the
 * call with a 503 unless `security.fail_open`.
 */
export function promptFirewallMiddleware(config: SecurityConfig, hooks: SecurityHooks = {}): Middleware | undefined {
  const fw = config.prompt_firewall;
  if (!fw.enabled) return undefined;
  const mlOn = fw.ml_detection.enabled;
  if (mlOn && !fw.ml_detection.model)
    throw new TokligenceError('config', 'security.prompt_firewall.ml_detection.model: required when ml_detection.enabled is true (path to an ONNX model)');
  const detectors: DetectorSource[] = [...(hooks.detectors ?? []), ...(mlOn ? [onnxDetector(fw.ml_detection.model!)] : [])];
  const firewall = new PromptFirewall({
    rules: fw.rules as RuleConfig[],
    builtin: fw.builtin_packs,
    blockScore: fw.block_score,
    detectors,
    detectorThreshold: fw.ml_detection.threshold,
    detectorTimeoutMs: fw.ml_detection.timeout_ms,
    failOpen: config.fail_open,
  });
  const emit = eventEmitter(config, hooks);

  const check: Middleware = async (ctx, next) => {
    const { scan, base } = securityCall(ctx);
    const inputs = requestScanInputs(ctx.request);
    for (const target of ['system', 'user', 'tool_results'] as const) if (firewall.covers(target)) scan.covered(...KINDS_OF_TARGET[target]);
    const verdict = await firewall.checkAsync(inputs);
    if (verdict.detectors?.length) scan.covered('user_text', 'tool_results', 'documents');
    if (verdict.failed?.length) {
      scan.failed(...verdict.failed);
      const open = config.fail_open;
      emit({ ...base, type: 'guardrail_failed', action: open ? 'flag' : 'block', reason: verdict.failed.join(', '), details: { failed: verdict.failed, fail_open: open } });
    }
    if (verdict.unavailable)
      throw new TokligenceError('overloaded', `${verdict.reason}; the request was not sent (security.fail_open is false).`, { status: 503, providerType: 'guardrail_unavailable' });
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
    return next();
  };
  // Output rules and the canary are checked by the output middleware; this one reads the request only.
  return Object.assign(check, { ignoresStreamContent: true });
}

/** The configured ONNX model, loaded on first use; a failed load is retried on the next call. */
function onnxDetector(model: string): LazyDetector {
  let loading: Promise<Detector> | undefined;
  return {
    name: 'onnx',
    load: () =>
      (loading ??= createOnnxDetector({ model }).catch((err: Error) => {
        loading = undefined;
        throw new Error(`could not load ${model}: ${err.message}`);
      })),
  };
}
