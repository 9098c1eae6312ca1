/**
 * Translation cost, measured as ratios in one run (no absolute goals in tests):
 *  1. the largest Claude Code capture: Anthropic → canonical → OpenAI chat, and back, against
 *     JSON.parse + JSON.stringify of the same body (goal ≤ 0.5);
 *  2. a long Anthropic SSE stream → OpenAI chunks: events per second on one core.
 * Run: npm run bench:translate
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatSse, readSse } from '../src/core/sse.js';
import { anthropicCodec, openaiChatCodec } from '../src/dialects/index.js';

const CAPTURES = join(import.meta.dirname, '../../shared/fixtures/client-captures');

function largestClaudeCapture(): { file: string; raw: string } {
  const files = readdirSync(CAPTURES).filter((f) => f.startsWith('claude-') && f.includes('POST'));
  const file = files.sort((a, b) => statSync(join(CAPTURES, b)).size - statSync(join(CAPTURES, a)).size)[0]!;
  const capture = JSON.parse(readFileSync(join(CAPTURES, file), 'utf8'));
  const body = typeof capture.body === 'string' ? JSON.parse(capture.body) : capture.body;
  return { file, raw: JSON.stringify(body) };
}

function time(label: string, iterations: number, fn: () => void): number {
  for (let i = 0; i < Math.min(200, iterations); i++) fn(); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  const perOpUs = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  console.log(`  ${label.padEnd(52)} ${perOpUs.toFixed(1).padStart(9)} µs/op`);
  return perOpUs;
}

async function requestBench() {
  const { file, raw } = largestClaudeCapture();
  const parsed = JSON.parse(raw);
  const n = 2000;
  console.log(`request: ${file} (${(raw.length / 1024).toFixed(1)} KiB)`);
  const json = time('JSON.parse + JSON.stringify (baseline)', n, () => JSON.stringify(JSON.parse(raw)));
  const toOpenAI = time('Anthropic → canonical → OpenAI chat (objects)', n, () => {
    openaiChatCodec.encodeRequest(anthropicCodec.decodeRequest(parsed));
  });
  const openaiBody = openaiChatCodec.encodeRequest(anthropicCodec.decodeRequest(parsed)).body;
  const back = time('OpenAI chat → canonical → Anthropic (objects)', n, () => {
    anthropicCodec.encodeRequest(openaiChatCodec.decodeRequest(openaiBody));
  });
  console.log(`  ratio A→O / baseline: ${(toOpenAI / json).toFixed(2)}   ratio O→A / baseline: ${(back / json).toFixed(2)}   (goal ≤ 0.5)`);
  return { file, kib: raw.length / 1024, json, toOpenAI, back };
}

function anthropicStream(textDeltas: number): string[] {
  const ev = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  const out = [
    ev('message_start', { type: 'message_start', message: { id: 'msg_b', type: 'message', role: 'assistant', model: 'claude', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 100, output_tokens: 1 } } }),
    ev('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
  ];
  for (let i = 0; i < textDeltas; i++) out.push(ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `token${i} ` } }));
  out.push(ev('content_block_stop', { type: 'content_block_stop', index: 0 }));
  out.push(ev('content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_b', name: 'Bash', input: {} } }));
  for (let i = 0; i < 100; i++) out.push(ev('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: i === 0 ? '{"command":"' : i === 99 ? 'x"}' : 'x' } }));
  out.push(ev('content_block_stop', { type: 'content_block_stop', index: 1 }));
  out.push(ev('message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: textDeltas } }));
  out.push(ev('message_stop', { type: 'message_stop' }));
  return out;
}

async function* asBytes(chunks: string[]): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  for (const c of chunks) yield enc.encode(c);
}

async function streamBench() {
  const chunks = anthropicStream(20_000);
  const events = chunks.length;
  const runs = 5;
  let best = Number.POSITIVE_INFINITY;
  let bytesOut = 0;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    bytesOut = 0;
    const canonical = anthropicCodec.decodeStream(readSse(asBytes(chunks)));
    for await (const wire of openaiChatCodec.encodeStream(canonical, { includeUsage: true })) bytesOut += formatSse(wire.event, wire.data).length;
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  let parseOnly = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    for await (const m of readSse(asBytes(chunks))) JSON.stringify(JSON.parse(m.data));
    parseOnly = Math.min(parseOnly, Number(process.hrtime.bigint() - start) / 1e9);
  }
  console.log(`stream: Anthropic SSE (${events} events) → OpenAI chunks (${(bytesOut / 1024).toFixed(0)} KiB out)`);
  console.log(`  SSE parse + JSON.parse/stringify only: ${Math.round(events / parseOnly).toLocaleString()} events/s`);
  console.log(`  full translation:                     ${Math.round(events / best).toLocaleString()} events/s per core (ratio to parse-only ${(best / parseOnly).toFixed(2)})`);
}

console.log(`node ${process.version}, ${new Date().toISOString()}`);
await requestBench();
await streamBench();
