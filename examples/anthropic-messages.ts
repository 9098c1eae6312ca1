// Anthropic messages through Tokligence, with a tool. Offline on the mock provider by default; set
// OPENAI_API_KEY and MODEL=openai/gpt-4o to drive a GPT model with Anthropic types.
import { Tokligence } from '../src/index.js';

const tk = new Tokligence({ profile: 'personal' });
const model = process.env.MODEL ?? 'mock/mock-1';
const tools = [{ name: 'Bash', description: 'Run a shell command', input_schema: { type: 'object' as const, properties: { command: { type: 'string' } }, required: ['command'] } }];

const stream = await tk.messages.create({ model, max_tokens: 512, stream: true, tools, messages: [{ role: 'user', content: 'run echo hi using bash' }] });
for await (const event of stream) console.log(event.type, 'delta' in event ? JSON.stringify(event.delta) : '');
