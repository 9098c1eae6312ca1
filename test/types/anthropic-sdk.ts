/**
 * Issue 19, item 3: code written against `@anthropic-ai/sdk` compiles against Tokligence unchanged
 * except the constructor (`npm run typecheck` compiles this file; it is not run).
 */
import type Anthropic from '@anthropic-ai/sdk';
import { Tokligence } from '../../src/index.js';

// const client = new Anthropic();
const client = new Tokligence();

export async function message(): Promise<string> {
  const msg = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello, Claude' }] });
  const block = msg.content[0];
  return block.type === 'text' ? block.text : '';
}

export async function streamed(): Promise<void> {
  const stream = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }], stream: true });
  for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') process.stdout.write(event.delta.text);
}

export async function streamHelper(): Promise<Anthropic.Message> {
  const stream = client.messages
    .stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Say hello there.' }] })
    .on('text', (text) => process.stdout.write(text))
    .on('inputJson', (delta, snapshot) => console.log(delta, snapshot))
    .on('contentBlock', (block) => console.log(block.type));
  for await (const event of stream) console.log(event.type);
  console.log(stream.currentMessage?.id, await stream.finalText());
  return stream.finalMessage();
}

export async function booleanStream(stream: boolean): Promise<void> {
  const params: Anthropic.MessageCreateParams = { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }], stream };
  const result = await client.messages.create(params);
  if ('content' in result) console.log(result.content.length);
  else for await (const event of result) console.log(event.type);
}

export async function tokens(): Promise<number> {
  const count = await client.messages.countTokens({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello' }] });
  const { data, request_id } = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  console.log(data.id, request_id);
  return count.input_tokens;
}

export async function models(): Promise<string[]> {
  const page = await client.models.list();
  return page.data.map((m: Anthropic.ModelInfo) => m.display_name);
}
