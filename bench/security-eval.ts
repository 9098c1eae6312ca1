/**
 * `npm run eval:security`: measure the security layer on ../shared/evaldata (public guardrail sets)
 * and write bench/SECURITY.md. Every number is reported for the tuning split and for the held-out
 * split (a deterministic 30% of each set, by hash of the text, never looked at while writing rules).
 *
 *   npx tsx bench/security-eval.ts [--data DIR] [--out FILE] [--quiet]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PromptFirewall } from '../src/security/firewall.js';
import { checksums, detectPii, type PiiType, scoreToxicity } from '../src/security/index.js';
import { pct, rate, type Split, splitOf, Table } from './eval-table.js';
import { arg, benchDir, evaldataDir, flag, loadRows, type Row } from './evaldata.js';
import { describeVerdict, evaluateOwnSets } from './security-own.js';
import { heldOut } from './security-split.js';

const DATA = evaldataDir();
const OUT = resolve(arg('--out') ?? join(benchDir, 'SECURITY.md'));
const load = (file: string): Row[] => loadRows(DATA, file);

const sourceName = (r: Row) =>
  String(r.source)
    .replace(/^github:/, '')
    .split(/[@[ ]/)[0];
const lengthBucket = (n: number) => (n < 100 ? '<100' : n < 500 ? '100–499' : n < 2000 ? '500–1999' : '≥2000');

// ---------- prompt firewall ----------
const firewall = new PromptFirewall();
const recall = new Table();
const recallByLength = new Table();
const fpr = new Table();
const fprByLength = new Table();
const t0 = performance.now();
let scanned = 0;
for (const r of load('injection/positive.jsonl')) {
  const split = splitOf(r.text);
  const blocked = firewall.check(r.text).blocked;
  recall.add(`${sourceName(r)} · ${r.category}`, split, blocked);
  recallByLength.add(lengthBucket(r.text.length), split, blocked);
  scanned++;
}
for (const r of load('injection/negative.jsonl')) {
  const split = splitOf(r.text);
  const blocked = firewall.check(r.text).blocked;
  fpr.add(`${sourceName(r)} · ${r.category}`, split, blocked);
  fprByLength.add(lengthBucket(r.text.length), split, blocked);
  scanned++;
}
const xstest = load('safety/xstest.jsonl');
for (const r of xstest.filter((x) => x.label === 0)) {
  fpr.add('XSTest · safe prompts', splitOf(r.text), firewall.check(r.text).blocked);
  scanned++;
}
const firewallMs = (performance.now() - t0) / scanned;

// ---------- toxicity (informational: XSTest is an over-refusal test) ----------
const tox = new Table();
for (const r of xstest) {
  const flagged = scoreToxicity(r.text).flagged.length > 0;
  tox.add(r.label === 0 ? 'XSTest safe → flagged (lower is better)' : 'XSTest unsafe → flagged (higher is better)', splitOf(r.text), flagged);
}

// ---------- PII recognizer cases ----------
const PRESIDIO_TYPES: Record<string, PiiType> = {
  EMAIL_ADDRESS: 'email',
  PHONE_NUMBER: 'phone',
  US_SSN: 'ssn',
  CREDIT_CARD: 'credit_card',
  IBAN_CODE: 'iban',
  IP_ADDRESS: 'ip_address',
  MAC_ADDRESS: 'mac_address',
  URL: 'url',
  CRYPTO: 'crypto',
  UK_NHS: 'uk_nhs',
  ES_NIF: 'es_nif',
  PL_PESEL: 'pl_pesel',
  FI_PERSONAL_IDENTITY_CODE: 'fi_personal_id',
  IN_AADHAAR: 'in_aadhaar',
  AU_ABN: 'au_abn',
  AU_TFN: 'au_tfn',
  ABA_ROUTING_NUMBER: 'aba_routing',
};
const LENIENCY = ['POSSIBLE', 'VALID', 'STRICT_GROUPING', 'EXACT_GROUPING'] as const;
const pii = new Table();
const piiFailures: string[] = [];
let piiChars = 0;
let piiMs = 0;
for (const r of load('pii/cases.jsonl')) {
  const type = PRESIDIO_TYPES[r.entity_type];
  if (!type) continue;
  // Presidio semantics: a single recognizer, every result with a score above zero counts.
  const scores = Array.isArray(r.expected_score) ? r.expected_score.flat() : r.expected_score === undefined ? [] : [r.expected_score];
  const mustNotDetect = scores.length > 0 && scores.every((s: unknown) => s === 0 || s === -1);
  const leniency = r.params?.leniency;
  const t = performance.now();
  const found = detectPii(r.text, {
    types: [type],
    threshold: 0.01,
    ...(leniency !== undefined ? { phoneLeniency: LENIENCY[leniency] } : {}),
  });
  piiMs += performance.now() - t;
  piiChars += r.text.length;
  let ok: boolean;
  if (mustNotDetect) ok = found.length === 0;
  else if (Array.isArray(r.expected_spans) && (r.expected_spans.length > 0 || r.expected_count === 0)) {
    const want = (r.expected_spans as number[][]).map(([s, e]) => `${s}-${e}`).sort();
    const got = found.map((f) => `${f.start}-${f.end}`).sort();
    ok = want.length === got.length && want.every((w, i) => w === got[i]);
  } else ok = found.length === (r.expected_count ?? 0);
  pii.add(r.entity_type, splitOf(r.text), ok);
  if (!ok && !heldOut(r.text)) piiFailures.push(`${r.entity_type} ${JSON.stringify(r.text.slice(0, 80))} want ${JSON.stringify(r.expected_spans ?? r.expected_count)} got ${JSON.stringify(found.map((f) => [f.start, f.end]))}`);
}

// ---------- checksum validators ----------
const VALIDATORS: Record<string, (v: string) => boolean> = {
  pl_pesel: checksums.peselValid,
  za_id_number: checksums.zaIdValid,
  de_tax_id: checksums.deTaxIdValid,
};
const validators = new Table();
const validatorFailures: string[] = [];
for (const r of load('pii/validators.jsonl')) {
  const fn = VALIDATORS[r.validator];
  if (!fn) continue;
  // `null` = Presidio leaves the value undecided; either answer passes.
  const ok = r.expected_valid === null || fn(String(r.value)) === r.expected_valid;
  validators.add(r.validator, splitOf(String(r.value)), ok);
  if (!ok && !heldOut(String(r.value))) validatorFailures.push(`${r.validator} ${JSON.stringify(r.value)} want ${r.expected_valid}`);
}

// ---------- secrets (gitleaks literal samples) ----------
const secrets = new Table();
for (const r of load('secrets/gitleaks_cases.jsonl')) {
  const found = detectPii(r.text, { types: ['api_key', 'private_key'] }).length > 0;
  secrets.add(r.label === 1 ? 'true positives detected (recall)' : 'hard negatives flagged (false positives)', splitOf(r.text), found);
}

// ---------- LLM Guard scanner cases (the scanners we have an equivalent for) ----------
const llmguard = new Table();
for (const r of load('llmguard/scanner_cases.jsonl')) {
  if (r.expected_valid === undefined || r.expected_valid === null || r.direction !== 'input') continue;
  let valid: boolean | undefined;
  if (r.scanner === 'prompt_injection') valid = !firewall.check(r.text).blocked;
  else if (r.scanner === 'invisible_text') valid = !firewall.check(r.text).flags.some((f) => f === 'invisible_chars' || f === 'tag_chars' || f === 'bidi_controls');
  else if (r.scanner === 'secrets') valid = detectPii(r.text, { types: ['api_key', 'private_key'] }).length === 0;
  if (valid === undefined) continue;
  llmguard.add(`${r.scanner} (${r.expected_valid ? 'valid' : 'invalid'} cases)`, splitOf(r.text), valid === r.expected_valid);
}

// ---------- our own sets (bench/sets) ----------
const own = evaluateOwnSets(firewall);
const GOAL_LANGS = ['zh', 'ja', 'ko', 'es', 'fr', 'de', 'ru'];

// ---------- report ----------
const all = (t: Table, split: Split) => t.total(split);
const publicBenign = (split: Split | 'all') => fpr.total(split);
const fmt = (r: number) => `${(100 * r).toFixed(1)}%`;
const worstCat = (split: Split | 'all') => {
  const w = own.benignByCategory.worst(split);
  return `${fmt(w.rate)} (${w.key})`;
};
const lowestLang = (split: Split | 'all') => {
  const l = own.attackByLanguage.lowest(split, (k) => GOAL_LANGS.includes(k));
  return `${fmt(l.rate)} (lowest: ${l.key})`;
};
const goalLangCells = (split: Split) => GOAL_LANGS.map((l) => `${l} ${fmt(rate(own.attackByLanguage.total(split, (k) => k === l)))}`).join(', ');
const listBy = (items: string[], keyOf: (s: string) => string) => {
  const groups = new Map<string, string[]>();
  for (const i of items) groups.set(keyOf(i), [...(groups.get(keyOf(i)) ?? []), i]);
  return [...groups].sort((a, b) => a[0].localeCompare(b[0])).flatMap(([k, v]) => [`**${k}** (${v.length})`, '', ...v, '']);
};
const lines = [
  '# Security layer — measured',
  '',
  `Generated by \`npm run eval:security\` (bench/security-eval.ts) on ${new Date().toISOString().slice(0, 10)} from \`../shared/evaldata\` (public sets) and \`bench/sets\` (ours).`,
  'Every row is split in two: **tune** (70%, looked at while writing rules, and what the classifier trains on) and **held-out**',
  '(30%, chosen by a hash of the text in bench/security-split.ts, never looked at while writing rules and never trained on).',
  'Rules are written from attack taxonomies; no string of any set is in a rule.',
  '',
  '## Goals (issue 15)',
  '',
  '| measure | goal | tune | held-out |',
  '|---|---|---|---|',
  `| false positives, our hard benign set, overall | ≤ 1% | ${pct(own.benignByCategory.total('tune'))} | ${pct(own.benignByCategory.total('held-out'))} |`,
  `| false positives, our hard benign set, worst category | ≤ 3% | ${worstCat('tune')} | ${worstCat('held-out')} |`,
  `| false positives, our hard benign set, worst language | – | ${fmt(own.benignByLanguage.worst('tune').rate)} (${own.benignByLanguage.worst('tune').key}) | ${fmt(own.benignByLanguage.worst('held-out').rate)} (${own.benignByLanguage.worst('held-out').key}) |`,
  `| false positives, public benign sets | ≤ 1% | ${pct(publicBenign('tune'))} | ${pct(publicBenign('held-out'))} |`,
  `| injection recall, public sets | ≥ 80% held-out | ${pct(all(recall, 'tune'))} | ${pct(all(recall, 'held-out'))} |`,
  `| injection recall per language, our multilingual set (zh, ja, ko, es, fr, de, ru) | ≥ 70% each, held-out | ${lowestLang('tune')} | ${lowestLang('held-out')} |`,
  `| PII: Presidio cases of the types we ship | ≥ 97% | ${pct(pii.total('tune'))} | ${pct(pii.total('held-out'))} |`,
  `| PII: checksum validator cases | 100% | ${pct(all(validators, 'tune'))} | ${pct(all(validators, 'held-out'))} |`,
  `| PII: near-miss rows with a false positive | ≤ 3% | ${pct(own.piiNearMiss.total('tune'))} | ${pct(own.piiNearMiss.total('held-out'))} |`,
  `| PII: positive controls of the near-miss set found exactly | – | ${pct(own.piiPositives.total('tune'))} | ${pct(own.piiPositives.total('held-out'))} |`,
  '| firewall + PII + classifier on a 50 KB prompt, p50 | ≤ 2 ms | `npm run bench:security` (bench/RESULTS.md) | |',
  '',
  `Per goal language, attacks blocked — tune: ${goalLangCells('tune')}; held-out: ${goalLangCells('held-out')}.`,
  '',
  `Firewall cost on the public sets: ${firewallMs.toFixed(3)} ms per prompt on average. PII over the recognizer cases: ${((piiMs / piiChars) * 1000).toFixed(2)} µs per character.`,
  '',
  '## Reading the numbers',
  '',
  '- Recall counts a prompt as caught when `PromptFirewall.check()` (built-in packs and classifier, default `blockScore`,',
  '  no external ML detector) blocks it; flags alone do not count. The false-positive rate counts blocks on benign prompts.',
  '- Our sets (bench/sets, README there) were written by the same people who wrote the rules: their held-out split measures',
  '  new sentences, not new authors. The public held-out split is the independent measure.',
  '- Tool-result and retrieved-document rows of our sets are scanned as `tool_results` (indirect input), the rest as user text.',
  '- Rules are studied on the tune split only: `npx tsx bench/security-misses.ts [--own]` lists the tune rows the firewall',
  '  gets wrong (and, with `--near`, benign rows close to a block); held-out rows are never printed.',
  '- Speed of firewall + PII + classifier over a 50 KB prompt: `npm run bench:security` (bench/RESULTS.md, "Security layer").',
  '',
  '## Our hard benign set: false positives (blocked), per category',
  '',
  own.benignByCategory.markdown('category', true),
  '',
  'Per language:',
  '',
  own.benignByLanguage.markdown('language', true),
  '',
  '## Our multilingual attack set: recall (blocked), per language',
  '',
  own.attackByLanguage.markdown('language', true),
  '',
  'Per technique:',
  '',
  own.attackByTechnique.markdown('technique', true),
  '',
  '## What remains: false positives and misses of our sets, by category',
  '',
  'The rows the firewall still gets wrong (both splits; listed after the rules were written). Why, per category: see',
  '"Known limits" below.',
  '',
  '### False positives (hard benign rows blocked)',
  '',
  ...(own.falsePositives.length ? listBy(own.falsePositives.map(describeVerdict), (l) => l.split(' · ')[1].split(':')[0]) : ['None.', '']),
  '### Misses (attack rows not blocked)',
  '',
  ...(own.misses.length ? listBy(own.misses.map(describeVerdict), (l) => l.split(' · ')[1].split(':')[0]) : ['None.', '']),
  '### PII near-miss rows with a false positive (and positive controls missed)',
  '',
  ...(own.piiFalsePositives.length ? own.piiFalsePositives.map((f) => `- [${f.row.split}] ${f.row.category}: ${JSON.stringify(f.row.text)} → ${f.found.join('; ') || 'nothing'}`) : ['None.']),
  '',
  '## Our PII near-miss set: rows with a false positive, per category',
  '',
  own.piiNearMiss.markdown('category', true),
  '',
  own.piiPositives.markdown('positive controls', true),
  '',
  '## Public sets: prompt firewall recall on attacks (blocked), per source and category',
  '',
  recall.markdown('source · category'),
  '',
  'By prompt length (the attack sets are much longer than the benign ones; see the caveat in evaldata/README.md):',
  '',
  recallByLength.markdown('length (chars)'),
  '',
  '## Public sets: false positives on benign prompts (blocked), per set',
  '',
  fpr.markdown('source · category'),
  '',
  fprByLength.markdown('length (chars), injection/negative only'),
  '',
  '## PII recognizers: Presidio test cases passed, per entity type we ship',
  '',
  'A case passes when the recognizer for that type returns exactly the expected spans (or count), every score above zero',
  'counting, as in Presidio; cases whose expected score is 0 must return nothing. Phone cases use the leniency the case names.',
  '',
  pii.markdown('Presidio entity type'),
  '',
  '## Checksum validators (pii/validators.jsonl), shipped validators',
  '',
  '`null` (Presidio: undecided) passes either way. Not shipped: DE VAT / BSNR / LANR / health-insurance / passport / id-card, IN GSTIN.',
  '',
  validators.markdown('validator'),
  '',
  '## Secrets (gitleaks literal samples, api_key + private_key recognizers)',
  '',
  secrets.markdown('measure'),
  '',
  '## LLM Guard input-scanner cases we have an equivalent for (share answered like LLM Guard)',
  '',
  llmguard.markdown('scanner'),
  '',
  '## Toxicity lexicon on XSTest (informational)',
  '',
  tox.markdown('measure'),
  '',
];
const KNOWN_LIMITS = join(benchDir, 'security-known-limits.md');
if (existsSync(KNOWN_LIMITS)) lines.push(readFileSync(KNOWN_LIMITS, 'utf8'));
writeFileSync(OUT, lines.join('\n'));
if (!flag('--quiet')) {
  console.log(lines.slice(7, 24).join('\n'));
  if (flag('--failures')) {
    console.log('\nPII failures (tune split):');
    for (const f of piiFailures) console.log(' ', f);
    console.log('\nValidator failures (tune split):');
    for (const f of validatorFailures) console.log(' ', f);
  }
  console.log(`\nwrote ${OUT}`);
}
