// Profile "personal": one developer, no setup. With no keys at all it answers offline from the
// built-in mock; OLLAMA_BASE_URL, ANTHROPIC_API_KEY or OPENAI_API_KEY switch real providers on, and
// MODEL picks one (e.g. MODEL=anthropic/claude-sonnet-4-5 or MODEL=ollama/llama3.2).
import { Tokligence } from '../src/index.js';

const tk = new Tokligence({ profile: 'personal' });
const model = process.env.MODEL ?? 'mock/mock-1';

// Which providers the environment switched on, and where this model goes.
console.log('providers:', [...tk.providers.keys()].join(', '));
console.log('route for', model, '→', tk.resolve(model).map((t) => `${t.provider}/${t.model}`).join(' then '));

// The OpenAI SDK's types in and out, whatever the provider speaks.
const res = await tk.chat.completions.create({ model, messages: [{ role: 'user', content: 'Give me one tip for focused work.' }] });
console.log(res.choices[0]?.message.content);
console.log('usage:', res.usage);

// Streaming, with the decision log of the call (tk.call is what the facades and the server use).
const result = await tk.call('openai-chat', { model, stream: true, messages: [{ role: 'user', content: 'Count to five.' }] });
if (result.type === 'stream')
  for await (const ev of result.events) {
    const data = ev.data as { choices?: Array<{ delta?: { content?: string } }> };
    if (typeof data === 'object') process.stdout.write(data.choices?.[0]?.delta?.content ?? '');
  }
console.log('\nroute:', result.route.map((r) => `${r.provider}/${r.model} ${r.outcome} (${r.reason})`).join('; '));
