// LangChain on Tokligence: a chat model for `createAgent`, tools, streaming, structured output.
// Offline on the mock; with keys set, MODEL=smart (profile agent) or any provider/model runs for real.
import { tool } from '@langchain/core/tools';
import { createAgent } from 'langchain';
import { z } from 'zod';
import { Tokligence } from '../src/index.js';
import { TokligenceChatModel } from '../src/integrations/langchain/index.js';

const tk = new Tokligence({ profile: 'agent' });
const model = new TokligenceChatModel({ client: tk, model: process.env.MODEL ?? 'mock/mock-1', fallbackModel: process.env.FALLBACK_MODEL });

const getWeather = tool(async ({ city }) => `It is sunny and 21°C in ${city}.`, {
  name: 'get_weather',
  description: 'Get the current weather for a city',
  schema: z.object({ city: z.string() }),
});

// An agent with a tool loop.
const agent = createAgent({ model, tools: [getWeather] });
const out = await agent.invoke({ messages: [{ role: 'user', content: 'Use get_weather for Lisbon.' }] });
for (const m of out.messages) console.log(`${m.type}:`, typeof m.content === 'string' ? m.content : JSON.stringify(m.content), (m as { tool_calls?: unknown[] }).tool_calls?.length ? JSON.stringify((m as { tool_calls?: unknown[] }).tool_calls) : '');

// Token streaming from the agent.
process.stdout.write('streamed: ');
for await (const [chunk] of await agent.stream({ messages: [{ role: 'user', content: 'Use get_weather for Kyoto.' }] }, { streamMode: 'messages' }))
  if (chunk.type === 'ai' && typeof chunk.content === 'string') process.stdout.write(chunk.content);
process.stdout.write('\n');

// Plain model calls: usage metadata and a batch.
const reply = await model.invoke('Say hi in three words.');
console.log('invoke:', reply.content, reply.usage_metadata);
console.log('batch:', (await model.batch(['one', 'two'])).map((m) => m.content));
