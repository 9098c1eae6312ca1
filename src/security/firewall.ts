import { canaryInstruction, containsCanary, newCanary } from './canary.js';
import { type DetectorScore, type DetectorSource, runDetectors } from './detector-runner.js';
import { type NormalizationFlag, normalizeForScan } from './normalize.js';
import { BUILTIN_RULES } from './packs.js';
import { type CompiledRule, compileRule, wordIndex, type RuleAction, type RuleCategory, type RuleConfig, type RuleSeverity, type RuleTarget, SEVERITY_WEIGHT } from './rules.js';

export interface FirewallConfig {
  /** Extra rules; they run after the built-in packs. */
  rules?: RuleConfig[];
  /** Built-in packs to load (default all three). `false` loads none. */
  builtin?: false | Array<'injection' | 'jailbreak' | 'prompt_extraction'>;
  /** A score at or above this blocks even when no single rule does (default 0.5). */
  blockScore?: number;
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
  encoding?: 'base64' | 'hex' | 'rot13' | 'tags' | 'spaced';
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

  constructor(config: FirewallConfig = {}) {
    const packs = config.builtin === false ? [] : (config.builtin ?? ['injection', 'jailbreak', 'prompt_extraction']);
    const builtin = BUILTIN_RULES.filter((r) => packs.includes(PACK_OF[r.category ?? ''] ?? 'injection'));
    this.rules = [...builtin, ...(config.rules ?? [])].map(compileRule);
    this.blockScore = config.blockScore ?? 0.45;
    this.detectors = config.detectors ?? [];
    this.detectorThreshold = config.detectorThreshold ?? 0.9;
    this.detectorTimeoutMs = config.detectorTimeoutMs ?? 5000;
    this.failOpen = config.failOpen ?? false;
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
      const redactSpans: Array<[number, number]> = [];
      const views: Array<{ text: string; encoding?: FirewallMatch['encoding'] }> = [{ text: norm.text }, ...norm.decoded.map((d) => ({ text: d.text, encoding: d.encoding }))];
      for (const view of views) {
        let words: Set<string> | undefined;
        for (const rule of rules) {
          if (rule.anchors) {
            words ??= wordIndex(view.text);
            const w = words;
            if (!rule.anchors.some((a) => w.has(a))) continue;
          }
          rule.regex.lastIndex = 0;
          const m = rule.regex.exec(view.text);
          if (!m) continue;
          matches.push({
            rule: rule.name,
            severity: rule.severity,
            category: rule.category,
            action: rule.action,
            span: [m.index, m.index + m[0].length],
            text: m[0],
            target: input.target,
            ...(view.encoding ? { encoding: view.encoding } : {}),
          });
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
              matches.push({ rule: rule.name, severity: rule.severity, category: rule.category, action: rule.action, span: [more.index, more.index + more[0].length], text: more[0], target: input.target, ...(view.encoding ? { encoding: view.encoding } : {}) });
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
    const hits = new Map<string, number>();
    for (const m of matches) {
      const n = hits.get(m.rule) ?? 0;
      hits.set(m.rule, n + 1);
      // Further hits of the same rule count for half, then a quarter; a hit inside a decoded
      // payload counts for more: someone took the trouble to hide it.
      score = combine(score, Math.min(1, (SEVERITY_WEIGHT[m.severity] * (m.encoding ? 1.5 : 1)) / 2 ** n));
    }
    for (const f of flags) score = combine(score, FLAG_WEIGHT[f] ?? 0);
    const hardBlock = matches.find((m) => m.action === 'block');
    const blocked = hardBlock !== undefined || score >= this.blockScore;
    const action: FirewallResult['action'] = blocked ? 'block' : matches.length > 0 || flags.size > 0 ? 'flag' : 'allow';
    const top = hardBlock ?? [...matches].sort((a, b) => SEVERITY_WEIGHT[b.severity] - SEVERITY_WEIGHT[a.severity])[0];
    const configured = top ? this.rules.find((r) => r.name === top.rule)?.reason : undefined;
    const result: FirewallResult = {
      blocked,
      action,
      score: Math.round(score * 1000) / 1000,
      matches,
      flags: [...flags],
    };
    if (top) result.reason = configured ?? REASONS[top.category] ?? `Security rule "${top.rule}" matched`;
    else if (blocked) result.reason = 'Hidden or obfuscated instructions detected';
    if (redactedAny) result.redacted = redactedParts.join('\n');
    return result;
  }
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
