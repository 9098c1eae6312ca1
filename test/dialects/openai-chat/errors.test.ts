import { describe, expect, it } from 'vitest';
import { InvalidRequestError, TokligenceError, type ErrorKind } from '../../../src/core/errors.js';
import { decodeError, encodeError } from '../../../src/dialects/openai-chat/index.js';

describe('openai-chat encodeError (§3.15)', () => {
  const cases: Array<[ErrorKind, number, string, string | null]> = [
    ['invalid_request', 400, 'invalid_request_error', null],
    ['authentication', 401, 'authentication_error', 'invalid_api_key'],
    ['permission', 403, 'permission_error', null],
    ['not_found', 404, 'not_found_error', null],
    ['request_too_large', 413, 'invalid_request_error', 'request_too_large'],
    ['context_window', 400, 'invalid_request_error', 'context_length_exceeded'],
    ['content_policy', 400, 'invalid_request_error', 'content_filter'],
    ['rate_limit', 429, 'requests', 'rate_limit_exceeded'],
    ['overloaded', 503, 'server_error', 'overloaded'],
    ['api_error', 500, 'server_error', null],
  ];
  for (const [kind, status, type, code] of cases) {
    it(`${kind} → ${status} ${type}`, () => {
      const e = encodeError(new TokligenceError(kind, 'msg'));
      expect(e.status).toBe(status);
      expect(e.body).toEqual({ error: { message: 'msg', type, param: null, code } });
    });
  }

  it('param and Retry-After are carried; a 529 overloaded error is a 503 for OpenAI clients', () => {
    const e = encodeError(new InvalidRequestError('messages.2.content.0.type: bad', 'messages.2.content.0.type'));
    expect(e.body).toMatchObject({ error: { param: 'messages.2.content.0.type' } });
    const o = encodeError(new TokligenceError('overloaded', 'busy', { status: 529, retryAfter: 2.5 }));
    expect(o.status).toBe(503);
    expect(o.headers).toEqual({ 'retry-after': '3' });
  });
});

describe('openai-chat decodeError', () => {
  it('reads the OpenAI shape and refines by code', () => {
    const ctx = decodeError(400, { error: { message: "This model's maximum context length is 128000 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } });
    expect(ctx.kind).toBe('context_window');
    expect(ctx.param).toBe('messages');
    expect(ctx.providerType).toBe('context_length_exceeded');
    expect(decodeError(400, { error: { message: 'flagged', type: 'invalid_request_error', code: 'content_filter' } }).kind).toBe('content_policy');
    expect(decodeError(400, { error: { message: 'bad', type: 'invalid_request_error', code: null } }).kind).toBe('invalid_request');
  });

  it('429 with Retry-After; 401; 404; 503; 500', () => {
    const rl = decodeError(429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, new Headers({ 'retry-after': '7' }));
    expect(rl.kind).toBe('rate_limit');
    expect(rl.retryAfter).toBe(7);
    expect(rl.retryable).toBe(true);
    expect(decodeError(429, {}, new Headers({ 'retry-after-ms': '1500' })).retryAfter).toBe(1.5);
    expect(decodeError(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } }).kind).toBe('authentication');
    expect(decodeError(404, { error: { message: 'The model `x` does not exist', type: 'invalid_request_error', code: 'model_not_found' } }).kind).toBe('not_found');
    const down = decodeError(503, { error: { message: 'The engine is currently overloaded', type: 'server_error' } });
    expect(down.kind).toBe('overloaded');
    expect(down.retryable).toBe(true);
    expect(decodeError(500, { error: { message: 'oops', type: 'server_error' } }).kind).toBe('api_error');
  });

  it('generic bodies: Ollama {error:string}, vLLM {object:"error",message}, FastAPI {detail}, plain text', () => {
    expect(decodeError(404, { error: 'model "llama9" not found, try pulling it first' }).message).toMatch(/llama9/);
    const v = decodeError(400, { object: 'error', message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens", type: 'BadRequestError', code: 400 });
    expect(v.kind).toBe('context_window');
    expect(decodeError(422, { detail: [{ loc: ['body', 'messages'], msg: 'field required' }] }).message).toBe('field required');
    expect(decodeError(400, { detail: 'bad thing' }).message).toBe('bad thing');
    expect(decodeError(502, '<html>Bad Gateway</html>').message).toBe('<html>Bad Gateway</html>');
    expect(decodeError(500, undefined).message).toBe('upstream returned HTTP 500');
  });
});
