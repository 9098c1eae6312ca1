import { describe, expect, it } from 'vitest';
import type { ChatRequest, ToolDefinition } from '../../../src/core/types.js';
import { encodeGeminiRequest, SKIP_THOUGHT_SIGNATURE, toGeminiParameters } from '../../../src/dialects/gemini/index.js';
import { validateGeminiRequest } from '../../helpers/validators/gemini.js';
import { captureTools, capturesWithTools, claudeCodeLikeRequest, postGemini, startFakeGemini } from './helpers.js';

const base = (over: Partial<ChatRequest>): ChatRequest => ({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], ...over });
const fnTool = (name: string, inputSchema: Record<string, unknown> = { type: 'object', properties: { a: { type: 'string' } } }): ToolDefinition => ({
  kind: 'function',
  name,
  inputSchema,
});

describe('gemini encodeRequest: system and turns', () => {
  it('SYS-1/SYS-3: system → systemInstruction text parts, empty text dropped', () => {
    const { body } = encodeGeminiRequest(base({ system: [{ type: 'text', text: 'S' }, { type: 'text', text: '' }, { type: 'text', text: 'T' }] }));
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'S' }, { text: 'T' }] });
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'hi' }] }]);
    expect(validateGeminiRequest(body)).toEqual([]);
  });

  it('ALT-1: consecutive same-role messages merge; assistant → model', () => {
    const { body } = encodeGeminiRequest(
      base({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'a' }] },
          { role: 'user', content: [{ type: 'text', text: 'b' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'c' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'd' }] },
          { role: 'user', content: [{ type: 'text', text: 'e' }] },
        ],
      }),
    );
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
      { role: 'model', parts: [{ text: 'c' }, { text: 'd' }] },
      { role: 'user', parts: [{ text: 'e' }] },
    ]);
  });

  it('ALT-6: empty text is never sent; an emptied message disappears', () => {
    const { body } = encodeGeminiRequest(
      base({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          { role: 'assistant', content: [{ type: 'text', text: '' }] },
          { role: 'user', content: [{ type: 'text', text: '' }, { type: 'text', text: 'again' }] },
        ],
      }),
    );
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'q' }, { text: 'again' }] }]);
    expect(validateGeminiRequest(body)).toEqual([]);
  });

  it('ALT-3: a request with no content is a 400', () => {
    expect(() => encodeGeminiRequest(base({ messages: [] }))).toThrow(/messages/);
  });
});

describe('gemini encodeRequest: content', () => {
  it('CNT-1/CNT-2/CNT-8: base64 image → inlineData, URL → fileData with a guessed mimeType, data URL → inlineData, documents, text documents → text', () => {
    const { body } = encodeGeminiRequest(
      base({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' }, detail: 'high' },
              { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg?x=1' } },
              { type: 'image', source: { kind: 'url', url: 'data:image/webp;base64,UklGRg==' } },
              { type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, title: 'doc' },
              { type: 'document', source: { kind: 'url', url: 'https://example.com/report' } },
              { type: 'document', source: { kind: 'text', text: 'plain notes' } },
              { type: 'text', text: 'describe' },
            ],
          },
        ],
      }),
    );
    expect(body.contents[0]!.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
      { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/cat.jpg?x=1' } },
      { inlineData: { mimeType: 'image/webp', data: 'UklGRg==' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
      { fileData: { mimeType: 'application/pdf', fileUri: 'https://example.com/report' } },
      { text: 'plain notes' },
      { text: 'describe' },
    ]);
    expect(validateGeminiRequest(body)).toEqual([]);
  });
});

describe('gemini encodeRequest: tool round trips', () => {
  const history = (extra: Partial<ChatRequest> = {}): ChatRequest =>
    base({
      tools: [fnTool('get_weather', { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] })],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
            { type: 'tool_call', id: 'call_2', name: 'get_weather', arguments: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', toolCallId: 'call_2', content: [{ type: 'text', text: 'boom' }], isError: true },
            { type: 'tool_result', toolCallId: 'call_1', content: [{ type: 'text', text: '18C' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } }] },
            { type: 'text', text: 'and now?' },
          ],
        },
      ],
      ...extra,
    });

  it('TU-1/TR-1/TR-10/ALT-2: calls → functionCall; results → functionResponse named after the call, in call order, {result}/{error}, media after', () => {
    const { body } = encodeGeminiRequest(history());
    expect(body.contents[1]).toEqual({
      role: 'model',
      parts: [
        { text: 'Checking.' },
        { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
        { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
      ],
    });
    expect(body.contents[2]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { result: '18C' } } },
        { functionResponse: { name: 'get_weather', response: { error: 'boom' } } },
        { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
        { text: 'and now?' },
      ],
    });
    expect(validateGeminiRequest(body)).toEqual([]);
  });

  it('foreign tool calls get the skip_thought_signature_validator sentinel on Gemini 3, only on the first call of a turn; never on gemini-2.x', () => {
    const g3 = encodeGeminiRequest(history({ model: 'gemini-3-pro-preview' })).body;
    expect(g3.contents[1]!.parts[1]).toEqual({ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: SKIP_THOUGHT_SIGNATURE });
    expect(g3.contents[1]!.parts[2]).not.toHaveProperty('thoughtSignature');
    expect(validateGeminiRequest(g3)).toEqual([]);
    const g25 = encodeGeminiRequest(history()).body;
    expect(JSON.stringify(g25)).not.toContain(SKIP_THOUGHT_SIGNATURE);
  });

  it('TH-9: a Gemini call keeps its signature and id byte for byte; foreign signatures and minted ids are not sent', () => {
    const { body } = encodeGeminiRequest(
      base({
        model: 'gemini-3-flash',
        tools: [fnTool('f')],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'go' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool_call', id: 'gem-id-1', name: 'f', arguments: { a: '1' }, signature: 'CiQsig+/==', origin: 'gemini' },
              { type: 'tool_call', id: 'call_gm_x1', name: 'f', arguments: { a: '2' }, origin: 'gemini' },
              { type: 'tool_call', id: 'toolu_9', name: 'f', arguments: { a: '3' }, signature: 'anthropic-sig', origin: 'anthropic' },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', toolCallId: 'gem-id-1', content: [{ type: 'text', text: 'r1' }] },
              { type: 'tool_result', toolCallId: 'call_gm_x1', content: [{ type: 'text', text: 'r2' }] },
              { type: 'tool_result', toolCallId: 'toolu_9', content: [{ type: 'text', text: 'r3' }] },
            ],
          },
        ],
      }),
    );
    expect(body.contents[1]!.parts).toEqual([
      { functionCall: { id: 'gem-id-1', name: 'f', args: { a: '1' } }, thoughtSignature: 'CiQsig+/==' },
      { functionCall: { name: 'f', args: { a: '2' } } },
      { functionCall: { name: 'f', args: { a: '3' } } },
    ]);
    expect(body.contents[2]!.parts[0]).toEqual({ functionResponse: { id: 'gem-id-1', name: 'f', response: { result: 'r1' } } });
    expect(validateGeminiRequest(body)).toEqual([]);
  });

  it('ALT-12: a result with no call becomes text; a call with no result gets a synthetic error response', () => {
    const { body } = encodeGeminiRequest(
      base({
        tools: [fnTool('f')],
        messages: [
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'ghost', name: 'f', content: [{ type: 'text', text: 'old' }] }, { type: 'text', text: 'hi' }] },
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'f', arguments: {} }] },
          { role: 'user', content: [{ type: 'text', text: 'never mind' }] },
        ],
      }),
    );
    expect(body.contents[0]!.parts[0]).toEqual({ text: '[Result of tool f (call ghost)]\nold' });
    expect(body.contents[2]!.parts[0]).toEqual({ functionResponse: { name: 'f', response: { error: 'No result was provided for this tool call.' } } });
    expect(validateGeminiRequest(body)).toEqual([]);
  });

  it('TH-10: Gemini reasoning is replayed as thought parts (signature on text restored); other reasoning dropped', () => {
    const { body } = encodeGeminiRequest(
      base({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'anthropic thinking', signature: 'sigA', origin: 'anthropic' },
              { type: 'reasoning', text: '', redactedData: 'xx', origin: 'anthropic' },
              { type: 'reasoning', text: 'gemini thought', signature: 'CiQthought==', origin: 'gemini' },
              { type: 'text', text: 'Answer' },
              { type: 'reasoning', text: '', signature: 'CiQtext==', origin: 'gemini' },
            ],
          },
          { role: 'user', content: [{ type: 'text', text: 'more' }] },
        ],
      }),
    );
    expect(body.contents[1]!.parts).toEqual([
      { text: 'gemini thought', thought: true, thoughtSignature: 'CiQthought==' },
      { text: 'Answer', thoughtSignature: 'CiQtext==' },
    ]);
    expect(validateGeminiRequest(body)).toEqual([]);
  });
});

describe('gemini encodeRequest: tools and schemas', () => {
  it('TD-1: JSON Schema is translated to the Gemini subset (Claude Code keywords removed, $ref inlined, const → enum, nullable)', () => {
    const params = toGeminiParameters({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      properties: {
        url: { type: 'string', format: 'uri' },
        when: { type: 'string', format: 'date-time' },
        mode: { const: 'fast' },
        level: { type: 'integer', enum: [1, 2, 3] },
        timeout: { type: 'number', exclusiveMinimum: 0, maximum: 600 },
        headers: { type: 'object', propertyNames: { pattern: '^x-' }, additionalProperties: { type: 'string' } },
        maybe: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        kind: { type: ['string', 'null'], enum: ['a', 'b', null] },
        either: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        item: { $ref: '#/$defs/Item' },
        list: { type: 'array', items: { $ref: '#/$defs/Item' }, minItems: 1 },
        tree: { $ref: '#/$defs/Node' },
        opts: { type: 'object', properties: {}, required: [] },
      },
      required: ['url', 'missing'],
      $defs: {
        Item: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false },
        Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } },
      },
    });
    expect(params).toEqual({
      type: 'object',
      properties: {
        url: { type: 'string' },
        when: { type: 'string', format: 'date-time' },
        mode: { type: 'string', enum: ['fast'] },
        level: { type: 'integer', description: 'Allowed values: 1, 2, 3' },
        timeout: { type: 'number', maximum: 600 },
        headers: { type: 'object' },
        maybe: { type: 'string', nullable: true },
        kind: { type: 'string', enum: ['a', 'b'], nullable: true },
        either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        item: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        list: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }, minItems: 1 },
        tree: { type: 'object', properties: { child: { type: 'object' } } },
        opts: { type: 'object' },
      },
      required: ['url'],
    });
    expect(validateGeminiRequest({ contents: [{ role: 'user', parts: [{ text: 'x' }] }], tools: [{ functionDeclarations: [{ name: 'f', parameters: params }] }] })).toEqual([]);
  });

  it('TD-2/TD-3: a tool without arguments has no parameters (Gemini rejects empty properties)', () => {
    const { body } = encodeGeminiRequest(base({ tools: [fnTool('noargs', { type: 'object', properties: {} }), fnTool('none', {})] }));
    expect(body.tools).toEqual([{ functionDeclarations: [{ name: 'noargs' }, { name: 'none' }] }]);
    expect(validateGeminiRequest(body)).toEqual([]);
  });

  it('TD-4: invalid names are sanitised everywhere and reversed through the context', () => {
    const { body, context } = encodeGeminiRequest(
      base({
        tools: [fnTool('actions/download logs'), fnTool('9lives')],
        toolChoice: { name: 'actions/download logs' },
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'go' }] },
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'actions/download logs', arguments: { a: 'x' } }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'c', content: [{ type: 'text', text: 'ok' }] }] },
        ],
      }),
    );
    const names = (body.tools![0]!.functionDeclarations as Array<{ name: string }>).map((d) => d.name);
    expect(names[0]).toMatch(/^[a-zA-Z_][a-zA-Z0-9_.:-]*$/);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [names[0]] } });
    expect((body.contents[1]!.parts[0]!.functionCall as { name: string }).name).toBe(names[0]);
    expect(context.toolNames.get(names[0]!)).toBe('actions/download logs');
    expect(validateGeminiRequest(body)).toEqual([]);
  });

  it('TD-8/TD-11: custom tools are wrapped as {input} functions, hosted tools dropped unless they came from Gemini', () => {
    const { body, context } = encodeGeminiRequest(
      base({
        tools: [
          { kind: 'custom', name: 'apply_patch', description: 'patch', inputSchema: {}, format: { type: 'grammar', syntax: 'lark', definition: 'start: x' } },
          { kind: 'hosted', name: 'web_search', inputSchema: {}, raw: { type: 'web_search' }, origin: 'responses' },
          { kind: 'hosted', name: 'googleSearch', inputSchema: {}, raw: { googleSearch: {} }, origin: 'gemini' },
        ],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'edit' }] },
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'apply_patch', kind: 'custom', input: '*** Begin Patch', arguments: {} }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'c', kind: 'custom', content: [{ type: 'text', text: 'Done' }] }] },
        ],
      }),
    );
    expect(context.wrappedCustomTools.has('apply_patch')).toBe(true);
    const decl = (body.tools![0]!.functionDeclarations as Array<Record<string, unknown>>)[0]!;
    expect(decl.name).toBe('apply_patch');
    expect(decl.parameters).toMatchObject({ type: 'object', properties: { input: { type: 'string' } }, required: ['input'] });
    expect(body.tools![1]).toEqual({ googleSearch: {} });
    expect(body.tools).toHaveLength(2);
    expect(body.contents[1]!.parts[0]).toEqual({ functionCall: { name: 'apply_patch', args: { input: '*** Begin Patch' } } });
    expect(validateGeminiRequest(body)).toEqual([]);
  });

  it('TC-1/TC-2/TC-3: tool_choice → functionCallingConfig; no toolConfig without function tools', () => {
    const mode = (toolChoice: ChatRequest['toolChoice']) => encodeGeminiRequest(base({ tools: [fnTool('f')], toolChoice })).body.toolConfig;
    expect(mode('auto')).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(mode('required')).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(mode('none')).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(mode({ name: 'f' })).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } });
    expect(encodeGeminiRequest(base({ toolChoice: 'required' })).body.toolConfig).toBeUndefined();
  });
});

describe('gemini encodeRequest: generation config', () => {
  it('MT-1/SP-1/SP-2/SP-4: sampling params, stop (max 5), seed and penalties map into generationConfig', () => {
    const { body } = encodeGeminiRequest(
      base({ maxTokens: 100.4, temperature: 0.2, topP: 0.9, topK: 20, seed: 3, presencePenalty: 0.1, frequencyPenalty: 0.2, stop: ['a', 'b', 'c', 'd', 'e', 'f'], parallelToolCalls: false, metadata: { user: 'u' } }),
    );
    expect(body.generationConfig).toEqual({
      stopSequences: ['a', 'b', 'c', 'd', 'e'],
      maxOutputTokens: 100,
      temperature: 0.2,
      topP: 0.9,
      topK: 20,
      seed: 3,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
    });
    expect(validateGeminiRequest(body)).toEqual([]);
  });

  it('TD-13: json_schema → responseMimeType + sanitised responseSchema; json_object → mime only', () => {
    const schema = { type: 'object', properties: { title: { type: 'string' } }, required: ['title'], additionalProperties: false };
    const s = encodeGeminiRequest(base({ responseFormat: { type: 'json_schema', name: 't', schema } })).body;
    expect(s.generationConfig).toEqual({ responseMimeType: 'application/json', responseSchema: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] } });
    expect(validateGeminiRequest(s)).toEqual([]);
    expect(encodeGeminiRequest(base({ responseFormat: { type: 'json_object' } })).body.generationConfig).toEqual({ responseMimeType: 'application/json' });
  });

  it('TH-1/TH-6: reasoning → thinkingConfig (effort → shared budget, explicit budget, adaptive → -1, off → 0)', () => {
    const t = (reasoning: ChatRequest['reasoning']) => encodeGeminiRequest(base({ reasoning })).body.generationConfig?.thinkingConfig;
    expect(t({ effort: 'high' })).toEqual({ thinkingBudget: 4096, includeThoughts: true });
    expect(t({ effort: 'minimal' })).toEqual({ thinkingBudget: 1024, includeThoughts: true });
    expect(t({ enabled: true, budgetTokens: 31999 })).toEqual({ thinkingBudget: 31999, includeThoughts: true });
    expect(t({ adaptive: true })).toEqual({ thinkingBudget: -1, includeThoughts: true });
    expect(t({ enabled: false })).toEqual({ thinkingBudget: 0 });
    expect(t({ effort: 'none' })).toEqual({ thinkingBudget: 0 });
  });

  it('CC-3: extensions.gemini are merged (safetySettings, cachedContent, extra generationConfig); other dialects’ extensions are not', () => {
    const { body } = encodeGeminiRequest(
      base({
        reasoning: { effort: 'low' },
        extensions: {
          gemini: {
            safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
            cachedContent: 'cachedContents/xyz',
            generationConfig: { responseModalities: ['TEXT'], thinkingConfig: { thinkingLevel: 'low' } },
          },
          anthropic: { context_management: { edits: [] } },
        },
      }),
    );
    expect(body.safetySettings).toEqual([{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }]);
    expect(body.cachedContent).toBe('cachedContents/xyz');
    expect(body.generationConfig).toEqual({ responseModalities: ['TEXT'], thinkingConfig: { thinkingLevel: 'low' } });
    expect(body).not.toHaveProperty('context_management');
    expect(validateGeminiRequest(body)).toEqual([]);
  });
});

describe('gemini encodeRequest: real client tool lists (captures)', () => {
  const captures = capturesWithTools();

  it('has captures to test', () => {
    expect(captures.length).toBeGreaterThan(10);
  });

  it.each(captures.map((c) => [c.file, c] as const))('TD-1 %s: every tool schema is accepted by the Gemini validator', (_file, capture) => {
    const tools = captureTools(capture);
    const { body } = encodeGeminiRequest({ ...claudeCodeLikeRequest(tools), model: 'gemini-2.5-pro' });
    expect(validateGeminiRequest(body)).toEqual([]);
    const declared = (body.tools?.[0]?.functionDeclarations ?? []) as Array<{ name: string; parameters?: unknown }>;
    expect(declared.length).toBe(tools.filter((t) => t.kind !== 'hosted').length);
    // `parameters` takes Gemini's OpenAPI subset; a Gemini caller's own `parametersJsonSchema`
    // (full JSON Schema, as Gemini CLI sends) is replayed unchanged to a Gemini upstream.
    const raw = JSON.stringify(declared.map((d) => d.parameters));
    for (const banned of ['"$schema"', '"additionalProperties"', '"propertyNames"', '"$ref"', '"const"', '"exclusiveMinimum"'])
      expect(raw).not.toContain(banned);
  });
});

describe('gemini encodeRequest over HTTP', () => {
  it('a Claude-Code-shaped tool round trip (24 tools, thinking, tool_result) is accepted by the fake Gemini', async () => {
    const capture = capturesWithTools().find((c) => c.file.includes('2.1.197-p-tool--004'))!;
    const fake = await startFakeGemini();
    try {
      fake.replies.push({ json: { candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'STOP' }] } });
      const { body, context } = encodeGeminiRequest(claudeCodeLikeRequest(captureTools(capture)));
      const res = await postGemini(fake, context.model!, body);
      expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
      const sent = fake.requests[0]!.body as typeof body;
      expect(sent.contents[1]!.parts).toEqual([
        { text: "I'll run that." },
        { functionCall: { name: 'Bash', args: { command: 'echo hi', description: 'Print hi' } }, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
      ]);
      expect(sent.contents[2]!.parts).toEqual([{ functionResponse: { name: 'Bash', response: { result: 'hi' } } }]);
      expect(sent.generationConfig).toEqual({ maxOutputTokens: 32000, thinkingConfig: { thinkingBudget: 4096, includeThoughts: true } });
    } finally {
      await fake.close();
    }
  });

  it('a Codex-shaped request (custom apply_patch, namespace tools, hosted web_search) is accepted by the fake Gemini', async () => {
    const capture = capturesWithTools().find((c) => c.file.includes('applypatch-reasoning--003'))!;
    const fake = await startFakeGemini();
    try {
      fake.replies.push({ json: { candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] } });
      const request: ChatRequest = {
        model: 'gemini-2.5-pro',
        system: [{ type: 'text', text: 'base prompt' }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: '<environment_context/>' }, { type: 'text', text: 'create hello.txt' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'plan', encryptedContent: 'gAAAA…', id: 'rs_1', summary: true, origin: 'responses' },
              { type: 'tool_call', id: 'call_p', name: 'apply_patch', kind: 'custom', input: '*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch', arguments: {} },
            ],
          },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'call_p', kind: 'custom', content: [{ type: 'text', text: 'Exit code: 0' }] }] },
        ],
        tools: captureTools(capture),
        toolChoice: 'auto',
        parallelToolCalls: true,
        reasoning: { effort: 'medium', summary: 'auto' },
      };
      const { body, context } = encodeGeminiRequest(request);
      const res = await postGemini(fake, 'gemini-2.5-pro', body);
      expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
      expect(context.wrappedCustomTools.has('apply_patch')).toBe(true);
      expect(JSON.stringify(body)).not.toContain('gAAAA');
      expect(JSON.stringify(body.tools)).not.toContain('web_search');
    } finally {
      await fake.close();
    }
  });
});
