import { canaryInstruction, containsCanary, newCanary } from './canary.js';
import { type Script, scriptsOf } from './cjk.js';
import { classify } from './classifier/model.js';
import { type ContextKind, TextContext } from './context.js';
import type { Encoding } from './decoders.js';
import { type DetectorScore, type DetectorSource, runDetectors } from './detector-runner.js';
import { type NormalizationFlag, normalizeForScan } from './normalize.js';
import { BUILTIN_RULES } from './packs.js';
import { type CompiledRule, compileRule, wordIndex, type RuleAction, type RuleCategory, type RuleConfig, type RuleSeverity, type RuleTarget, SEVERITY_WEIGHT } from './rules.js';

export interface FirewallConfig {
  /** Extra rules; they run after the built-in packs. */
  rules?: RuleConfig[];
  /** Built-in packs to load (default all three). `false` loads none. */
  builtin?: false | Array<'injection' | 'jailbreak' | 'prompt_extraction'>;
  /** A score at or above this blocks even when no single rule does (default 0.45). */
  blockScore?: number;
  /**
   * The built-in classifier (on with the built-in packs): a small linear model that ranks what the
   * rules explain. `threshold` is the model probability that blocks on its own (default 0.9,
   * where the model alone had 0.1% false positives in cross-validation on the tune split);
   * below it the model's evidence adds to the rules'. `false` turns it off.
   */
  classifier?: false | { threshold?: number };
  /** ML detectors (see `Detector`, or a `LazyDetector` that loads on first use); only `checkAsync` runs them. */
  detectors?: DetectorSource[];
  /** Detector score that blocks (default 0.9). */
  detectorThreshold?: number;
  /** Longest wait for one detector's verdict, ms (default 5000); longer counts as a failure. */
  detectorTimeoutMs?: number;
  /**
   * What a detector failure (error, timeout, no score) does in `checkAsync`: `false` (default)
   * blocks with `unavailable: true`; `true` lets the text through. Either way it is in `failed`.
   */
  failOpen?: boolean;
}

export interface FirewallMatch {
  rule: string;
  severity: RuleSeverity;
  category: RuleCategory;
  action: RuleAction;
  /** Offsets in the scanned (normalised) text; `encoding` says when it came from a decoded payload. */
  span: [number, number];
  text: string;
  target: RuleTarget;
  encoding?: Encoding;
  /** Set when context made this match weaker evidence (quoted, asked about, …): the weight it keeps. */
  factor?: number;
  /** Which context lowered the weight. */
  context?: ContextKind;
}

export interface FirewallResult {
  blocked: boolean;
  action: 'allow' | 'flag' | 'block';
  reason?: string;
  /** 0..1, from every signal: rule severities, normalisation flags, the classifier, detectors. */
  score: number;
  /** The built-in classifier's probability that the text is an attack (when it ran). */
  model?: number;
  matches: FirewallMatch[];
  flags: NormalizationFlag[];
  detectors?: DetectorScore[];
  /** Detectors that gave no verdict (`detector:<name> (timeout)`), from `checkAsync`. */
  failed?: string[];
  /** Blocked only because a detector failed and `failOpen` is off: the check could not be made. */
  unavailable?: boolean;
  /** Set when a `redact` rule matched: the input with those matches replaced. */
  redacted?: string;
}

/** A piece of text to check and where it came from. */
export interface ScanInput {
  text: string;
  target: RuleTarget;
}

/** Something with messages, like a canonical ChatRequest, without importing it (security stays standalone). */
export interface RequestLike {
  system?: ReadonlyArray<{ type: string; text?: string }>;
  messages: ReadonlyArray<{ role: string; content: readonly object[] }>;
}

const FLAG_WEIGHT: Partial<Record<NormalizationFlag, number>> = {
  tag_chars: 0.5,
  bidi_controls: 0.25,
  invisible_chars: 0.15,
  homoglyphs: 0.3,
  leetspeak: 0.05,
  spaced_letters: 0.1,
};

/** The texts the classifier reads: what the user wrote, and tool results and documents. */
const CLASSIFIED = new Set<RuleTarget>(['user', 'tool_results']);

const REASONS: Record<string, string> = {
  prompt_injection: 'Potential prompt injection detected',
  jailbreak: 'Potential jailbreak attempt detected',
  prompt_extraction: 'Potential system prompt extraction detected',
};

const PACK_OF: Record<string, 'injection' | 'jailbreak' | 'prompt_extraction'> = {
  prompt_injection: 'injection',
  jailbreak: 'jailbreak',
  prompt_extraction: 'prompt_extraction',
};

/**
 * Rule-based prompt firewall with normalisation, scoring, canaries and optional ML detectors.
 *
 * @example
 * new PromptFirewall().check('Ignore all previous instructions') // → { blocked: true, reason: 'Potential prompt injection detected', … }
 */
export class PromptFirewall {
  private readonly rules: CompiledRule[];
  private readonly blockScore: number;
  private readonly detectors: DetectorSource[];
  private readonly detectorThreshold: number;
  private readonly detectorTimeoutMs: number;
  private readonly failOpen: boolean;
  /** Model probability where the classifier's signal starts (its signal reaches blockScore at the threshold). */
  private readonly modelStart?: number;

  constructor(config: FirewallConfig = {}) {
    const packs = config.builtin === false ? [] : (config.builtin ?? ['injection', 'jailbreak', 'prompt_extraction']);
    const builtin = BUILTIN_RULES.filter((r) => packs.includes(PACK_OF[r.category ?? ''] ?? 'injection'));
    this.rules = [...builtin, ...(config.rules ?? [])].map(compileRule);
    this.blockScore = config.blockScore ?? 0.45;
    this.detectors = config.detectors ?? [];
    this.detectorThreshold = config.detectorThreshold ?? 0.9;
    this.detectorTimeoutMs = config.detectorTimeoutMs ?? 5000;
    this.failOpen = config.failOpen ?? false;
    if (config.classifier !== false && packs.length > 0) {
      const threshold = config.classifier?.threshold ?? 0.9;
      this.modelStart = Math.max(0, (threshold - this.blockScore) / (1 - this.blockScore));
    }
  }

  /** Whether `checkAsync` has detectors to run. */
  get hasDetectors(): boolean {
    return this.detectors.length > 0;
  }

  /** Whether any loaded rule scans text from `target` (what a scan report may call scanned). */
  covers(target: RuleTarget): boolean {
    return this.rules.some((r) => r.appliesTo.has(target));
  }

  /** Check a text (as user input) or a whole request (user, system and tool-result text), rules only. */
  check(input: string | RequestLike | ScanInput[]): FirewallResult {
    return this.scan(toInputs(input));
  }

  /**
   * Like `check`, then runs the ML detectors (all at once, each bounded by `detectorTimeoutMs`) on
   * the user text, tool results and documents, unless the rules already blocked. A detector score
   * at or above `detectorThreshold` blocks; a detector that fails blocks too (`unavailable`) unless
   * `failOpen`. The gateway runs exactly this, so both always agree.
   */
  async checkAsync(input: string | RequestLike | ScanInput[]): Promise<FirewallResult> {
    const inputs = toInputs(input);
    const result = this.scan(inputs);
    if (result.blocked || this.detectors.length === 0) return result;
    const text = inputs
      .filter((i) => i.target !== 'system')
      .map((i) => i.text)
      .join('\n');
    if (!text.trim()) return result;
    const run = await runDetectors(this.detectors, text, this.detectorTimeoutMs);
    result.detectors = run.scores;
    result.failed = run.failed;
    for (const d of run.scores) {
      result.score = Math.round(combine(result.score, d.score) * 1000) / 1000;
      if (d.score >= this.detectorThreshold && !result.blocked) {
        result.blocked = true;
        result.action = 'block';
        result.reason = `Potential prompt injection detected (${d.name})`;
      }
    }
    if (run.failed.length && !this.failOpen && !result.blocked) {
      result.blocked = true;
      result.unavailable = true;
      result.action = 'block';
      result.reason = `Guardrail unavailable: ${run.failed.join(', ')}`;
    }
    return result;
  }

  /** Scan output text (an answer) with the rules that apply to output, and for a canary. */
  checkOutput(text: string, canary?: string): FirewallResult {
    const result = this.scan([{ text, target: 'output' }]);
    if (canary && containsCanary(text, canary)) {
      result.blocked = true;
      result.action = 'block';
      result.reason = 'System prompt leak detected (canary token in output)';
      result.score = 1;
      result.matches.push({ rule: 'canary-leak', severity: 'critical', category: 'prompt_extraction', action: 'block', span: [0, 0], text: canary, target: 'output' });
    }
    return result;
  }

  /** Put a new canary into a system prompt; returns both. Check answers with `checkOutput(text, canary)`. */
  addCanary(systemPrompt: string): { prompt: string; canary: string } {
    const canary = newCanary();
    return { prompt: `${systemPrompt}${systemPrompt ? '\n' : ''}${canaryInstruction(canary)}`, canary };
  }

  private scan(inputs: ScanInput[]): FirewallResult {
    const matches: FirewallMatch[] = [];
    const flags = new Set<NormalizationFlag>();
    let model: number | undefined;
    let redactedAny = false;
    const redactedParts: string[] = [];
    for (const input of inputs) {
      const rules = this.rules.filter((r) => r.appliesTo.has(input.target));
      if (rules.length === 0) {
        redactedParts.push(input.text);
        continue;
      }
      const norm = normalizeForScan(input.text);
      for (const f of norm.flags) flags.add(f);
      const context = new TextContext(norm.text, input.target === 'tool_results');
      if (this.modelStart !== undefined && CLASSIFIED.has(input.target)) {
        // Judge what a framed text does with its quotations, not the quotations themselves.
        for (const view of [context.frameOnly() ?? norm.text, ...norm.decoded.map((d) => d.text)]) model = Math.max(model ?? 0, classify(view));
      }
      const redactSpans: Array<[number, number]> = [];
      const views: ScanView[] = [
        { text: norm.text, scripts: norm.scripts, context },
        ...norm.decoded.map((d) => ({ text: d.text, encoding: d.encoding, scripts: scriptsOf(d.text) })),
      ];
      for (const view of views) {
        let words: Set<string> | undefined;
        for (const rule of rules) {
          if (rule.script && !view.scripts.has(rule.script)) continue;
          if (rule.anchors) {
            words ??= wordIndex(view.text);
            const w = words;
            if (!rule.anchors.some((a) => w.has(a))) continue;
          }
          rule.regex.lastIndex = 0;
          const m = rule.regex.exec(view.text);
          if (!m) continue;
          matches.push(this.matchOf(rule, view, m, input.target));
          if (rule.action === 'redact' && !view.encoding) {
            rule.regex.lastIndex = 0;
            for (const mm of view.text.matchAll(rule.regex)) redactSpans.push([mm.index, mm.index + mm[0].length]);
          } else if (rule.action !== 'block') {
            // Repeated, distinct hits of a weak rule are more evidence (up to three, see score).
            const distinct = new Set([m[0]]);
            rule.regex.lastIndex = m.index + m[0].length;
            let more: RegExpExecArray | null;
            while (distinct.size < 3 && (more = rule.regex.exec(view.text)) !== null) {
              if (distinct.has(more[0])) continue;
              distinct.add(more[0]);
              matches.push(this.matchOf(rule, view, more, input.target));
            }
          }
        }
      }
      if (redactSpans.length) {
        redactedAny = true;
        redactedParts.push(redactSpansInOriginal(input.text, norm.text, redactSpans));
      } else redactedParts.push(input.text);
    }
    let score = 0;
    for (const w of signalWeights(matches)) score = combine(score, w);
    for (const f of flags) score = combine(score, FLAG_WEIGHT[f] ?? 0);
    // The classifier ranks: its evidence starts at modelStart and reaches blockScore at its threshold.
    if (model !== undefined && this.modelStart !== undefined) score = combine(score, Math.max(0, (model - this.modelStart) / (1 - this.modelStart)));
    // A block rule blocks on its own, unless context made the match weaker evidence.
    const hardBlock = matches.find((m) => m.action === 'block' && m.factor === undefined);
    const blocked = hardBlock !== undefined || score >= this.blockScore;
    const action: FirewallResult['action'] = blocked ? 'block' : matches.length > 0 || flags.size > 0 ? 'flag' : 'allow';
    const weight = (m: FirewallMatch) => SEVERITY_WEIGHT[m.severity] * (m.factor ?? 1);
    const top = hardBlock ?? [...matches].sort((a, b) => weight(b) - weight(a))[0];
    const configured = top ? this.rules.find((r) => r.name === top.rule)?.reason : undefined;
    const result: FirewallResult = {
      blocked,
      action,
      score: Math.round(score * 1000) / 1000,
      matches,
      flags: [...flags],
    };
    if (model !== undefined) result.model = Math.round(model * 1000) / 1000;
    if (top) result.reason = configured ?? REASONS[top.category] ?? `Security rule "${top.rule}" matched`;
    else if (blocked && flags.size) result.reason = 'Hidden or obfuscated instructions detected';
    else if (blocked) result.reason = 'Potential prompt injection detected (classifier)';
    if (redactedAny) result.redacted = redactedParts.join('\n');
    return result;
  }

  private matchOf(rule: CompiledRule, view: ScanView, m: RegExpExecArray, target: RuleTarget): FirewallMatch {
    const match: FirewallMatch = {
      rule: rule.name,
      severity: rule.severity,
      category: rule.category,
      action: rule.action,
      span: [m.index, m.index + m[0].length],
      text: m[0],
      target,
      ...(view.encoding ? { encoding: view.encoding } : {}),
    };
    if (rule.contextual && view.context) {
      const c = view.context.factor(m.index, m.index + m[0].length, rule.override);
      if (c.context) {
        match.factor = c.factor;
        match.context = c.context;
      }
    }
    return match;
  }
}

/** One text a rule scans: the normalised input, or a payload decoded from it. */
interface ScanView {
  text: string;
  encoding?: FirewallMatch['encoding'];
  scripts: ReadonlySet<Script>;
  /** Only the input itself has context; a decoded payload was hidden, not quoted. */
  context?: TextContext;
}

/**
 * The weight each independent signal adds. Further hits of the same rule count for half, then a
 * quarter; a hit inside a decoded payload counts for more (someone took the trouble to hide it);
 * context (quoted, asked about, a self-correction) lowers it. Rules that match the same words are
 * one signal, not several: matches over mostly the same words count once, at the strongest.
 */
function signalWeights(matches: FirewallMatch[]): number[] {
  const hits = new Map<string, number>();
  const weighted = matches.map((m) => {
    const n = hits.get(m.rule) ?? 0;
    hits.set(m.rule, n + 1);
    return { m, w: Math.min(1, (SEVERITY_WEIGHT[m.severity] * (m.encoding ? 1.5 : 1) * (m.factor ?? 1)) / 2 ** n) };
  });
  const byView = new Map<string, typeof weighted>();
  for (const x of weighted) {
    const key = `${x.m.target}|${x.m.encoding ?? ''}`;
    byView.set(key, [...(byView.get(key) ?? []), x]);
  }
  const out: number[] = [];
  for (const group of byView.values()) {
    // A cluster is one signal: matches covering mostly the same words (a wide frame match, such
    // as a persona's rulebook, does not swallow the narrower signals inside it).
    const clusters: Array<{ span: [number, number]; w: number }> = [];
    for (const { m, w } of group) {
      const same = clusters.find((c) => {
        const overlap = Math.min(c.span[1], m.span[1]) - Math.max(c.span[0], m.span[0]);
        return overlap > 0 && overlap >= 0.6 * Math.min(c.span[1] - c.span[0], m.span[1] - m.span[0]) && overlap >= 0.5 * Math.max(c.span[1] - c.span[0], m.span[1] - m.span[0]);
      });
      if (same) same.w = Math.max(same.w, w);
      else clusters.push({ span: m.span, w });
    }
    for (const c of clusters) out.push(c.w);
  }
  return out;
}

/** Noisy-OR: independent signals combine without exceeding 1. */
function combine(a: number, b: number): number {
  return 1 - (1 - a) * (1 - b);
}

function toInputs(input: string | RequestLike | ScanInput[]): ScanInput[] {
  if (typeof input === 'string') return [{ text: input, target: 'user' }];
  if (Array.isArray(input)) return input;
  return requestScanInputs(input);
}

/** The texts of a request with where each came from (user text, system prompt, tool results and documents). */
export function requestScanInputs(request: RequestLike): ScanInput[] {
  const out: ScanInput[] = [];
  for (const p of request.system ?? []) if (typeof p.text === 'string' && p.text) out.push({ text: p.text, target: 'system' });
  for (const m of request.messages) {
    if (m.role !== 'user') continue;
    for (const part of m.content as Array<Record<string, unknown>>) {
      if (part.type === 'text' && typeof part.text === 'string') out.push({ text: part.text, target: 'user' });
      else if (part.type === 'document') {
        const src = part.source as { kind?: string; text?: string } | undefined;
        if (src?.kind === 'text' && src.text) out.push({ text: src.text, target: 'tool_results' });
      } else if (part.type === 'tool_result' && Array.isArray(part.content)) {
        for (const c of part.content as Array<{ type: string; text?: string; source?: { kind?: string; text?: string } }>) {
          if (c.type === 'text' && c.text) out.push({ text: c.text, target: 'tool_results' });
          else if (c.type === 'document' && c.source?.kind === 'text' && c.source.text) out.push({ text: c.source.text, target: 'tool_results' });
        }
      }
    }
  }
  return out;
}

/**
 * Replace rule matches in the original text. Spans are in the normalised text; when normalisation
 * kept the length (the usual case: ASCII text, leetspeak folding is 1:1) they map directly,
 * otherwise each original character is normalised alone to build the index map.
 */
function redactSpansInOriginal(original: string, normalized: string, spans: Array<[number, number]>): string {
  let map: number[] | undefined;
  if (normalized.length !== original.length) {
    map = [];
    let i = 0;
    for (const ch of original) {
      const n = normalizeForScan(ch).text.length;
      for (let k = 0; k < n; k++) map.push(i);
      i += ch.length;
    }
    map.push(original.length);
  }
  const toOrig = (x: number) => (map ? (map[Math.min(x, map.length - 1)] ?? original.length) : x);
  const sorted = spans.map(([s, e]) => [toOrig(s), toOrig(e)] as [number, number]).sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [s, e] of sorted) {
    if (s < pos) continue;
    out += `${original.slice(pos, s)}[REDACTED]`;
    pos = e;
  }
  return out + original.slice(pos);
}
