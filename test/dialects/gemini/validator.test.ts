import { describe, expect, it } from 'vitest';
import { geminiValidationError, validateGeminiRequest } from '../../helpers/validators/gemini.js';

const ok = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };
const problems = (body: unknown) => validateGeminiRequest(body);

/** The validator must fail on what Gemini rejects, or the HTTP tests prove nothing. */
describe('validateGeminiRequest', () => {
  it('accepts a minimal valid body', () => {
    expect(problems(ok)).toEqual([]);
  });

  it('rejects empty contents, bad roles and OpenAI/Anthropic fields', () => {
    expect(problems({ contents: [] })).toContain('contents: must be a non-empty array');
    expect(problems({ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] })[0]).toMatch(/role/);
    expect(problems({ ...ok, messages: [], max_tokens: 5, tool_choice: 'auto' })).toHaveLength(3);
  });

  it('rejects parts with zero or two data fields, empty text, unknown part keys', () => {
    expect(problems({ contents: [{ role: 'user', parts: [{ text: 'a', inlineData: { mimeType: 'image/png', data: 'AA==' } }] }] })[0]).toMatch(/exactly one/);
    expect(problems({ contents: [{ role: 'user', parts: [{ text: '' }] }] })[0]).toMatch(/empty text/);
    expect(problems({ contents: [{ role: 'user', parts: [{ type: 'text', text: 'a' }] }] })[0]).toMatch(/unknown field "type"/);
  });

  it('enforces function call / response pairing', () => {
    const call = { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }, { functionCall: { name: 'g', args: {} } }] };
    expect(problems({ contents: [ok.contents[0], call, { role: 'user', parts: [{ functionResponse: { name: 'f', response: {} } }] }] })[0]).toMatch(/number of function response parts/);
    expect(problems({ contents: [ok.contents[0], { role: 'user', parts: [{ functionResponse: { name: 'f', response: {} } }] }] })[0]).toMatch(/immediately after a function call turn/);
    expect(problems({ contents: [call] })[0]).toMatch(/immediately after a user turn/);
    expect(problems({ contents: [ok.contents[0], call, { role: 'user', parts: [{ text: 'no results' }] }] })[0]).toMatch(/no function response/);
  });

  it('rejects schema keywords Gemini does not accept in `parameters`', () => {
    const decl = (parameters: unknown) => ({ ...ok, tools: [{ functionDeclarations: [{ name: 'f', parameters }] }] });
    expect(problems(decl({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }))[0]).toMatch(/additionalProperties/);
    expect(problems(decl({ $schema: 'x', type: 'object', properties: { a: { type: 'string' } } }))[0]).toMatch(/\$schema/);
    expect(problems(decl({ type: 'object', properties: { a: { type: 'object', propertyNames: {} } } }))[0]).toMatch(/propertyNames/);
    expect(problems(decl({ type: 'object', properties: {} }))[0]).toMatch(/non-empty for OBJECT/);
    expect(problems(decl({ type: 'object', properties: { a: { type: ['string', 'null'] } } }))[0]).toMatch(/invalid type/);
    expect(problems(decl({ type: 'object', properties: { a: { type: 'integer', enum: [1, 2] } } }))[0]).toMatch(/enum/);
    expect(problems(decl({ type: 'object', properties: { a: { type: 'string' } }, required: ['b'] }))[0]).toMatch(/not defined/);
    expect(problems(decl({ type: 'string' }))[0]).toMatch(/OBJECT/);
    expect(problems({ ...ok, tools: [{ functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object', properties: { a: { $ref: '#/$defs/A' } } } }] }] })[0]).toMatch(/does not resolve/);
    expect(problems({ ...ok, tools: [{ functionDeclarations: [{ name: 'bad name!' }] }] })[0]).toMatch(/Invalid function name/);
  });

  it('checks toolConfig and generationConfig', () => {
    expect(problems({ ...ok, toolConfig: { functionCallingConfig: { mode: 'ANY' } } })[0]).toMatch(/needs function declarations/);
    expect(problems({ ...ok, generationConfig: { thinkingConfig: { thinkingBudget: 10, thinkingLevel: 'low' } } })[0]).toMatch(/mutually exclusive/);
    expect(problems({ ...ok, generationConfig: { max_tokens: 3 } })[0]).toMatch(/Unknown name "max_tokens"/);
    expect(problems({ ...ok, generationConfig: { responseSchema: { type: 'object', properties: { a: { type: 'string' } } } } })[0]).toMatch(/responseMimeType/);
  });

  it('checks the URL and API key header when given the HTTP request', () => {
    const req = { method: 'POST', url: '/v1/chat/completions', headers: {}, rawBody: '', body: ok };
    expect(validateGeminiRequest(ok, req)).toEqual(['url: unexpected path /v1/chat/completions', 'header x-goog-api-key is missing']);
  });

  it('renders problems in the Gemini error shape', () => {
    expect(geminiValidationError(['a', 'b'])).toEqual({ error: { code: 400, message: '* a\n* b', status: 'INVALID_ARGUMENT' } });
  });
});
