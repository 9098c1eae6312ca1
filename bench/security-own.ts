/**
 * The security evaluation on our own sets (bench/sets): false positives on hard benign prompts per
 * category and language, attack recall per language and technique, PII near-miss false positives.
 */
import type { FirewallResult, PromptFirewall } from '../src/security/firewall.js';
import { detectPii, type PiiType } from '../src/security/index.js';
import { Table } from './eval-table.js';
import { loadOwnSet, loadPiiNearMiss, type OwnRow } from './sets.js';

/** The types the `security` profile redacts (profiles/security.yaml). */
export const PROFILE_PII_TYPES: PiiType[] = ['email', 'phone', 'ssn', 'credit_card', 'ip_address', 'iban', 'api_key', 'private_key'];

export interface Verdict {
  row: OwnRow;
  result: FirewallResult;
}

export interface OwnEvaluation {
  benignByCategory: Table;
  benignByLanguage: Table;
  attackByLanguage: Table;
  attackByTechnique: Table;
  falsePositives: Verdict[];
  misses: Verdict[];
  piiNearMiss: Table;
  piiPositives: Table;
  piiFalsePositives: Array<{ row: OwnRow; found: string[] }>;
}

/** What the firewall says about a row, scanned as the user's text or as a tool result. */
export function checkRow(fw: PromptFirewall, row: OwnRow): FirewallResult {
  return row.target === 'tool_results' ? fw.check([{ text: row.text, target: 'tool_results' }]) : fw.check(row.text);
}

export function evaluateOwnSets(fw: PromptFirewall): OwnEvaluation {
  const e: OwnEvaluation = {
    benignByCategory: new Table(),
    benignByLanguage: new Table(),
    attackByLanguage: new Table(),
    attackByTechnique: new Table(),
    falsePositives: [],
    misses: [],
    piiNearMiss: new Table(),
    piiPositives: new Table(),
    piiFalsePositives: [],
  };
  for (const row of loadOwnSet('hard-benign')) {
    const result = checkRow(fw, row);
    e.benignByCategory.add(row.category, row.split, result.blocked);
    e.benignByLanguage.add(row.lang, row.split, result.blocked);
    if (result.blocked) e.falsePositives.push({ row, result });
  }
  for (const row of loadOwnSet('attacks')) {
    const result = checkRow(fw, row);
    e.attackByLanguage.add(row.lang, row.split, result.blocked);
    e.attackByTechnique.add(row.category, row.split, result.blocked);
    if (!result.blocked) e.misses.push({ row, result });
  }
  for (const row of loadPiiNearMiss()) {
    const found = detectPii(row.text, { types: PROFILE_PII_TYPES });
    const got = found.map((f) => `${f.type}: ${f.text}`);
    if (row.expect) {
      const want = row.expect.map((x) => `${x.type}: ${x.value}`).sort();
      const ok = want.length === got.length && [...got].sort().every((g, i) => g === want[i]);
      e.piiPositives.add('positive controls found exactly', row.split, ok);
      if (!ok) e.piiFalsePositives.push({ row, found: got });
    } else {
      e.piiNearMiss.add(row.category, row.split, found.length > 0);
      if (found.length) e.piiFalsePositives.push({ row, found: got });
    }
  }
  return e;
}

/** One line about a row and what the firewall said, for the lists in SECURITY.md. */
export function describeVerdict(v: Verdict): string {
  const rules = [...new Set(v.result.matches.map((m) => m.rule))].join(', ') || 'no rule';
  const text = v.row.text.length > 160 ? `${v.row.text.slice(0, 160)}…` : v.row.text;
  const model = v.result.model === undefined ? '' : `, model ${v.result.model.toFixed(2)}`;
  return `- [${v.row.split}] ${v.row.lang} · ${v.row.category}: ${JSON.stringify(text).replace(/\|/g, '\\|')} (score ${v.result.score.toFixed(2)}${model}; ${rules})`;
}
