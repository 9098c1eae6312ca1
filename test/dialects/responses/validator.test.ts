import { describe, expect, it } from 'vitest';
import { responsesValidationError, validateResponsesRequest } from '../../helpers/validators/responses.js';

describe('validateResponsesRequest (the fake upstream must fail like the real API)', () => {
  const ok = {
    model: 'gpt-5',
    input: [
      { role: 'user', content: 'hi' },
      { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: 'r' },
    ],
    tools: [{ type: 'function', name: 'f', parameters: { type: 'object' }, strict: false }],
  };

  it('accepts a valid body', () => {
    expect(validateResponsesRequest(ok)).toEqual([]);
  });

  it('rejects: missing model, unknown item type, orphan output, non-string arguments', () => {
    expect(validateResponsesRequest({ input: 'x' })).toContain('model: required');
    expect(validateResponsesRequest({ model: 'm', input: [{ type: 'tool_use', id: 'x' }] })[0]).toMatch(/^input\.0\.type/);
    expect(validateResponsesRequest({ model: 'm', input: [{ type: 'function_call_output', call_id: 'zz', output: 'r' }] })[0]).toMatch(/No tool call found/);
    expect(validateResponsesRequest({ model: 'm', previous_response_id: 'resp_1', input: [{ type: 'function_call_output', call_id: 'zz', output: 'r' }] })).toEqual([]);
    expect(validateResponsesRequest({ model: 'm', input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: {} }] })).toContain(
      'input.0.arguments: must be a string',
    );
    expect(
      validateResponsesRequest({
        model: 'm',
        input: [
          { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
          { type: 'custom_tool_call_output', call_id: 'c', output: 'r' },
        ],
      })[0],
    ).toMatch(/answers a function_call/);
  });

  it('rejects Chat-Completions and Anthropic fields and shapes', () => {
    for (const field of ['messages', 'max_tokens', 'stop_sequences', 'thinking', 'response_format'])
      expect(validateResponsesRequest({ model: 'm', input: 'x', [field]: 1 })).toContain(`${field}: unknown parameter`);
    expect(validateResponsesRequest({ model: 'm', input: 'x', stream_options: { include_usage: true } })).toContain('stream_options: unknown parameter');
    expect(validateResponsesRequest({ model: 'm', input: 'x', stream_options: { include_obfuscation: false } })).toEqual([]);
    expect(validateResponsesRequest({ model: 'm', input: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] })[0]).toMatch(/not allowed/);
    expect(validateResponsesRequest({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_text', text: 'x', cache_control: {} }] }] })[0]).toMatch(
      /cache_control/,
    );
    expect(validateResponsesRequest({ model: 'm', input: 'x', tools: [{ type: 'function', function: { name: 'f' }, name: 'f' }] })[0]).toMatch(/flat/);
    expect(validateResponsesRequest({ model: 'm', input: 'x', tools: [{ type: 'function', name: 'bad name!' }] })[0]).toMatch(/invalid tool name/);
    expect(validateResponsesRequest({ model: 'm', input: 'x', tools: [{ type: 'custom', name: 'p', parameters: {} }] })[0]).toMatch(/custom tools/);
    expect(validateResponsesRequest({ model: 'm', input: 'x', user: 'u'.repeat(65) })).toContain('user: string too long (max 64)');
    expect(validateResponsesRequest({ model: 'm', input: 'x', max_output_tokens: 1 })[0]).toMatch(/max_output_tokens/);
  });

  it('responsesValidationError has the OpenAI error shape', () => {
    expect(responsesValidationError(['model: required'])).toEqual({
      error: { message: 'model: required', type: 'invalid_request_error', param: 'model', code: null },
    });
  });
});
