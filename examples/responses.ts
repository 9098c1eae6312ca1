// OpenAI responses through Tokligence. Offline on the mock provider by default; set
// ANTHROPIC_API_KEY and MODEL=anthropic/claude-sonnet-4-5 to use Claude with Responses types.
import { Tokligence } from '../src/index.js';

const tk = new Tokligence({ profile: 'personal' });
const res = await tk.responses.create({ model: process.env.MODEL ?? 'mock/mock-1', input: 'Say hello.' });
console.log(JSON.stringify(res.output, null, 2));
