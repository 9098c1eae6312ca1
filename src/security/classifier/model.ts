import { BUCKETS, CHUNK_CHARS, featureBuckets, WINDOW_CHUNKS } from './features.js';
import { MODEL } from './weights.js';
import { nodeBuiltin } from '../../core/node-builtins.js';

/**
 * The built-in prompt-injection classifier: logistic regression over hashed word and character
 * features (features.ts), trained by `npm run train:security` (bench/train-security.ts) and shipped
 * as int8 weights in weights.ts (deflated, base64). The weights are decoded on first use.
 *
 * A text's score is the sum of its features' weights over the square root of their count (an
 * L2-style normalisation that keeps long and short texts comparable), plus the bias, through a
 * sigmoid. A long text is scored in windows of WINDOW_CHUNKS × CHUNK_CHARS characters, sliding by
 * a chunk, and its score is its worst window: an injection in the middle of a long document is not
 * diluted by the rest.
 */
export interface ClassifierModel {
  /** Bucket weights, int8, times `scale`. */
  weights: Int8Array;
  scale: number;
  bias: number;
}

let loaded: ClassifierModel | undefined;

/** The shipped model, decoded once. */
export function builtinModel(): ClassifierModel {
  if (!loaded) {
    // node:zlib through getBuiltinModule (Node, Bun, Deno, workerd's nodejs_compat): no static
    // `node:` import, so the core bundles for any platform.
    const zlib = nodeBuiltin('zlib');
    if (!zlib) throw new Error('security classifier: this runtime has no zlib (node:zlib) to decode the built-in model');
    const bytes = zlib.inflateRawSync(Buffer.from(MODEL.data, 'base64'));
    if (bytes.length !== BUCKETS) throw new Error(`security classifier: expected ${BUCKETS} weights, found ${bytes.length}`);
    loaded = { weights: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), scale: MODEL.scale, bias: MODEL.bias };
  }
  return loaded;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The probability (0–1) that a normalised text is a prompt injection or jailbreak. */
export function classify(text: string, model: ClassifierModel = builtinModel()): number {
  const w = model.weights;
  const { buckets, ends, count } = featureBuckets(text);
  // Per chunk: sum of weights and number of feature occurrences.
  const chunks = Math.max(1, Math.ceil(text.length / CHUNK_CHARS));
  const sums = new Float64Array(chunks);
  const counts = new Int32Array(chunks);
  for (let k = 0; k < count; k++) {
    const chunk = Math.min(chunks - 1, (ends[k] / CHUNK_CHARS) | 0);
    sums[chunk] += w[buckets[k]];
    counts[chunk]++;
  }
  let best = Number.NEGATIVE_INFINITY;
  const windows = Math.max(1, chunks - WINDOW_CHUNKS + 1);
  for (let start = 0; start < windows; start++) {
    let s = 0;
    let n = 0;
    for (let k = start; k < Math.min(chunks, start + WINDOW_CHUNKS); k++) {
      s += sums[k];
      n += counts[k];
    }
    if (n > 0) best = Math.max(best, (s * model.scale) / Math.sqrt(n));
  }
  return sigmoid(model.bias + (best === Number.NEGATIVE_INFINITY ? 0 : best));
}
