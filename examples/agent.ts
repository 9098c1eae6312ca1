// Profile "agent": an agent loop with tools, many concurrent calls, and fallback chains. With keys
// set, the alias "smart" tries Anthropic, then OpenAI, then Google (targets without a key are
// skipped); with none it runs offline on the mock. MODEL overrides the choice.
import { Tokligence } from '../src/index.js';

const tk = new Tokligence({ profile: 'agent' });
const hasKeys = Boolean(process.env.ANTHROPIC_API_KEY || process.env.OPENAI_API_KEY || process.env.GEMINI_API_KEY);
const model = process.env.MODEL ?? (hasKeys ? 'smart' : 'mock/mock-1');

// The tools the agent may use, and their local implementations.
const tools = [
  {
    type: 'function' as const,
    function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  },
];
const impl: Record<string, (args: Record<string, unknown>) => unknown> = {
  get_weather: ({ city }) => ({ city, forecast: 'sunny', celsius: 21 }),
};

// A plain tool loop on the OpenAI chat types: call, run tools, feed results back, until done.
type Msg = Parameters<typeof tk.chat.completions.create>[0]['messages'][number];
const messages: Msg[] = [{ role: 'user', content: 'Use get_weather for Paris, then tell me what to wear.' }];
for (let step = 1; step <= 5; step++) {
  const res = await tk.chat.completions.create({ model, messages, tools });
  const msg = res.choices[0]?.message;
  if (!msg) break;
  messages.push(msg as Msg);
  console.log(`step ${step}: ${res.choices[0]?.finish_reason}`, msg.content ?? '');
  if (!msg.tool_calls?.length) break;
  for (const call of msg.tool_calls) {
    if (call.type !== 'function') continue;
    const result = impl[call.function.name]?.(JSON.parse(call.function.arguments || '{}')) ?? { error: 'unknown tool' };
    console.log(`  ${call.function.name}(${call.function.arguments}) →`, JSON.stringify(result));
    messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
  }
}

// Agents fan out: run several calls at once, results in input order, failures per item.
const cities = ['Oslo', 'Lima', 'Cairo', 'Hanoi'];
const results = await tk.batch(
  cities.map((city) => ({ model, messages: [{ role: 'user' as const, content: `One line about ${city}.` }] })),
  { concurrency: 2, onProgress: (p) => process.stderr.write(`\r${p.done}/${p.total} done`) },
);
process.stderr.write('\n');
for (const [i, r] of results.entries()) console.log(cities[i], '→', r.ok ? r.response.choices[0]?.message.content : `error: ${r.error.message}`);
