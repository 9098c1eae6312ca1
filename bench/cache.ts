/**
 * Response-cache hit cost in-process, for a ~20 KB request (goal: a hit answers in < 50 µs).
 *  1. key only: a walk of the canonical request (caller-keyed parts key-sorted) feeding SHA-256;
 *  2. a whole `tk.call('openai-chat', body)` hit: decode the OpenAI body, pipeline, encode the answer;
 *  3. the same through the facade `tk.chat.completions.create` (what an embedding app calls).
 * Run: npm run bench:cache
 */
import { cacheKey } from '../src/cache/key.js';
import { openaiChatCodec } from '../src/dialects/index.js';
import { Tokligence } from '../src/index.js';
import { MockProvider } from '../src/providers/index.js';

function body20k() {
  const para = 'The quick brown fox jumps over the lazy dog while the gateway caches answers. ';
  const messages: Array<Record<string, unknown>> = [{ role: 'system', content: para.repeat(40) }];
  for (let i = 0; i < 12; i++) {
    messages.push({ role: 'user', content: `Question ${i}: ${para.repeat(8)}` });
    messages.push({ role: 'assistant', content: `Answer ${i}: ${para.repeat(8)}` });
  }
  messages.push({ role: 'user', content: 'And finally?' });
  const tools = Array.from({ length: 6 }, (_, i) => ({
    type: 'function',
    function: {
      name: `tool_${i}`,
      description: `Tool number ${i} does a useful thing.`,
      parameters: { type: 'object', properties: { path: { type: 'string' }, limit: { type: 'integer' }, recursive: { type: 'boolean' } }, required: ['path'] },
    },
  }));
  // Through JSON text, as a server or SDK body arrives (flat strings, not the ropes `repeat` makes).
  return JSON.parse(JSON.stringify({ model: 'mock-1', messages, tools, temperature: 0 }));
}

/** Median of 7 rounds: on a shared 2-core box single rounds swing by ±30%. */
async function time(label: string, iterations: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < Math.min(500, iterations); i++) await fn(); // warm up
  const rounds: number[] = [];
  for (let r = 0; r < 7; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await fn();
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
  }
  rounds.sort((a, b) => a - b);
  const perOpUs = rounds[3]!;
  console.log(`  ${label.padEnd(58)} ${perOpUs.toFixed(1).padStart(8)} µs/op  (min ${rounds[0]!.toFixed(1)})`);
  return perOpUs;
}

async function main() {
  const body = body20k();
  const raw = JSON.stringify(body);
  const request = openaiChatCodec.decodeRequest(body);
  console.log(`request: ${(raw.length / 1024).toFixed(1)} KiB (OpenAI chat), ${body.messages.length} messages, ${body.tools.length} tools`);
  const n = 2000;

  const baseline = await time('reference: JSON.stringify of the caller body', n, () => JSON.stringify(body));
  const key = await time('cache key (walk + SHA-256)', n, () => cacheKey(request));
  const decode = await time('reference: decode the OpenAI body to canonical', n, () => openaiChatCodec.decodeRequest(body));

  const tk = new Tokligence({ env: {}, configFile: false, drivers: [new MockProvider()], cache: { enabled: true, type: 'memory' } } as never);
  const first = await tk.call('openai-chat', body);
  if (first.cache !== 'miss') throw new Error(`expected a miss first, got ${first.cache}`);
  await tk.flushCache();
  const check = await tk.call('openai-chat', body);
  if (check.cache !== 'hit') throw new Error(`expected a hit, got ${check.cache}`);

  const call = await time('whole hit: tk.call (decode + pipeline + encode)', n, () => tk.call('openai-chat', body));
  const facade = await time('whole hit: tk.chat.completions.create', n, () => tk.chat.completions.create(body as never));
  const stream = await time('whole hit, streamed: tk.call + drain the encoded stream', 2000, async () => {
    const r = await tk.call('openai-chat', { ...body, stream: true });
    if (r.type === 'stream') for await (const _ of r.events) void _;
  });
  const hitOnly = call - decode;
  console.log(`\n  hit minus body decode (cache + pipeline + encode): ${hitOnly.toFixed(1)} µs   (goal < 50 µs for the whole hit: ${call < 50 ? 'met' : 'NOT met'})`);
  console.log(`  key ÷ JSON.stringify baseline: ${(key / baseline).toFixed(2)}   whole hit ÷ baseline: ${(call / baseline).toFixed(2)} (load-independent ratios)`);
  console.log(`  stats: ${JSON.stringify(tk.cacheStats())}`);
  await tk.close();
  return { kib: raw.length / 1024, baseline, key, decode, call, facade, stream };
}

await main();
