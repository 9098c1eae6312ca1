import { isCjk, type Script } from './cjk.js';
import { foldPattern } from './normalize.js';

/**
 * Firewall rules: a regex or a keyword list, what to do on a match, how bad it is, and which text
 * it applies to. Rules match the normalised (folded, lower-case) text, so patterns are written in
 * lower case and need not spell out leetspeak or homoglyph variants.
 */

export type RuleAction = 'block' | 'flag' | 'redact';
export type RuleSeverity = 'low' | 'medium' | 'high' | 'critical';
/** Where a rule looks: the user's text, the system prompt, tool results and documents, the model's answer. */
export type RuleTarget = 'user' | 'system' | 'tool_results' | 'output';
export type RuleCategory = 'prompt_injection' | 'jailbreak' | 'prompt_extraction' | 'custom' | string;

/** A rule as configured (YAML `security.prompt_firewall.rules`). */
export interface RuleConfig {
  name: string;
  /** A regular expression (case-insensitive; matched against the normalised text). */
  pattern?: string;
  /** Alternative to `pattern`: any of these words or phrases (whole-word, case-insensitive). */
  keywords?: string[];
  action?: RuleAction;
  severity?: RuleSeverity;
  category?: RuleCategory;
  /** Default: user and tool_results. */
  applies_to?: RuleTarget[];
  /** Optional description shown as the block reason. */
  reason?: string;
  /**
   * Speed hint: words or 4–8 letter stems (or, for Chinese, Japanese and Korean, two-character
   * sequences), one of which must occur for the rule to be tried.
   */
  anchors?: string[];
  /** The script the rule is written for; it is skipped on text without it (a speed hint). */
  script?: Script;
  /**
   * Context lowers the match's weight (and a `block` becomes a weighted signal) when the words are
   * quoted, in code, to be translated or part of a question about attacks. The built-in rules set
   * it; a rule of your own blocks wherever it matches unless you set it too.
   */
  contextual?: boolean;
  /** The rule overrides earlier instructions: a user correcting their own earlier message is not that. */
  override?: boolean;
}

export interface CompiledRule {
  name: string;
  regex: RegExp;
  action: RuleAction;
  severity: RuleSeverity;
  category: RuleCategory;
  appliesTo: ReadonlySet<RuleTarget>;
  reason?: string;
  anchors?: readonly string[];
  script?: Script;
  contextual: boolean;
  override: boolean;
}

export const SEVERITY_WEIGHT: Record<RuleSeverity, number> = { low: 0.15, medium: 0.4, high: 0.6, critical: 0.9 };

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A whole-word keyword; `\\b` only at ends that are ASCII word characters (CJK has no word breaks). */
function keywordPattern(keyword: string): string {
  const k = keyword.toLowerCase();
  const body = escapeRegex(k).replace(/\s+/g, '\\s+');
  return `${/^\w/.test(k) ? '\\b' : ''}${body}${/\w$/.test(k) ? '\\b' : ''}`;
}

/** Compile a configured rule; throws with the rule's name when its pattern is not a valid regex. */
export function compileRule(rule: RuleConfig): CompiledRule {
  let source: string;
  if (rule.pattern) source = rule.pattern;
  else if (rule.keywords?.length) source = `(?:${rule.keywords.map(keywordPattern).join('|')})`;
  else throw new Error(`security rule "${rule.name}": needs a pattern or keywords`);
  let regex: RegExp;
  try {
    regex = new RegExp(foldPattern(source), 'gi');
  } catch (err) {
    throw new Error(`security rule "${rule.name}": invalid pattern: ${(err as Error).message}`);
  }
  return {
    name: rule.name,
    regex,
    action: rule.action ?? 'block',
    severity: rule.severity ?? 'high',
    category: rule.category ?? 'custom',
    appliesTo: new Set(rule.applies_to ?? ['user', 'tool_results']),
    ...(rule.reason ? { reason: rule.reason } : {}),
    ...(rule.anchors?.length ? { anchors: rule.anchors.map((a) => foldPattern(a.toLowerCase())) } : {}),
    ...(rule.script ? { script: rule.script } : {}),
    contextual: rule.contextual ?? false,
    override: rule.override ?? false,
  };
}

/**
 * The words of a (normalised) text and every 4–8 letter prefix of them, for `anchors` checks.
 * A contraction also counts by its first part (`don't` → `don`). Runs of Chinese, Japanese or
 * Korean characters also add each character and each two-character sequence (those scripts have no word breaks).
 */
export function wordIndex(text: string): Set<string> {
  const out = new Set<string>();
  const add = (w: string) => {
    if (out.has(w)) return;
    out.add(w);
    const apos = w.search(/['’]/);
    if (apos > 0) out.add(w.slice(0, apos));
    for (let n = 4; n <= 8 && n < w.length; n++) out.add(w.slice(0, n));
  };
  // A manual scan is several times faster than a Unicode-aware regex on long prompts.
  let start = -1;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if (c > 127 && isCjk(c)) {
      if (start >= 0) add(text.slice(start, i));
      start = -1;
      out.add(text[i]);
      if (i + 1 < n && isCjk(text.charCodeAt(i + 1))) out.add(text.slice(i, i + 2));
      continue;
    }
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 39 || c === 0x2019 || (c >= 65 && c <= 90) || (c > 127 && /[\p{L}\p{N}\p{M}]/u.test(text[i]));
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      add(text.slice(start, i));
      start = -1;
    }
  }
  return out;
}
