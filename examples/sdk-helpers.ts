// The official SDKs' helpers on the in-process facades, offline on the mock: `.withResponse()` /
// `.asResponse()` (a web Response built in-process), `messages.stream()` with the Anthropic SDK's
// MessageStream events, `toReadableStream()` / `fromReadableStream()` to hand a stream over (to a
// browser, a worker) as newline-delimited JSON, `models.list()`, `output_text`.
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { Tokligence, TokligenceStream } from '../src/index.js';

const tk = new Tokligence({ profile: 'personal' });
const messages = [{ role: 'user' as const, content: 'Name three prime numbers.' }];

// openai-node's withResponse(): the answer, the Response's headers and the request id.
const { data, response, request_id } = await tk.chat.completions.create({ model: 'mock-1', messages }).withResponse();
console.log(`withResponse: ${request_id} route ${response.headers.get('x-tokligence-route')} → ${data.choices[0]?.message.content}`);

// The Anthropic SDK's MessageStream: text deltas as they come, the whole message at the end.
let deltas = 0;
const stream = tk.messages.stream({ model: 'mock-1', max_tokens: 128, messages }).on('text', () => deltas++);
const final = await stream.finalMessage();
console.log(`messages.stream: ${deltas} text events, stop_reason ${final.stop_reason}, text "${await stream.finalText()}"`);

// A stream as bytes and back (e.g. a server route returns the bytes, the browser rebuilds it).
const events = await tk.messages.create({ model: 'mock-1', max_tokens: 128, messages, stream: true });
const rebuilt = TokligenceStream.fromReadableStream<RawMessageStreamEvent>(events.toReadableStream());
const types: string[] = [];
for await (const event of rebuilt) types.push(event.type);
console.log(`round trip: ${types[0]} … ${types.at(-1)} (${types.length} events)`);

// Responses' output_text and models.list().
const res = await tk.responses.create({ model: 'mock-1', input: 'Say hi.' });
console.log(`output_text: ${res.output_text}`);
const models = await tk.models.list();
console.log(`models: ${models.data.length} listed, e.g. ${models.data.slice(0, 3).map((m) => m.id).join(', ')}`);
await tk.close();
