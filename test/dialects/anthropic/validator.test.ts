import { describe, expect, it } from 'vitest';
import { anthropicValidationError, validateAnthropicClientRequest, validateAnthropicRequest } from '../../helpers/validators/anthropic.js';

const ok = { model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };
const has = (body: unknown, fragment: string) => expect(validateAnthropicRequest(body).join('\n')).toContain(fragment);

describe('validateAnthropicRequest (the fake upstream rules)', () => {
  it('accepts a minimal valid request', () => {
    expect(validateAnthropicRequest(ok)).toEqual([]);
  });
  it('requires model, max_tokens and non-empty messages', () => {
    has({ messages: ok.messages, max_tokens: 1 }, 'model');
    has({ model: 'm', messages: ok.messages }, 'max_tokens');
    has({ ...ok, messages: [] }, 'messages');
  });
  it('rejects OpenAI fields leaking to the top level', () => {
    for (const k of ['tool_calls', 'response_format', 'reasoning_effort', 'stream_options', 'n']) has({ ...ok, [k]: 1 }, `${k}: Extra inputs`);
  });
  it('rejects system role unless the real-client allowance is on', () => {
    const body = { ...ok, messages: [...ok.messages, { role: 'system', content: 'x', output_config: { effort: 'low' } }] };
    has(body, 'role');
    expect(validateAnthropicClientRequest(body)).toEqual([]);
  });
  it('rejects empty and whitespace-only text blocks', () => {
    has({ ...ok, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] }, 'non-empty');
    has({ ...ok, system: [{ type: 'text', text: ' ' }] }, 'non-whitespace');
  });
  it('enforces tool_use / tool_result pairing and placement', () => {
    const tools = [{ name: 'f', input_schema: { type: 'object' } }];
    const use = { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] };
    has({ ...ok, tools, messages: [ok.messages[0], use, { role: 'user', content: 'no result' }] }, 'without tool_result');
    has({ ...ok, tools, messages: [ok.messages[0], use, { role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'tool_result', tool_use_id: 't1' }] }] }, 'before any other content');
    has({ ...ok, tools, messages: [ok.messages[0], { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'zz' }] }] }, 'unexpected tool_use_id');
    has({ ...ok, tools, messages: [ok.messages[0], { role: 'assistant', content: [{ type: 'tool_use', id: 'bad.id', name: 'f', input: {} }] }] }, 'pattern');
    has({ ...ok, messages: [ok.messages[0], use] }, 'require tools');
    expect(validateAnthropicRequest({ ...ok, tools, messages: [ok.messages[0], use, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'r' }] }] })).toEqual([]);
    // A final assistant turn with a pending tool_use is fine.
    expect(validateAnthropicRequest({ ...ok, tools, messages: [ok.messages[0], use] })).toEqual([]);
  });
  it('enforces tool names, input_schema type, thinking budget, stop sequences and prefill whitespace', () => {
    has({ ...ok, tools: [{ name: 'a/b', input_schema: { type: 'object' } }] }, 'tools.0.name');
    has({ ...ok, tools: [{ name: 'a', input_schema: { type: 'string' } }] }, 'input_schema.type');
    has({ ...ok, thinking: { type: 'enabled', budget_tokens: 500 } }, 'budget_tokens');
    has({ ...ok, max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 2000 } }, 'greater than thinking.budget_tokens');
    has({ ...ok, stop_sequences: [' '] }, 'stop_sequences.0');
    has({ ...ok, messages: [...ok.messages, { role: 'assistant', content: 'prefill ' }] }, 'trailing whitespace');
    has({ ...ok, metadata: { user_id: 'u', tags: [] } }, 'metadata.tags');
  });
  it('anthropicValidationError renders the Anthropic error body', () => {
    expect(anthropicValidationError(['a', 'b'])).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'a; b' } });
  });
});
