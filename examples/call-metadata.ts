// What happened behind a facade call: `.withMeta()` on the returned promise (or the `onResult`
// option) gives the route, cache outcome, usage, cost, security report and request id, while
// `await` alone still gives the plain SDK object. Offline on the mock provider.
import { Tokligence } from '../src/index.js';

const tk = new Tokligence({ profile: 'personal', cache: { enabled: true } });
const ask = () => tk.chat.completions.create({ model: 'mock-1', messages: [{ role: 'user', content: 'Is this cached?' }] }).withMeta();

const first = await ask();
await tk.flushCache();
const second = await ask();
console.log(`answer: ${second.data.choices[0]?.message.content}`);
console.log(`first call: cache ${first.meta.cache}, route ${first.meta.route.map((a) => `${a.provider}/${a.model} ${a.outcome}`).join(', ')}`);
console.log(`second call: cache ${second.meta.cache}, usage ${JSON.stringify(await second.meta.usage)}, cost $${await second.meta.cost}`);

// Streams too: usage and cost settle when the stream ends.
const stream = await tk.messages.create(
  { model: 'mock-1', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Stream, please.' }] },
  { onResult: (meta) => void meta.usage.then((u) => console.log(`stream ${meta.requestId}: ${u?.outputTokens} output tokens`)) },
);
for await (const _event of stream) {
  // read to the end
}
await tk.close();
