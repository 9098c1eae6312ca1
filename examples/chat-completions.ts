// OpenAI chat completions through Tokligence. Offline on the mock provider by default; set
// ANTHROPIC_API_KEY and MODEL=anthropic/claude-sonnet-4-5 to talk to Claude with OpenAI types.
import { Tokligence } from '../src/index.js';

const tk = new Tokligence({ profile: 'personal' });
const model = process.env.MODEL ?? 'mock/mock-1';

const res = await tk.chat.completions.create({ model, messages: [{ role: 'user', content: 'Say hello in five words.' }] });
console.log(res.choices[0]?.message.content);

const stream = await tk.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'Count to three.' }] });
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? '');
process.stdout.write('\n');
