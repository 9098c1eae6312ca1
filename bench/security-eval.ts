/**
 * `npm run eval:security`: measure the security layer on ../shared/evaldata (public guardrail sets)
 * and write bench/SECURITY.md. Every number is reported for the tuning split and for the held-out
 * split (a deterministic 30% of each set, by hash of the text, never looked at while writing rules).
 *
 *   npx tsx bench/security-eval.ts [--data DIR] [--out FILE] [--quiet]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PromptFirewall } from '../src/security/firewall.js';
import { checksums, detectPii, type PiiType, scoreToxicity } from '../src/security/index.js';
import { arg, benchDir, evaldataDir, flag, loadRows, type Row } from './evaldata.js';
import { heldOut } from './security-split.js';

const DATA = evaldataDir();
const OUT = resolve(arg('--out') ?? join(benchDir, 'SECURITY.md'));
const load = (file: string): Row[] => loadRows(DATA, file);

type Split = 'tune' | 'held-out';
const splitOf = (text: string): Split => (heldOut(text) ? 'held-out' : 'tune');
interface Tally {
  hit: number;
  n: number;
}
const pct = (t: Tally | undefined) => (t?.n ? `${((100 * t.hit) / t.n).toFixed(1)}% (${t.hit}/${t.n})` : '–');
class Table {
  readonly rows = new Map<string, Record<Split, Tally>>();
  add(key: string, split: Split, hit: boolean) {
    let r = this.rows.get(key);
    if (!r) this.rows.set(key, (r = { tune: { hit: 0, n: 0 }, 'held-out': { hit: 0, n: 0 } }));
    r[split].n++;
    if (hit) r[split].hit++;
  }
  total(split: Split, filter: (key: string) => boolean = () => true): Tally {
    const t = { hit: 0, n: 0 };
    for (const [k, r] of this.rows) {
      if (!filter(k)) continue;
      t.hit += r[split].hit;
      t.n += r[split].n;
    }
    return t;
  }
  markdown(header: string): string {
    const lines = [`| ${header} | tune | held-out |`, '|---|---|---|'];
    for (const [k, r] of [...this.rows].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(`| ${k} | ${pct(r.tune)} | ${pct(r['held-out'])} |`);
    return lines.join('\n');
  }
}

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

// ---------- report ----------
const all = (t: Table, split: Split) => t.total(split);
const perSetMaxFpr = (split: Split) => Math.max(...[...fpr.rows.values()].map((r) => (r[split].n ? r[split].hit / r[split].n : 0)));
const shippedPii = (split: Split) => pii.total(split);
const lines = [
  '# Security layer — measured',
  '',
  `Generated by \`npm run eval:security\` (bench/security-eval.ts) on ${new Date().toISOString().slice(0, 10)} from \`../shared/evaldata\`.`,
  'Every row is split in two: **tune** (70%, looked at while writing rules) and **held-out** (30%, chosen by a hash of the',
  'text in bench/security-split.ts, never looked at). Rules are written from attack taxonomies; no string of any set is in a rule.',
  '',
  '## Summary',
  '',
  '| goal | tune | held-out |',
  '|---|---|---|',
  `| injection recall, rules only (goal ≥ 75%) | ${pct(all(recall, 'tune'))} | ${pct(all(recall, 'held-out'))} |`,
  `| worst false-positive rate of any benign set (goal ≤ 2%) | ${(100 * perSetMaxFpr('tune')).toFixed(1)}% | ${(100 * perSetMaxFpr('held-out')).toFixed(1)}% |`,
  `| PII recognizer cases, shipped types (goal ≥ 95%) | ${pct(shippedPii('tune'))} | ${pct(shippedPii('held-out'))} |`,
  `| checksum validator cases, shipped validators (goal 100%) | ${pct(all(validators, 'tune'))} | ${pct(all(validators, 'held-out'))} |`,
  '',
  `Firewall cost on these sets: ${firewallMs.toFixed(3)} ms per prompt on average. PII over the recognizer cases: ${((piiMs / piiChars) * 1000).toFixed(2)} µs per character.`,
  '',
  '## Reading the numbers',
  '',
  '- Recall counts a prompt as caught when `PromptFirewall.check()` (built-in packs, default `blockScore` 0.45, no ML',
  '  detector) blocks it; flags alone do not count. The false-positive rate counts blocks on benign prompts.',
  '- deepset/prompt-injections labels role-play requests ("I want you to act as …") and topic switches as injections,',
  '  while MT-bench/Vicuna role-play prompts are benign: a rule that blocks one blocks the other (tried: 20% FP on the',
  '  role-play set), so role-play alone only flags. About a quarter of deepset is German; the override families have German',
  '  variants (and Spanish, French, Italian, Portuguese, Dutch, Polish, Croatian/Serbian, Russian), fewer than English.',
  '- Rules are studied on the tune split only: `npx tsx bench/security-misses.ts` lists the tune rows the firewall gets',
  '  wrong (and, with `--near`, benign rows close to a block); held-out rows are never printed.',
  '- Long prompts are mostly attacks (see the length table): recall there comes from several weak signals adding up.',
  '- Known false positives outside the sets (prompts we wrote): "stay in character" in a game master request, and',
  '  questions about where to see a system prompt ("How do I view the system prompt in the playground?") block. The',
  '  firewall is on only in the `security` profile; tune `blockScore` or turn a rule to `flag` where that hurts.',
  '- The held-out gap (tune vs held-out) is the honest measure of how far rules written from the tune split generalise;',
  '  the ML detector (`prompt_firewall.ml_detection`, an ONNX classifier) is the intended way to close it.',
  '- Speed of firewall + PII over a 50 KB prompt: `npm run bench:security` (bench/RESULTS.md, section "Security layer").',
  '',
  '## Prompt firewall: recall on attacks (blocked), per source and category',
  '',
  recall.markdown('source · category'),
  '',
  'By prompt length (the attack sets are much longer than the benign ones; see the caveat in evaldata/README.md):',
  '',
  recallByLength.markdown('length (chars)'),
  '',
  '## Prompt firewall: false positives on benign prompts (blocked), per set',
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
writeFileSync(OUT, lines.join('\n'));
if (!flag('--quiet')) {
  console.log(lines.slice(6, 16).join('\n'));
  if (flag('--failures')) {
    console.log('\nPII failures (tune split):');
    for (const f of piiFailures) console.log(' ', f);
    console.log('\nValidator failures (tune split):');
    for (const f of validatorFailures) console.log(' ', f);
  }
  console.log(`\nwrote ${OUT}`);
}
