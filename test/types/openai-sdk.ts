/**
 * Issue 19, item 3: code written against `openai` compiles against Tokligence unchanged except the
 * constructor (`npm run typecheck` compiles this file; it is not run). Known differences are marked
 * `@ts-expect-error` with the reason; there are none for the calls below.
 */
import type OpenAI from 'openai';
import { Tokligence } from '../../src/index.js';

// const client = new OpenAI();
const client = new Tokligence();

export async function chat(): Promise<string | null> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] });
  return completion.choices[0].message.content;
}

export async function streamed(): Promise<string> {
  const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  stream.controller.abort();
  const body: ReadableStream = stream.toReadableStream();
  return text + String(body.locked);
}

export async function booleanStream(stream: boolean): Promise<void> {
  const params: OpenAI.Chat.ChatCompletionCreateParams = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], stream };
  const result = await client.chat.completions.create(params);
  if ('choices' in result) console.log(result.choices[0].message);
  else for await (const chunk of result) console.log(chunk.id);
}

export async function rawResponse(): Promise<void> {
  const { data, response, request_id } = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  console.log(data.id, response.headers.get('x-request-id'), request_id);
  const raw: Response = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }).asResponse();
  console.log(raw.status);
}

export async function responses(): Promise<string> {
  const response = await client.responses.create({ model: 'gpt-4o', input: 'Write a haiku' });
  const stream = await client.responses.create({ model: 'gpt-4o', input: 'Write a haiku', stream: true });
  for await (const event of stream) if (event.type === 'response.output_text.delta') console.log(event.delta);
  return response.output_text;
}

export async function models(): Promise<string[]> {
  const ids: string[] = [];
  for await (const model of client.models.list()) ids.push(model.id);
  const page = await client.models.list();
  return [...ids, ...page.data.map((m: OpenAI.Models.Model) => m.owned_by)];
}

export async function errors(): Promise<number | undefined> {
  try {
    await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
  } catch (err) {
    // openai's `OpenAI.APIError` is Tokligence's `TokligenceError` (same `status`; `kind` for the type).
    if (err instanceof Error && 'status' in err) return (err as { status: number }).status;
  }
  return undefined;
}
