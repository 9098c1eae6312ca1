/**
 * The replay corpus (issue 21 item 5): every recorded provider answer in test/fixtures/<dialect>/
 * (`*.chunks.txt`, written by us byte for byte to each provider's documented wire format) through
 * every caller dialect. Each pair must give a stream the caller's client accepts (the stream
 * validators) and the same content the upstream sent: text, tool names and arguments, finish
 * reason, usage, reasoning where the caller can hold it, or an error in the caller's shape. Each
 * recording is also re-cut at random byte positions: the decoded stream must not change.
 * Used by test/conformance/replay-corpus.test.ts (CI) and bench/replay.ts (the pass rate).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { collectStream } from '../../src/core/stream.js';
import type { ChatEvent, ChatResponse, DialectName, FinishReason } from '../../src/core/types.js';
import { DIALECTS, FIXTURES, fixtureText, replay } from './replay.js';
import { type Answer, readAnswer, streamProblems } from './validators/streams.js';

export interface Recording {
  /** Path below test/fixtures. */
  path: string;
  upstream: DialectName;
}

/**
 * What a recording holds, written down beside it (`<name>.expected.json`) from reading the wire
 * text: the ground truth every caller is compared with, so a decoder that loses something fails too.
 */
export interface Expected {
  text: string;
  tools: Array<{ name: string; args?: Record<string, unknown>; input?: string }>;
  finish: FinishReason;
  rawFinish?: string;
  usage: { input: number; output: number; cacheRead: number; cacheWrite: number };
  reasoning: string;
  /** The recording ends in an upstream error: its kind and status in the taxonomy. */
  error?: { kind: string; status: number };
  /** What the decoder must skip and count (a documented, signalled drop), by kind. */
  skipped?: Record<string, number>;
  /** Tool names the caller declared (replayed with them: namespaced answers resolve against them). */
  declaredTools?: string[];
}

export function expectedFor(rec: Recording): Expected {
  return JSON.parse(fixtureText(rec.path.replace(/\.chunks\.txt$/, '.expected.json'))) as Expected;
}

/** What the decoder made of a recording, in the Expected form. */
export async function decoded(rec: Recording, events: ChatEvent[]): Promise<Expected> {
  const last = events.at(-1);
  if (last?.type === 'error') {
    return { text: '', tools: [], finish: 'error', usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, reasoning: '', error: { kind: last.error.kind, status: last.error.status } };
  }
  const r = await collectStream(each(events));
  const out: Expected = {
    text: text(r),
    tools: r.content.flatMap((p): Expected['tools'] => (p.type !== 'tool_call' ? [] : p.kind === 'custom' ? [{ name: p.name, input: p.input ?? '' }] : [{ name: p.name, args: p.arguments }])),
    finish: r.finishReason,
    usage: { input: r.usage.inputTokens, output: r.usage.outputTokens, cacheRead: r.usage.cacheReadTokens, cacheWrite: r.usage.cacheWriteTokens },
    reasoning: reasoning(r),
  };
  if (r.rawFinishReason) out.rawFinish = r.rawFinishReason;
  void rec;
  return out;
}

export interface PairResult {
  recording: string;
  caller: DialectName;
  problems: string[];
}

/** Every `.chunks.txt` recording, its upstream dialect from its folder. */
export function recordings(): Recording[] {
  return DIALECTS.flatMap((dialect) =>
    readdirSync(join(FIXTURES, dialect))
      .filter((f) => f.endsWith('.chunks.txt'))
      .sort()
      .map((f) => ({ path: `${dialect}/${f}`, upstream: dialect })),
  );
}

/** The caller's own finish word for an expected finish (what its client reads). */
function finishWord(caller: DialectName, e: Expected): string {
  const f = e.finish;
  const refusal = f === 'content_filter' && e.rawFinish === 'refusal';
  const hasCall = e.tools.length > 0;
  switch (caller) {
    case 'anthropic':
      if (hasCall) return 'tool_use';
      return { stop: e.rawFinish === 'stop_sequence' ? 'stop_sequence' : 'end_turn', length: 'max_tokens', tool_calls: 'end_turn', content_filter: 'refusal', pause: 'pause_turn', error: 'end_turn' }[f];
    case 'openai-chat':
      return { stop: 'stop', length: 'length', tool_calls: 'tool_calls', content_filter: 'content_filter', pause: 'stop', error: 'stop' }[f];
    case 'responses':
      if (f === 'length' || (f === 'content_filter' && !refusal)) return 'incomplete';
      return f === 'error' ? 'failed' : 'completed';
    case 'gemini':
      return { stop: 'STOP', length: 'MAX_TOKENS', tool_calls: 'STOP', content_filter: 'SAFETY', pause: 'STOP', error: 'OTHER' }[f];
  }
}

/** Tool calls as the caller reads them: function arguments as objects, freeform input as its text. */
function callerTools(caller: DialectName, e: Expected): Answer['tools'] {
  return e.tools.map((t) =>
    t.input === undefined ? { name: t.name, args: t.args } : { name: t.name, args: caller === 'anthropic' || caller === 'gemini' ? { input: t.input } : t.input },
  );
}

function text(r: ChatResponse): string {
  return r.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

function reasoning(r: ChatResponse): string {
  return r.content.map((p) => (p.type === 'reasoning' ? p.text : '')).join('');
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Compare what the caller read with what the recording holds; returns the differences. */
function compare(caller: DialectName, expected: Expected, got: Answer): string[] {
  const p: string[] = [];
  if (expected.error) {
    if (got.error === undefined) p.push('upstream error not passed on');
    return p;
  }
  if (got.error !== undefined) p.push(`unexpected error ${got.error}`);
  if (got.text !== expected.text) p.push(`text ${JSON.stringify(got.text)} ≠ ${JSON.stringify(expected.text)}`);
  const tools = callerTools(caller, expected);
  if (!same(got.tools, tools)) p.push(`tools ${JSON.stringify(got.tools)} ≠ ${JSON.stringify(tools)}`);
  const finish = finishWord(caller, expected);
  if (got.finish !== finish) p.push(`finish ${got.finish} ≠ ${finish}`);
  if (caller === 'responses' && expected.finish === 'content_filter' && expected.rawFinish === 'refusal' && got.refusal === '') p.push('refusal not signalled');
  const u = expected.usage;
  // Anthropic counts uncached input; the others count the whole prompt, cache included.
  const input = caller === 'anthropic' ? u.input : u.input + u.cacheRead + u.cacheWrite;
  if (got.usage.input !== input) p.push(`input tokens ${got.usage.input} ≠ ${input}`);
  if (got.usage.output !== u.output) p.push(`output tokens ${got.usage.output} ≠ ${u.output}`);
  if (got.reasoning !== expected.reasoning) p.push(`reasoning ${JSON.stringify(got.reasoning.slice(0, 60))} ≠ ${JSON.stringify(expected.reasoning.slice(0, 60))}`);
  return p;
}

async function* each<T>(items: T[]): AsyncGenerator<T> {
  for (const x of items) yield x;
}

/** Every recording through every caller; `decoder` pairs compare the canonical decode itself. */
export async function runPairs(): Promise<PairResult[]> {
  const out: PairResult[] = [];
  for (const rec of recordings()) {
    const body = fixtureText(rec.path);
    const expected = expectedFor(rec);
    const declaredTools = expected.declaredTools;
    for (const caller of DIALECTS) {
      const { canonical, wire, context } = await replay(rec.upstream, body, caller, { declaredTools });
      const problems = [...streamProblems(caller, wire).map((x) => `stream: ${x}`), ...compare(caller, expected, readAnswer(caller, wire))];
      const got = await decoded(rec, canonical);
      const skipped = Object.fromEntries(context.skipped);
      if (!same(skipped, expected.skipped ?? {})) problems.push(`skipped ${JSON.stringify(skipped)} ≠ ${JSON.stringify(expected.skipped ?? {})}`);
      if (expected.error && !same(got.error, expected.error)) problems.push(`error ${JSON.stringify(got.error)} ≠ ${JSON.stringify(expected.error)}`);
      out.push({ recording: rec.path, caller, problems });
    }
  }
  return out;
}

/** A small seeded generator, so a failing cut can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Ids we mint where the upstream sent none differ between runs. */
function stable(events: ChatEvent[]): string {
  return JSON.stringify(events).replace(/call_gm_[0-9a-f]+/g, 'call_gm_*');
}

/** Each recording cut at `runs` random sets of byte positions; returns the recordings whose decode changed. */
export async function runRechunk(runs: number, seed = 21): Promise<Array<{ recording: string; offsets: number[] }>> {
  const next = random(seed);
  const failures: Array<{ recording: string; offsets: number[] }> = [];
  for (const rec of recordings()) {
    const body = fixtureText(rec.path);
    const whole = stable((await replay(rec.upstream, body, 'openai-chat')).canonical);
    for (let i = 0; i < runs; i++) {
      const offsets = Array.from({ length: 1 + Math.floor(next() * 12) }, () => Math.floor(next() * body.length));
      if (stable((await replay(rec.upstream, body, 'openai-chat', { offsets })).canonical) !== whole) failures.push({ recording: rec.path, offsets });
    }
  }
  return failures;
}

/**
 * Each recording cut off at `runs` random byte positions (the upstream went away mid-stream): every
 * caller must still get a stream its client accepts, ending in an error in its own shape, or the
 * whole answer when the cut fell after the end. Returns the failures.
 */
export async function runTruncated(runs: number, seed = 7): Promise<PairResult[]> {
  const next = random(seed);
  const failures: PairResult[] = [];
  for (const rec of recordings()) {
    const body = fixtureText(rec.path);
    const expected = expectedFor(rec);
    for (let i = 0; i < runs; i++) {
      const cutAt = Math.floor(next() * body.length);
      for (const caller of DIALECTS) {
        const { canonical, wire } = await replay(rec.upstream, body.slice(0, cutAt), caller, { declaredTools: expected.declaredTools });
        const problems = streamProblems(caller, wire).map((x) => `stream: ${x}`);
        if (canonical.at(-1)?.type !== 'error') problems.push(...compare(caller, expected, readAnswer(caller, wire)));
        else if (readAnswer(caller, wire).error === undefined) problems.push('cut stream without an error for the caller');
        if (problems.length > 0) failures.push({ recording: `${rec.path} cut at ${cutAt}`, caller, problems });
      }
    }
  }
  return failures;
}
