// The Vercel AI SDK on Tokligence: a provider for generateText / streamText with tools and several
// steps, and structured output. Offline on the mock; set keys and MODEL to use real providers.
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import { MockProvider, Tokligence } from '../src/index.js';
import { createTokligence } from '../src/integrations/ai-sdk/index.js';

const offline = !process.env.MODEL;
// Offline, a scripted mock answers the JSON question; everything else gets the default mock behaviour.
const drivers = offline ? [new MockProvider({ script: [{ match: 'JSON', text: '{"name":"Ada Lovelace","born":1815,"known_for":"the first program"}' }] })] : [];
const tokligence = createTokligence(new Tokligence({ profile: 'agent', drivers }));
const model = tokligence(process.env.MODEL ?? 'mock-1');

const weather = tool({
  description: 'Get the weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, forecast: 'sunny', celsius: 21 }),
});

// Streaming, several steps: the model calls the tool, the SDK runs it, the model answers.
const result = streamText({ model, tools: { weather }, stopWhen: stepCountIs(3), prompt: 'Use weather for Reykjavik and tell me what to wear.' });
for await (const part of result.fullStream) {
  if (part.type === 'text-delta') process.stdout.write(part.text);
  if (part.type === 'tool-call') console.log(`\n[tool-call] ${part.toolName}(${JSON.stringify(part.input)})`);
  if (part.type === 'tool-result') console.log(`[tool-result] ${JSON.stringify(part.output)}`);
}
console.log('\nsteps:', (await result.steps).length, 'usage:', await result.totalUsage);

// Structured output.
const { output } = await generateText({
  model,
  output: (await import('ai')).Output.object({ schema: z.object({ name: z.string(), born: z.number(), known_for: z.string() }) }),
  prompt: 'Answer in JSON: who was Ada Lovelace?',
});
console.log('object:', output);
