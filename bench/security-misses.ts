/**
 * Study aid for rule writing: print the TUNE-split rows the prompt firewall gets wrong (attacks it
 * lets through, benign prompts it blocks) with the rules that fired and the score. Held-out rows
 * (bench/security-split.ts) are skipped before anything is printed, so they stay unseen.
 *
 *   npx tsx bench/security-misses.ts [--data DIR] [--source deepset] [--near 0.3] [--max 120]
 *   npx tsx bench/security-misses.ts --own [--lang zh] [--category override] [--near 0.3]
 *
 * `--own` studies our own sets (bench/sets) instead: attacks missed and hard benign rows blocked.
 * `--near S` also lists benign tune rows that are not blocked but score ≥ S (how close a new rule
 * comes to a false positive).
 */
import { PromptFirewall } from '../src/security/firewall.js';
import { arg, evaldataDir, flag, loadRows, type Row } from './evaldata.js';
import { checkRow } from './security-own.js';
import { heldOut } from './security-split.js';
import { loadOwnSet, type OwnRow } from './sets.js';

if (flag('--own')) {
  studyOwnSets();
  process.exit(0);
}

const DATA = evaldataDir();
const source = arg('--source');
const near = arg('--near') === undefined ? undefined : Number(arg('--near'));
const max = Number(arg('--max') ?? 1e9);

const tuneRows = (file: string): Row[] => loadRows(DATA, file).filter((r) => !heldOut(r.text) && (!source || String(r.source).includes(source)));

const fw = new PromptFirewall();
const show = (r: Row) => {
  const res = fw.check(r.text);
  const rules = [...new Set(res.matches.map((m) => m.rule))].join(',') || '-';
  const text = r.text.length > 400 ? `${r.text.slice(0, 400)}…[${r.text.length}]` : r.text;
  return `[${res.score.toFixed(2)} ${rules}] ${String(r.source).split(/[@[ ]/)[0]}·${r.category}: ${JSON.stringify(text)}`;
};

const positives = tuneRows('injection/positive.jsonl');
const missed = positives.filter((r) => !fw.check(r.text).blocked);
const bySource = new Map<string, [number, number]>();
for (const r of positives) {
  const key = `${String(r.source).split(/[@[ ]/)[0]}·${r.category}`;
  const t = bySource.get(key) ?? [0, 0];
  t[1]++;
  if (!missed.includes(r)) t[0]++;
  bySource.set(key, t);
}
console.log(`# tune recall: ${positives.length - missed.length}/${positives.length}`);
for (const [k, [hit, n]] of bySource) console.log(`#   ${k}: ${hit}/${n}`);
console.log(`# missed attacks (tune): ${missed.length}`);
for (const r of missed.slice(0, max)) console.log(show(r));

const negatives = [...tuneRows('injection/negative.jsonl'), ...tuneRows('safety/xstest.jsonl').filter((r) => r.label === 0)];
const blocked = negatives.filter((r) => fw.check(r.text).blocked);
console.log(`\n# blocked benign (tune): ${blocked.length}`);
for (const r of blocked) console.log(show(r));
if (near !== undefined) {
  const close = negatives.filter((r) => {
    const res = fw.check(r.text);
    return !res.blocked && res.score >= near;
  });
  console.log(`\n# benign scoring ≥ ${near} (tune): ${close.length}`);
  for (const r of close) console.log(show(r));
}

/** Our sets, tune split only: attacks let through, benign rows blocked (and, with --near, benign rows close to a block). */
function studyOwnSets(): void {
  const fw = new PromptFirewall();
  const lang = arg('--lang');
  const category = arg('--category');
  const near = arg('--near') === undefined ? undefined : Number(arg('--near'));
  const pick = (rows: OwnRow[]) => rows.filter((r) => r.split === 'tune' && (!lang || r.lang === lang) && (!category || r.category === category));
  const show = (r: OwnRow) => {
    const res = checkRow(fw, r);
    const rules = [...new Set(res.matches.map((m) => m.rule))].join(',') || '-';
    const model = res.model === undefined ? '' : ` m${res.model.toFixed(2)}`;
    return `[${res.score.toFixed(2)}${model} ${rules}] ${r.lang}·${r.category}: ${JSON.stringify(r.text.length > 300 ? `${r.text.slice(0, 300)}…` : r.text)}`;
  };
  const attacks = pick(loadOwnSet('attacks'));
  const missed = attacks.filter((r) => !checkRow(fw, r).blocked);
  console.log(`# own attacks, tune: ${attacks.length - missed.length}/${attacks.length} blocked; missed:`);
  for (const r of missed) console.log(show(r));
  const benign = pick(loadOwnSet('hard-benign'));
  const blocked = benign.filter((r) => checkRow(fw, r).blocked);
  console.log(`\n# own hard benign, tune: ${blocked.length}/${benign.length} blocked:`);
  for (const r of blocked) console.log(show(r));
  if (near !== undefined) {
    console.log(`\n# own hard benign, tune, not blocked but scoring ≥ ${near}:`);
    for (const r of benign.filter((x) => !checkRow(fw, x).blocked && checkRow(fw, x).score >= near)) console.log(show(r));
  }
}
