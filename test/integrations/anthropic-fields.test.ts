/**
 * Anthropic-only fields survive both framework adapters end to end: prompt-cache markers, thinking
 * with its signature (answer → next turn), and top_k. The adapters call `tk.run()` with the
 * canonical request, so nothing passes through another dialect's wire format on the way; the fake
 * Anthropic upstream validates every body like the real API and records what it got.
 */
import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { generateText, streamText } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createTokligence } from '../../src/integrations/ai-sdk/index.js';
import { TokligenceChatModel } from '../../src/integrations/langchain/index.js';
import { type FakeReply, type FakeUpstream, type RecordedRequest, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../helpers/validators/anthropic.js';

const SIGNATURE = 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+sig';
const usage = { input_tokens: 20, output_tokens: 9, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };

/** An Anthropic answer with a signed thinking block and text, as JSON or as SSE. */
function thinkingReply(req: RecordedRequest): FakeReply {
  const body = req.body as { stream?: boolean; model: string };
  const thinking = { type: 'thinking', thinking: 'Let me think.', signature: SIGNATURE };
  const text = { type: 'text', text: 'Forty-two.' };
  if (!body.stream)
    return { json: { id: 'msg_01', type: 'message', role: 'assistant', model: body.model, content: [thinking, text], stop_reason: 'end_turn', stop_sequence: null, usage } };
  return {
    chunks: sseFrames([
      { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_01', type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, stop_sequence: null, usage } } },
      { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me think.' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: SIGNATURE } } },
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
      { event: 'content_block_start', data: { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Forty-two.' } } },
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 1 } },
      { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 9 } } },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ]),
  };
}

const fakes: FakeUpstream[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function gateway(): Promise<{ tk: Tokligence; fake: FakeUpstream }> {
  const fake = await startFakeUpstream({ validator: (b) => validateAnthropicRequest(b), validationError: anthropicValidationError, handler: thinkingReply });
  fakes.push(fake);
  const tk = new Tokligence({ env: {}, providers: { anthropic: { type: 'anthropic', baseUrl: fake.url, apiKey: 'sk-ant' } } });
  return { tk, fake };
}

type Block = { type: string; cache_control?: unknown; signature?: string; thinking?: string };
type Sent = { system?: Block[]; messages: Array<{ role: string; content: Block[] | string }>; top_k?: number; thinking?: unknown };
const sent = (fake: FakeUpstream, i: number) => fake.requests[i]?.body as Sent;
const blocks = (m: { content: Block[] | string } | undefined): Block[] => (typeof m?.content === 'string' ? [{ type: 'text' }] : (m?.content ?? []));

describe('AI SDK adapter → Anthropic upstream', () => {
  it('keeps cache_control (system, part, message, tool) and top_k', async () => {
    const { tk, fake } = await gateway();
    await generateText({
      model: createTokligence(tk)('anthropic/claude-sonnet-4-5'),
      topK: 5,
      messages: [
        { role: 'system', content: 'You are terse.', providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'A long document…', providerOptions: { anthropic: { cacheControl: { type: 'ephemeral', ttl: '1h' } } } },
            { type: 'text', text: 'What is the answer?' },
          ],
        },
      ],
    });
    const body = sent(fake, 0);
    expect(body.top_k).toBe(5);
    expect(body.system?.[0]?.cache_control).toEqual({ type: 'ephemeral' });
    expect(blocks(body.messages[0])[0]?.cache_control).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect(blocks(body.messages[0])[1]?.cache_control).toBeUndefined();
  });

  it('a message-level cache marker lands on its last part', async () => {
    const { tk, fake } = await gateway();
    await generateText({
      model: createTokligence(tk)('anthropic/claude-sonnet-4-5'),
      messages: [{ role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }], providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } }],
    });
    const content = blocks(sent(fake, 0).messages[0]);
    expect(content.map((b) => b.cache_control)).toEqual([undefined, { type: 'ephemeral' }]);
  });

  for (const mode of ['generateText', 'streamText'] as const)
    it(`${mode}: the answer's thinking signature goes back to Claude on the next turn`, async () => {
      const { tk, fake } = await gateway();
      const model = createTokligence(tk)('anthropic/claude-sonnet-4-5');
      const first = mode === 'generateText' ? await generateText({ model, prompt: 'Think: what is 6×7?' }) : streamText({ model, prompt: 'Think: what is 6×7?' });
      const response = await first.response;
      expect(await first.reasoningText).toBe('Let me think.');
      const reasoning = (await first.reasoning)[0];
      expect(reasoning?.providerMetadata?.tokligence?.signature).toBe(SIGNATURE);
      await generateText({ model, messages: [{ role: 'user', content: 'Think: what is 6×7?' }, ...response.messages, { role: 'user', content: 'And 6×8?' }] });
      const assistant = sent(fake, 1).messages[1];
      expect(assistant?.role).toBe('assistant');
      expect(blocks(assistant)[0]).toEqual({ type: 'thinking', thinking: 'Let me think.', signature: SIGNATURE });
    });

  it("a signature minted by @ai-sdk/anthropic (providerOptions.anthropic) is replayed too", async () => {
    const { tk, fake } = await gateway();
    await generateText({
      model: createTokligence(tk)('anthropic/claude-sonnet-4-5'),
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'hmm', providerOptions: { anthropic: { signature: SIGNATURE } } }, { type: 'text', text: 'a' }] },
        { role: 'user', content: 'q2' },
      ],
    });
    expect(blocks(sent(fake, 0).messages[1])[0]).toEqual({ type: 'thinking', thinking: 'hmm', signature: SIGNATURE });
  });
});

describe('LangChain adapter → Anthropic upstream', () => {
  it('keeps cache_control on content blocks and top_k', async () => {
    const { tk, fake } = await gateway();
    const llm = new TokligenceChatModel({ model: 'anthropic/claude-sonnet-4-5', client: tk, topK: 7 });
    await llm.invoke([
      new SystemMessage({ content: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }] }),
      new HumanMessage({ content: [{ type: 'text', text: 'A long document…', cache_control: { type: 'ephemeral', ttl: '1h' } }, { type: 'text', text: 'Answer?' }] }),
    ]);
    const body = sent(fake, 0);
    expect(body.top_k).toBe(7);
    expect(body.system?.[0]?.cache_control).toEqual({ type: 'ephemeral' });
    expect(blocks(body.messages[0]).map((b) => b.cache_control)).toEqual([{ type: 'ephemeral', ttl: '1h' }, undefined]);
  });

  for (const mode of ['invoke', 'stream'] as const)
    it(`${mode}: the answer's thinking signature goes back to Claude on the next turn`, async () => {
      const { tk, fake } = await gateway();
      const llm = new TokligenceChatModel({ model: 'anthropic/claude-sonnet-4-5', client: tk });
      const question = new HumanMessage('Think: what is 6×7?');
      let answer: AIMessage;
      if (mode === 'invoke') answer = (await llm.invoke([question])) as unknown as AIMessage;
      else {
        let merged: Awaited<ReturnType<typeof llm.invoke>> | undefined;
        for await (const chunk of await llm.stream([question])) merged = merged ? merged.concat(chunk) : chunk;
        answer = merged as unknown as AIMessage;
      }
      expect(answer.additional_kwargs.reasoning_signature).toBe(SIGNATURE);
      await llm.invoke([question, answer, new HumanMessage('And 6×8?')]);
      expect(blocks(sent(fake, 1).messages[1])[0]).toEqual({ type: 'thinking', thinking: 'Let me think.', signature: SIGNATURE });
    });

  it("ChatAnthropic-style thinking blocks in history are replayed with their signature", async () => {
    const { tk, fake } = await gateway();
    const llm = new TokligenceChatModel({ model: 'anthropic/claude-sonnet-4-5', client: tk });
    await llm.invoke([
      new HumanMessage('q'),
      new AIMessage({ content: [{ type: 'thinking', thinking: 'hmm', signature: SIGNATURE }, { type: 'text', text: 'a' }] }),
      new HumanMessage('q2'),
    ]);
    expect(blocks(sent(fake, 0).messages[1])[0]).toEqual({ type: 'thinking', thinking: 'hmm', signature: SIGNATURE });
  });
});
