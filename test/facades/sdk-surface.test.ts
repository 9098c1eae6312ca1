/**
 * Issue 19, item 3: the official SDKs' surface where the facades claim it, on the offline mock:
 * `output_text`, a boolean `stream` variable, `withResponse()` / `asResponse()`,
 * `toReadableStream()` / `fromReadableStream()`, `messages.stream()` with its helper events, and
 * `models.list()`.
 */
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { Tokligence, TokligenceStream } from '../../src/index.js';

const tk = new Tokligence({ configFile: false, env: {} });
const messages = [{ role: 'user' as const, content: 'Hello there' }];

describe('the SDKs’ surface on the facades', () => {
  it('responses.create(): output_text is the message text, as openai-node computes it', async () => {
    const r = await tk.responses.create({ model: 'mock/echo', input: 'Hello there' });
    const text = r.output.flatMap((o) => (o.type === 'message' ? o.content : [])).map((c) => (c.type === 'output_text' ? c.text : '')).join('');
    expect(text.length).toBeGreaterThan(0);
    expect(r.output_text).toBe(text);
  });

  it('a boolean stream variable type-checks and gives the answer or a stream', async () => {
    for (const stream of [false, true]) {
      const r = await tk.chat.completions.create({ model: 'mock/echo', messages, stream });
      if (r instanceof TokligenceStream) {
        expect(stream).toBe(true);
        const chunks: ChatCompletionChunk[] = [];
        for await (const c of r) chunks.push(c);
        expect(chunks.length).toBeGreaterThan(0);
      } else {
        expect(stream).toBe(false);
        expect(r.choices[0].message.role).toBe('assistant');
      }
    }
  });

  it('withResponse(): the answer, a Response with the request id and route headers, and request_id', async () => {
    const { data, response, request_id } = await tk.chat.completions.create({ model: 'mock/echo', messages }).withResponse();
    expect(data.object).toBe('chat.completion');
    expect(request_id).toMatch(/\S/);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(request_id);
    expect(response.headers.get('x-tokligence-route')).toMatch(/^mock\/echo;ok/);
    expect((data as unknown as { _request_id: string })._request_id).toBe(request_id);
    expect(Object.keys(data)).not.toContain('_request_id');
  });

  it('asResponse(): JSON for an answer, the dialect’s SSE for a stream', async () => {
    const json = await tk.messages.create({ model: 'mock/echo', max_tokens: 50, messages }).asResponse();
    expect(json.headers.get('content-type')).toBe('application/json');
    expect((await json.json()).type).toBe('message');
    const sse = await tk.messages.create({ model: 'mock/echo', max_tokens: 50, messages, stream: true }).asResponse();
    expect(sse.headers.get('content-type')).toBe('text/event-stream');
    const text = await sse.text();
    expect(text.startsWith('event: message_start\ndata: {')).toBe(true);
    expect(text.trimEnd().endsWith('"type":"message_stop"}')).toBe(true);
    const chat = await (await tk.chat.completions.create({ model: 'mock/echo', messages, stream: true }).asResponse()).text();
    expect(chat.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('toReadableStream() gives NDJSON that fromReadableStream() reads back', async () => {
    const stream = await tk.messages.create({ model: 'mock/echo', max_tokens: 50, messages, stream: true });
    const bytes = stream.toReadableStream();
    const back = TokligenceStream.fromReadableStream<RawMessageStreamEvent>(bytes);
    const types: string[] = [];
    for await (const ev of back) types.push(ev.type);
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
  });

  it('messages.stream(): text events, finalMessage() and finalText(), as the Anthropic SDK’s MessageStream', async () => {
    const stream = tk.messages.stream({ model: 'mock/echo', max_tokens: 50, messages });
    let streamed = '';
    const order: string[] = [];
    stream.on('connect', () => order.push('connect'));
    stream.on('text', (delta, snapshot) => {
      streamed += delta;
      expect(snapshot).toBe(streamed);
    });
    stream.on('message', () => order.push('message'));
    stream.on('finalMessage', () => order.push('finalMessage'));
    stream.on('end', () => order.push('end'));
    const message = await stream.finalMessage();
    expect(message.role).toBe('assistant');
    expect(await stream.finalText()).toBe(streamed);
    expect(streamed.length).toBeGreaterThan(0);
    expect(order).toEqual(['connect', 'message', 'finalMessage', 'end']);
    expect(stream.request_id).toMatch(/\S/);
    expect(stream.messages.at(-1)?.role).toBe('assistant');
  });

  it('messages.stream(): iterating yields the raw events; an error rejects finalMessage() and is emitted', async () => {
    const events: string[] = [];
    for await (const ev of tk.messages.stream({ model: 'mock/echo', max_tokens: 50, messages })) events.push(ev.type);
    expect(events[0]).toBe('message_start');
    expect(events.at(-1)).toBe('message_stop');
    const failing = tk.messages.stream({ model: 'nope/x', max_tokens: 50, messages });
    const emitted: Error[] = [];
    failing.on('error', (e) => emitted.push(e));
    await expect(failing.finalMessage()).rejects.toMatchObject({ status: 404 });
    expect(emitted).toHaveLength(1);
  });

  it('models.list(): awaited a page in both SDKs’ shapes, iterated its models', async () => {
    const page = await tk.models.list();
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data[0]).toMatchObject({ object: 'model', type: 'model' });
    const ids: string[] = [];
    for await (const m of tk.models.list()) ids.push(m.id);
    expect(ids).toEqual(page.data.map((m) => m.id));
  });
});
