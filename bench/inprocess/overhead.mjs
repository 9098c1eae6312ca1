// Tokligence's own cost per call, without the network: the same facades as bench:inprocess, but the
// providers' transport answers from memory with the fake upstream's bytes (one chunk), so what is
// left is decode, pipeline, routing, provider, encode and the facade. Next to it the floor of the
// same work without a gateway: JSON.stringify the request, JSON.parse the answer (streams: split
// the SSE and JSON.parse each event).
//   node bench/inprocess/overhead.mjs [case …] [--n=20000]   (builds src/ first: bench/quick-build.mjs)
// Cases: floor-openai, floor-anthropic, pass-openai, pass-anthropic, tr-openai, tr-anthropic, each
// with -json or -stream. Prints µs of CPU per call (median of 7 rounds).
import { anthropicJson, anthropicSse, openaiJson, openaiSse } from '../server/fake-payloads.mjs';
import { quickBuild } from '../quick-build.mjs';
import { anthropicBody, openaiBody } from '../server/requests.mjs';

const args = process.argv.slice(2);
// --no-build: use the last quick build as it is (icount-local.sh builds once, then counts).
const quick = args.includes('--no-build') ? new URL('../.tmp/quick/', import.meta.url).pathname : await quickBuild();
const { Tokligence, DialectProvider, SecretGuardedProvider, anthropicCodec, openaiChatCodec } = await import(`${quick}bench-entry.js`);

const N = Number(args.find((a) => a.startsWith('--n='))?.slice(4) ?? 20000);
const ROUNDS = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 7);


/** A transport that answers from memory, as one body chunk, like the fake upstream over loopback. */
class MemoryTransport {
  constructor(anthropic) {
    this.anthropic = anthropic;
  }
  async send(request) {
    JSON.stringify(request.body); // what the HTTP transport pays for the body
    const text = this.anthropic ? (request.stream ? anthropicSse : anthropicJson) : request.stream ? openaiSse : openaiJson;
    const bytes = Buffer.from(text);
    const type = request.stream ? 'text/event-stream; charset=utf-8' : 'application/json';
    return {
      status: 200,
      headers: { get: (name) => (name === 'content-type' ? type : null) },
      body: (async function* () {
        yield bytes;
      })(),
      text: async () => text,
    };
  }
}

const tk = new Tokligence({
  env: {},
  configFile: false,
  // Configured as in bench:inprocess; the drivers below replace them by name.
  providers: {
    up: { type: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' },
    ant: { type: 'anthropic', baseUrl: 'http://127.0.0.1:9', apiKey: 'x' },
  },
  drivers: [
    new DialectProvider({ name: 'up', type: 'openai-compatible', codec: openaiChatCodec, transport: new MemoryTransport(false) }),
    // A provider with a key is wrapped like this by createProvider.
    new SecretGuardedProvider(new DialectProvider({ name: 'ant', type: 'anthropic', codec: anthropicCodec, transport: new MemoryTransport(true), defaultMaxTokens: 4096 }), ['x-secret-key']),
  ],
  gateway: { logLevel: 'silent' },
});

async function drain(stream) {
  let n = 0;
  for await (const _ of stream) n++;
  return n;
}

function floorJson(body, answer) {
  JSON.stringify(body);
  return JSON.parse(answer);
}

function floorStream(body, bytes) {
  JSON.stringify(body);
  const text = bytes.toString();
  let n = 0;
  for (const frame of text.split('\n\n')) {
    const at = frame.indexOf('data: ');
    if (at === -1) continue;
    const data = frame.slice(at + 6);
    if (data !== '[DONE]') {
      JSON.parse(data);
      n++;
    }
  }
  return n;
}

const CASES = {
  'floor-openai-json': async () => floorJson(openaiBody('gpt-4o', false), openaiJson),
  'floor-anthropic-json': async () => floorJson(anthropicBody('c', false), anthropicJson),
  'floor-openai-stream': async () => floorStream(openaiBody('gpt-4o', true), Buffer.from(openaiSse)),
  'floor-anthropic-stream': async () => floorStream(anthropicBody('c', true), Buffer.from(anthropicSse)),
  'pass-openai-json': () => tk.chat.completions.create(openaiBody('up/gpt-4o', false)),
  'pass-anthropic-json': () => tk.messages.create(anthropicBody('ant/claude-sonnet-4-6', false)),
  'tr-openai-json': () => tk.chat.completions.create(openaiBody('ant/claude-sonnet-4-6', false)),
  'tr-anthropic-json': () => tk.messages.create(anthropicBody('up/gpt-4o', false)),
  'pass-openai-stream': async () => drain(await tk.chat.completions.create(openaiBody('up/gpt-4o', true))),
  'pass-anthropic-stream': async () => drain(await tk.messages.create(anthropicBody('ant/claude-sonnet-4-6', true))),
  'tr-openai-stream': async () => drain(await tk.chat.completions.create(openaiBody('ant/claude-sonnet-4-6', true))),
  'tr-anthropic-stream': async () => drain(await tk.messages.create(anthropicBody('up/gpt-4o', true))),
};

async function rounds(fn) {
  const per = [];
  if (N === 0) return 0;
  for (let r = 0; r < ROUNDS; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < N / ROUNDS; i++) await fn();
    const c = process.cpuUsage(c0);
    per.push((c.user + c.system) / (N / ROUNDS));
  }
  per.sort((a, b) => a - b);
  return per[ROUNDS >> 1];
}

const chosen = args.filter((a) => !a.startsWith('--'));
for (const name of chosen.length ? chosen : Object.keys(CASES)) {
  const fn = CASES[name];
  if (!fn) throw new Error(`unknown case ${name}`);
  for (let i = 0; i < 2000; i++) await fn(); // warm-up
  console.log(`${name.padEnd(24)} ${(await rounds(fn)).toFixed(2).padStart(8)} µs/call`);
}
