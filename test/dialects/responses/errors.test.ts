import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  InvalidRequestError,
  OverloadedError,
  RateLimitError,
  TokligenceError,
} from '../../../src/core/errors.js';
import { decodeError, encodeError } from '../../../src/dialects/responses/index.js';

describe('responses errors', () => {
  it('encodeError: OpenAI envelope {error:{message,type,param,code}} per kind', () => {
    expect(encodeError(new InvalidRequestError('input.3.call_id: required', 'input.3.call_id'))).toEqual({
      status: 400,
      body: { error: { message: 'input.3.call_id: required', type: 'invalid_request_error', param: 'input.3.call_id', code: null } },
    });
    expect(encodeError(new AuthenticationError('bad key'))).toMatchObject({ status: 401, body: { error: { type: 'authentication_error' } } });
    expect(encodeError(new RateLimitError('slow', { retryAfter: 1.5 }))).toEqual({
      status: 429,
      body: { error: { message: 'slow', type: 'rate_limit_exceeded', param: null, code: 'rate_limit_exceeded' } },
      headers: { 'retry-after': '2' },
    });
    // OpenAI has no 529: overloaded is a 503 server_error that OpenAI clients retry.
    expect(encodeError(new OverloadedError('busy'))).toMatchObject({ status: 503, body: { error: { type: 'server_error' } } });
    expect(encodeError(new TokligenceError('api_error', 'oops'))).toMatchObject({ status: 500, body: { error: { type: 'server_error' } } });
    expect(encodeError(new TokligenceError('context_window', 'too long'))).toMatchObject({
      status: 400,
      body: { error: { type: 'invalid_request_error', code: 'context_length_exceeded' } },
    });
  });

  it('decodeError: status, code and message into the taxonomy (context window sniffed from the code)', () => {
    const ctx = decodeError(400, {
      error: { message: 'Your input exceeds the context window of this model.', type: 'invalid_request_error', param: 'input', code: 'context_length_exceeded' },
    });
    expect(ctx).toMatchObject({ kind: 'context_window', status: 400, param: 'input' });
    expect(decodeError(401, { error: { message: 'Incorrect API key', type: 'invalid_request_error', code: 'invalid_api_key' } })).toMatchObject({
      kind: 'authentication',
    });
    expect(decodeError(500, 'upstream exploded')).toMatchObject({ kind: 'api_error', status: 500, message: 'upstream exploded' });
    expect(decodeError(502, undefined)).toMatchObject({ kind: 'api_error', status: 502, message: 'Upstream answered HTTP 502' });
    expect(decodeError(429, '{"error":{"message":"quota","code":"insufficient_quota"}}')).toMatchObject({ kind: 'rate_limit', message: 'quota' });
    const headers = new Headers({ 'retry-after-ms': '1500' });
    expect(decodeError(429, { error: { message: 'x' } }, headers).retryAfter).toBe(1.5);
  });
});
