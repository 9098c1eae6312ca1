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
  /** Speed hint: words or 4–8 letter stems, one of which must occur for the rule to be tried. */
  anchors?: string[];
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
}

export const SEVERITY_WEIGHT: Record<RuleSeverity, number> = { low: 0.15, medium: 0.4, high: 0.6, critical: 0.9 };

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compile a configured rule; throws with the rule's name when its pattern is not a valid regex. */
export function compileRule(rule: RuleConfig): CompiledRule {
  let source: string;
  if (rule.pattern) source = rule.pattern;
  else if (rule.keywords?.length) source = `\\b(?:${rule.keywords.map((k) => escapeRegex(k.toLowerCase()).replace(/\s+/g, '\\s+')).join('|')})\\b`;
  else throw new Error(`security rule "${rule.name}": needs a pattern or keywords`);
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'gi');
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
    ...(rule.anchors?.length ? { anchors: rule.anchors.map((a) => a.toLowerCase()) } : {}),
  };
}

/**
 * The words of a (normalised) text and every 4–8 letter prefix of them, for `anchors` checks.
 * A contraction also counts by its first part (`don't` → `don`).
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
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 39 || c === 0x2019 || (c >= 65 && c <= 90) || (c > 127 && /[\p{L}\p{N}]/u.test(text[i]));
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      add(text.slice(start, i));
      start = -1;
    }
  }
  return out;
}
