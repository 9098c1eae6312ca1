/**
 * `npm run train:security`: train the built-in prompt-injection classifier and write its weights to
 * src/security/classifier/weights.ts. Logistic regression over the hashed features of
 * src/security/classifier/features.ts, fitted with AdaGrad on the TUNE split only (public sets in
 * ../shared/evaldata and our own sets in bench/sets; held-out rows are never read into training),
 * from a fixed seed: the same data gives the same weights, byte for byte.
 *
 *   npx tsx bench/train-security.ts [--data DIR] [--epochs 12] [--l2 1e-6] [--cv 5] [--dry-run]
 *
 * `--cv K` first reports K-fold cross-validation on the tune split (recall and false-positive rate
 * of the shipped decision rule), so settings are chosen without looking at held-out rows.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { BUCKETS, forEachFeature } from '../src/security/classifier/features.js';
import { normalizeForScan } from '../src/security/normalize.js';
import { arg, benchDir, evaldataDir, flag, loadRows } from './evaldata.js';
import { heldOut } from './security-split.js';
import { loadOwnSet } from './sets.js';

interface Example {
  text: string;
  /** Bucket → value (count / √total), sorted by bucket. */
  idx: Uint32Array;
  val: Float32Array;
  y: 0 | 1;
  weight: number;
  group: string;
}

const EPOCHS = Number(arg('--epochs') ?? 12);
const L2 = Number(arg('--l2') ?? 1e-6);
const LR = Number(arg('--lr') ?? 0.2);
const SEED = 15;
/** Our own rows count for more: there are fewer of them, and they carry the languages and hard cases. */
const OWN_WEIGHT = Number(arg('--own-weight') ?? 2);

function featurize(text: string): { idx: Uint32Array; val: Float32Array } {
  const counts = new Map<number, number>();
  let total = 0;
  forEachFeature(normalizeForScan(text).text, (b) => {
    counts.set(b, (counts.get(b) ?? 0) + 1);
    total++;
  });
  const keys = [...counts.keys()].sort((a, b) => a - b);
  const norm = Math.sqrt(Math.max(1, total));
  return { idx: Uint32Array.from(keys), val: Float32Array.from(keys.map((k) => (counts.get(k) ?? 0) / norm)) };
}

/** Tune-split examples: public attack and benign sets, XSTest (prompts, not injections), LLM Guard's injection cases, and ours. */
function loadExamples(): Example[] {
  const data = evaldataDir();
  const out: Example[] = [];
  const add = (text: string, y: 0 | 1, group: string, weight = 1) => {
    if (typeof text !== 'string' || !text.trim() || heldOut(text)) return;
    out.push({ text, ...featurize(text), y, weight, group });
  };
  for (const r of loadRows(data, 'injection/positive.jsonl')) add(r.text, 1, 'public');
  for (const r of loadRows(data, 'injection/negative.jsonl')) add(r.text, 0, 'public');
  for (const r of loadRows(data, 'safety/xstest.jsonl')) add(r.text, 0, 'public');
  for (const r of loadRows(data, 'llmguard/scanner_cases.jsonl'))
    if (r.scanner === 'prompt_injection' && r.direction === 'input' && typeof r.expected_valid === 'boolean') add(r.text, r.expected_valid ? 0 : 1, 'public');
  for (const r of loadOwnSet('attacks')) if (r.split === 'tune') add(r.text, 1, `own:${r.lang}`, OWN_WEIGHT);
  for (const r of loadOwnSet('hard-benign')) if (r.split === 'tune') add(r.text, 0, `own:${r.lang}`, OWN_WEIGHT);
  return out;
}

/** mulberry32: a small seeded generator, so training is deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Logistic regression with AdaGrad and L2, classes balanced by weight. */
function train(examples: Example[]): { w: Float64Array; b: number } {
  const w = new Float64Array(BUCKETS);
  const g2 = new Float64Array(BUCKETS).fill(1e-8);
  let b = 0;
  let gb2 = 1e-8;
  const pos = examples.reduce((n, e) => n + (e.y ? e.weight : 0), 0);
  const neg = examples.reduce((n, e) => n + (e.y ? 0 : e.weight), 0);
  const classWeight = { 1: (pos + neg) / (2 * pos), 0: (pos + neg) / (2 * neg) };
  const random = rng(SEED);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const e = examples[i];
      let z = b;
      for (let k = 0; k < e.idx.length; k++) z += w[e.idx[k]] * e.val[k];
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - e.y) * e.weight * classWeight[e.y];
      for (let k = 0; k < e.idx.length; k++) {
        const j = e.idx[k];
        const gj = g * e.val[k] + L2 * w[j];
        g2[j] += gj * gj;
        w[j] -= (LR * gj) / Math.sqrt(g2[j]);
      }
      gb2 += g * g;
      b -= (LR * g) / Math.sqrt(gb2);
    }
  }
  return { w, b };
}

/** int8 weights and their scale. */
function quantise(w: Float64Array): { q: Int8Array; scale: number } {
  let max = 0;
  for (const x of w) max = Math.max(max, Math.abs(x));
  const scale = max / 127 || 1;
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w[i] / scale)));
  return { q, scale };
}

function predict(q: Int8Array, scale: number, b: number, e: Example): number {
  let z = 0;
  for (let k = 0; k < e.idx.length; k++) z += q[e.idx[k]] * e.val[k];
  return 1 / (1 + Math.exp(-(b + z * scale)));
}

function crossValidate(examples: Example[], folds: number): void {
  const random = rng(SEED + 1);
  const fold = examples.map(() => Math.floor(random() * folds));
  const byGroup = new Map<string, { tp: number; p: number; fp: number; n: number }>();
  const thresholds = [0.5, 0.7, 0.8, 0.9];
  const total = thresholds.map(() => ({ tp: 0, p: 0, fp: 0, n: 0 }));
  const oof: number[] = [];
  for (let f = 0; f < folds; f++) {
    const { w, b } = train(examples.filter((_, i) => fold[i] !== f));
    const { q, scale } = quantise(w);
    examples.forEach((e, i) => {
      if (fold[i] !== f) return;
      const p = predict(q, scale, b, e);
      oof[i] = p;
      thresholds.forEach((t, k) => {
        const s = total[k];
        if (e.y) {
          s.p++;
          if (p >= t) s.tp++;
        } else {
          s.n++;
          if (p >= t) s.fp++;
        }
      });
      const g = byGroup.get(e.group) ?? { tp: 0, p: 0, fp: 0, n: 0 };
      if (e.y) {
        g.p++;
        if (p >= 0.8) g.tp++;
      } else {
        g.n++;
        if (p >= 0.8) g.fp++;
      }
      byGroup.set(e.group, g);
    });
  }
  if (flag('--cv-show')) {
    console.log('out-of-fold mistakes on our own rows (p ≥ 0.7 benign, p < 0.5 attacks):');
    examples.forEach((e, i) => {
      if (!e.group.startsWith('own') || oof[i] === undefined) return;
      if ((!e.y && oof[i] >= 0.7) || (e.y && oof[i] < 0.5)) console.log(`  ${e.y ? 'MISS' : 'FP  '} ${oof[i].toFixed(2)} ${e.group} ${JSON.stringify(e.text.slice(0, 140))}`);
    });
  }
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');
  console.log(`${folds}-fold cross-validation on the tune split (model alone):`);
  for (const [k, t] of thresholds.entries()) console.log(`  p ≥ ${t}: recall ${pct(total[k].tp, total[k].p)}, false positives ${pct(total[k].fp, total[k].n)}`);
  for (const [g, s] of [...byGroup].sort()) console.log(`  ${g.padEnd(10)} p ≥ 0.8: recall ${pct(s.tp, s.p)} (${s.p}), FP ${pct(s.fp, s.n)} (${s.n})`);
}

const examples = loadExamples();
console.log(`${examples.length} tune examples (${examples.filter((e) => e.y).length} attacks), ${BUCKETS} buckets, ${EPOCHS} epochs, l2 ${L2}, seed ${SEED}`);
const folds = Number(arg('--cv') ?? 0);
if (folds > 1) crossValidate(examples, folds);
if (!flag('--dry-run')) {
  const { w, b } = train(examples);
  const { q, scale } = quantise(w);
  const data = deflateRawSync(Buffer.from(q.buffer), { level: 9 }).toString('base64');
  const nonzero = q.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0);
  const out = join(benchDir, '../src/security/classifier/weights.ts');
  writeFileSync(
    out,
    `// Generated by \`npm run train:security\` (bench/train-security.ts) on the tune splits; do not edit by hand.\n` +
      `// ${examples.length} examples, ${EPOCHS} epochs, l2 ${L2}, seed ${SEED}; ${nonzero} of ${BUCKETS} int8 weights non-zero.\n` +
      `export const MODEL = {\n  scale: ${scale},\n  bias: ${b},\n  data: '${data}',\n};\n`,
  );
  console.log(`wrote ${out}: ${data.length} base64 characters (${nonzero} non-zero weights)`);
}
