import type { Detector, DetectorResult } from './detector.js';
import { nodeBuiltin } from '../core/node-builtins.js';

/**
 * A Detector backed by a local ONNX sequence-classification model (e.g. Meta Prompt Guard, a
 * DeBERTa injection classifier). `onnxruntime-node` is an optional dependency, imported only when
 * a model is configured; a tokenizer comes from `@huggingface/transformers` (also optional) reading
 * `tokenizer.json` next to the model, or from your own `tokenize` function.
 */
export interface OnnxDetectorOptions {
  /** Path to `model.onnx`. */
  model: string;
  /** Directory holding `tokenizer.json` (default: the model's directory). */
  tokenizerDir?: string;
  /** Your own tokenizer instead of `@huggingface/transformers`. */
  tokenize?: (text: string) => { inputIds: number[]; attentionMask: number[] };
  /** Labels in the model's output order (default from `config.json` `id2label`, else ['BENIGN', 'INJECTION']). */
  labels?: string[];
  /** Labels counted as positive (default: every label but the first). */
  positive?: string[];
  maxLength?: number;
  name?: string;
}

interface OrtModule {
  InferenceSession: { create(path: string): Promise<OrtSession> };
  Tensor: new (type: string, data: BigInt64Array, dims: number[]) => unknown;
}
interface OrtSession {
  inputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: Float32Array | number[] }>>;
}

/** Import a module that may not be installed, without the bundler or TypeScript resolving it. */
async function optionalImport<T>(name: string, why: string): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ name)) as T;
  } catch (err) {
    throw new Error(`${why} needs the optional package "${name}" (npm install ${name}): ${(err as Error).message}`, { cause: err });
  }
}

/** Load the model and return a ready Detector. Throws a clear error when the package or model is missing. */
export async function createOnnxDetector(options: OnnxDetectorOptions): Promise<Detector> {
  // Node's fs and path through getBuiltinModule, so the security entry bundles for any platform.
  const fs = nodeBuiltin('fs');
  const path = nodeBuiltin('path');
  if (!fs || !path) throw new Error('security ml_detection (ONNX model) needs Node, Bun or Deno: this runtime has no file system');
  const { existsSync, readFileSync } = fs;
  const { dirname, join } = path;
  if (!existsSync(options.model)) throw new Error(`security ml_detection: model file not found: ${options.model}`);
  const ort = await optionalImport<OrtModule>('onnxruntime-node', 'security ml_detection (ONNX model)');
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(options.model);
  } catch (err) {
    throw new Error(`security ml_detection: could not load the ONNX model ${options.model}: ${(err as Error).message}`, { cause: err });
  }
  const dir = options.tokenizerDir ?? dirname(options.model);
  let labels = options.labels;
  if (!labels && existsSync(join(dir, 'config.json'))) {
    const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { id2label?: Record<string, string> };
    if (cfg.id2label) labels = Object.keys(cfg.id2label).sort((a, b) => Number(a) - Number(b)).map((k) => cfg.id2label![k]);
  }
  labels ??= ['BENIGN', 'INJECTION'];
  const positive = new Set(options.positive ?? labels.slice(1));
  const maxLength = options.maxLength ?? 512;
  let tokenize = options.tokenize;
  if (!tokenize) {
    type Tok = (t: string, o: object) => { input_ids: { data: ArrayLike<bigint | number> }; attention_mask: { data: ArrayLike<bigint | number> } };
    const hf = await optionalImport<{ AutoTokenizer: { from_pretrained(p: string, o?: object): Promise<Tok> } }>('@huggingface/transformers', 'the ONNX detector tokenizer');
    const tok = await hf.AutoTokenizer.from_pretrained(dir, { local_files_only: true });
    tokenize = (text) => {
      const enc = tok(text, { truncation: true, max_length: maxLength });
      return { inputIds: Array.from(enc.input_ids.data, Number), attentionMask: Array.from(enc.attention_mask.data, Number) };
    };
  }
  const tk = tokenize;
  return {
    name: options.name ?? 'onnx',
    async detect(text: string): Promise<DetectorResult> {
      const { inputIds, attentionMask } = tk(text);
      const ids = inputIds.slice(0, maxLength);
      const mask = attentionMask.slice(0, maxLength);
      const feeds: Record<string, unknown> = {};
      const dims = [1, ids.length];
      for (const name of session.inputNames) {
        if (name === 'input_ids') feeds[name] = new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), dims);
        else if (name === 'attention_mask') feeds[name] = new ort.Tensor('int64', BigInt64Array.from(mask.map(BigInt)), dims);
        else if (name === 'token_type_ids') feeds[name] = new ort.Tensor('int64', new BigInt64Array(ids.length), dims);
      }
      const out = await session.run(feeds);
      const logits = Array.from((out.logits ?? Object.values(out)[0]).data as ArrayLike<number>);
      return scoreFromLogits(logits, labels!, positive);
    },
  };
}

/** Softmax the logits; the score is the summed probability of the positive labels. */
export function scoreFromLogits(logits: number[], labels: string[], positive: Set<string>): DetectorResult {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  const probs: Record<string, number> = {};
  let score = 0;
  let best = 0;
  exps.forEach((e, i) => {
    const label = labels[i] ?? String(i);
    probs[label] = e / sum;
    if (positive.has(label)) score += e / sum;
    if (e > exps[best]) best = i;
  });
  return { score, label: labels[best] ?? String(best), labels: probs };
}
