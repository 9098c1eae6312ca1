/** JSONL input rows and result lines for `tokligence batch` / `compare`. */
import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { InvalidRequestError } from '../core/errors.js';

/** One input row: `prompt` (or `input`) or `messages`, plus any chat parameters. */
export interface BatchRow {
  id: string;
  /** OpenAI chat body without `model`. */
  body: Record<string, unknown>;
  /** The row's own model, used when no `--model` is given. */
  model?: string;
  expected?: unknown;
}

/** One result line. Field names are snake_case, like the wire formats, for pandas / DuckDB. */
export interface ResultLine {
  id: string;
  model: string;
  tags: Record<string, string>;
  ok: boolean;
  latency_ms: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cost_usd: number;
  finish_reason?: string;
  output?: string;
  provider?: string;
  error?: { kind: string; status: number; message: string };
  expected?: unknown;
  started_at: string;
}

const RESERVED = new Set(['id', 'prompt', 'input', 'system', 'expected', 'model', 'tags', 'meta', 'metadata']);

/** Parse input JSONL; row ids default to the line number; duplicate ids are an error (resuming needs them unique). */
export function parseRows(text: string, file = 'input'): BatchRow[] {
  const rows: BatchRow[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new InvalidRequestError(`${where}: not valid JSON (${(err as Error).message})`);
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InvalidRequestError(`${where}: each line must be a JSON object`);
    const id = raw.id === undefined ? String(i + 1) : String(raw.id);
    if (seen.has(id)) throw new InvalidRequestError(`${where}: duplicate row id "${id}"`);
    seen.add(id);
    const prompt = raw.prompt ?? raw.input;
    let messages = raw.messages as unknown[] | undefined;
    if (!Array.isArray(messages)) {
      if (typeof prompt !== 'string') throw new InvalidRequestError(`${where}: needs "prompt" (or "input") text or a "messages" array`);
      messages = [{ role: 'user', content: prompt }];
    }
    if (typeof raw.system === 'string') messages = [{ role: 'system', content: raw.system }, ...messages];
    const body: Record<string, unknown> = { messages };
    for (const [k, v] of Object.entries(raw)) if (!RESERVED.has(k) && k !== 'messages') body[k] = v;
    rows.push({ id, body, ...(typeof raw.model === 'string' ? { model: raw.model } : {}), ...(raw.expected !== undefined ? { expected: raw.expected } : {}) });
  });
  return rows;
}

/** Parse result lines, skipping any that do not parse (a line cut short by a crash). */
export function parseResults(text: string): ResultLine[] {
  const out: ResultLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as ResultLine;
      if (r && typeof r.id === 'string' && typeof r.model === 'string') out.push(r);
    } catch {
      // half-written line from a killed run
    }
  }
  return out;
}

export const resultKey = (id: string, model: string) => `${id}\u0000${model}`;

/**
 * Read an existing results file for resuming: the (row id, model) pairs already done. A last line
 * cut short by a kill is cut off, so appended lines start on a fresh line.
 */
export function loadDone(file: string): Set<string> {
  const done = new Set<string>();
  if (!existsSync(file)) return done;
  const text = readFileSync(file, 'utf8');
  if (text.length > 0 && !text.endsWith('\n')) truncateSync(file, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
  for (const r of parseResults(text)) done.add(resultKey(r.id, r.model));
  return done;
}
