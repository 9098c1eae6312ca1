import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../../src/core/errors.js';
import { decodeGeminiRequest, encodeGeminiRequest, geminiCodec } from '../../../src/dialects/gemini/index.js';
import { validateGeminiRequest } from '../../helpers/validators/gemini.js';
import { fixtureJson, postGemini, startFakeGemini } from './helpers.js';

const user = (text: string) => ({ role: 'user', parts: [{ text }] });

function decodeError(body: unknown): InvalidRequestError {
  try {
    decodeGeminiRequest(body);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidRequestError);
    return err as InvalidRequestError;
  }
  throw new Error('expected a 400');
}

describe('gemini decodeRequest', () => {
  it('decodes roles, system, tools, tool calls (with signature), function responses, thoughts and media', () => {
    const req = decodeGeminiRequest(fixtureJson('roundtrip.request.json'));
    expect(req.system).toEqual([{ type: 'text', text: 'You are a weather bot.' }]);
    expect(req.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user']);
    expect(req.messages[0]!.content[1]).toEqual({ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } });
    const [thought, call] = req.messages[1]!.content;
    expect(thought).toEqual({ type: 'reasoning', text: 'Thinking about maps.', signature: 'CiQTHOUGHT==', origin: 'gemini' });
    expect(call).toMatchObject({ type: 'tool_call', name: 'get_weather', arguments: { location: 'Paris' }, signature: 'CiQCALLSIG==', origin: 'gemini' });
    expect((call as { id: string }).id).toMatch(/^call_/);
    // TR: the response pairs with the call by name (no ids on the wire) and keeps the name.
    expect(req.messages[2]!.content[0]).toEqual({
      type: 'tool_result',
      toolCallId: (call as { id: string }).id,
      name: 'get_weather',
      content: [{ type: 'text', text: '18C and sunny' }],
    });
    // A text part's signature rides on a signature-only reasoning part right after it.
    expect(req.messages[3]!.content).toEqual([
      { type: 'text', text: 'It is 18C and sunny.' },
      { type: 'reasoning', text: '', signature: 'CiQTEXTSIG==', origin: 'gemini' },
    ]);
    // TR-10: {error} → isError; a structured response → JSON text (raw kept for the round trip).
    expect(req.messages[6]!.content).toEqual([
      { type: 'tool_result', toolCallId: 'abc-1', name: 'forecast', content: [{ type: 'text', text: '{"days":[{"t":20},{"t":21}]}' }] },
      { type: 'tool_result', toolCallId: 'abc-2', name: 'get_weather', content: [{ type: 'text', text: 'station offline' }], isError: true },
    ]);
    expect(req.tools?.map((t) => [t.kind, t.name])).toEqual([
      ['function', 'get_weather'],
      ['function', 'forecast'],
      ['hosted', 'googleSearch'],
    ]);
    expect(req.tools![0]!.inputSchema).toEqual({ type: 'object', properties: { location: { type: 'string' } }, required: ['location'] });
    expect(req.tools![1]!.inputSchema).toMatchObject({ additionalProperties: false });
    expect(req.toolChoice).toBe('required');
    expect(req).toMatchObject({ temperature: 0.4, topP: 0.9, topK: 40, maxTokens: 2048, stop: ['END'], seed: 7 });
    expect(req.responseFormat).toEqual({ type: 'json_schema', schema: { type: 'object', properties: { answer: { type: 'string' } } } });
    expect(req.reasoning).toEqual({ enabled: true, effort: 'high' });
    expect(req.extensions?.gemini).toMatchObject({
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }],
      generationConfig: { candidateCount: 1, thinkingConfig: { thinkingLevel: 'high', includeThoughts: true } },
    });
  });

  it('round trip: decode → encode gives the same Gemini body back (identity)', () => {
    const original = fixtureJson('roundtrip.request.json');
    const { body } = encodeGeminiRequest(decodeGeminiRequest(original));
    expect(body).toEqual(original);
  });

  it('round trip over HTTP: the re-encoded body is accepted by the fake Gemini', async () => {
    const original = fixtureJson('roundtrip.request.json');
    const request = decodeGeminiRequest({ ...original, model: 'models/gemini-2.5-pro' });
    expect(request.model).toBe('gemini-2.5-pro');
    const fake = await startFakeGemini();
    try {
      fake.replies.push({ json: { candidates: [{ content: { role: 'model', parts: [{ text: '{"answer":"ok"}' }] }, finishReason: 'STOP' }] } });
      const { body } = geminiCodec.encodeRequest(request);
      const res = await postGemini(fake, request.model, body);
      expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
      expect(fake.requests[0]!.body).toEqual(original);
    } finally {
      await fake.close();
    }
  });

  it('thinkingBudget maps to budget + effort bucket (TH-4), 0 to off (TH-6), -1 to adaptive', () => {
    const r = (thinkingConfig: Record<string, unknown>) => decodeGeminiRequest({ contents: [user('x')], generationConfig: { thinkingConfig } }).reasoning;
    expect(r({ thinkingBudget: 8192 })).toEqual({ enabled: true, budgetTokens: 8192, effort: 'xhigh' });
    expect(r({ thinkingBudget: 0 })).toEqual({ enabled: false });
    expect(r({ thinkingBudget: -1, includeThoughts: true })).toEqual({ enabled: true, adaptive: true });
  });

  it('toolConfig ANY with one allowed name → {name}; NONE → none', () => {
    const decl = { functionDeclarations: [{ name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } } } }] };
    const one = decodeGeminiRequest({ contents: [user('x')], tools: [decl], toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } } });
    expect(one.toolChoice).toEqual({ name: 'f' });
    expect(one.extensions).toBeUndefined();
    expect(decodeGeminiRequest({ contents: [user('x')], tools: [decl], toolConfig: { functionCallingConfig: { mode: 'NONE' } } }).toolChoice).toBe('none');
  });

  it('a decoded Gemini request re-encodes to a body the validator accepts, even for another model', () => {
    const req = decodeGeminiRequest(fixtureJson('roundtrip.request.json'));
    const { body } = encodeGeminiRequest(req, { model: 'gemini-3-pro-preview' });
    expect(validateGeminiRequest(body)).toEqual([]);
  });

  describe('400s name the field', () => {
    it('contents missing or empty', () => {
      expect(decodeError({}).message).toMatch(/^contents: /);
      expect(decodeError({ contents: [] }).param).toBe('contents');
    });

    it('bad role', () => {
      const err = decodeError({ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] });
      expect(err.param).toBe('contents.0.role');
      expect(err.message).toMatch(/^contents\.0\.role: /);
    });

    it('a part with two data fields or none', () => {
      expect(decodeError({ contents: [{ role: 'user', parts: [{ text: 'a', inlineData: { mimeType: 'image/png', data: 'AA==' } }] }] }).param).toBe('contents.0.parts.0');
      expect(decodeError({ contents: [{ role: 'user', parts: [{ thought: true }] }] }).message).toMatch(/^contents\.0\.parts\.0: a part must set exactly one/);
    });

    it('empty parts, bad function name, bad temperature, bad body', () => {
      expect(decodeError({ contents: [{ role: 'user', parts: [] }] }).param).toBe('contents.0.parts');
      expect(decodeError({ contents: [user('x')], tools: [{ functionDeclarations: [{ name: '9bad name' }] }] }).param).toBe('tools.0.functionDeclarations.0.name');
      expect(decodeError({ contents: [user('x')], generationConfig: { temperature: 5 } }).param).toBe('generationConfig.temperature');
      expect(decodeError([1, 2]).message).toMatch(/JSON object/);
    });

    it('functionCall without a name', () => {
      expect(decodeError({ contents: [user('x'), { role: 'model', parts: [{ functionCall: { args: {} } }] }] }).param).toBe('contents.1.parts.0.functionCall.name');
    });
  });
});
