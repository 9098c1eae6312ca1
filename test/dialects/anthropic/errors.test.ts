import { describe, expect, it } from 'vitest';
import { InvalidRequestError, TokligenceError } from '../../../src/core/errors.js';
import { anthropicCodec } from '../../../src/dialects/anthropic/index.js';

describe('anthropic errors (§3.15)', () => {
  const cases: Array<[TokligenceError, number, string]> = [
    [new InvalidRequestError('messages.0: bad', 'messages.0'), 400, 'invalid_request_error'],
    [new TokligenceError('authentication', 'no key'), 401, 'authentication_error'],
    [new TokligenceError('api_error', 'pay up', { status: 402 }), 402, 'billing_error'],
    [new TokligenceError('permission', 'no'), 403, 'permission_error'],
    [new TokligenceError('not_found', 'no model'), 404, 'not_found_error'],
    [new TokligenceError('request_too_large', 'big'), 413, 'request_too_large'],
    [new TokligenceError('rate_limit', 'slow down', { retryAfter: 2.5 }), 429, 'rate_limit_error'],
    [new TokligenceError('api_error', 'oops'), 500, 'api_error'],
    [new TokligenceError('timeout', 'late'), 504, 'timeout_error'],
    [new TokligenceError('overloaded', 'busy', { status: 503 }), 529, 'overloaded_error'],
    [new TokligenceError('context_window', 'prompt is too long'), 400, 'invalid_request_error'],
  ];
  for (const [error, status, type] of cases) {
    it(`encodeError: ${error.kind}/${error.status} → ${status} ${type}`, () => {
      const out = anthropicCodec.encodeError(error);
      expect(out.status).toBe(status);
      expect(out.body).toEqual({ type: 'error', error: { type, message: error.message } });
    });
  }

  it('encodeError: Retry-After header from retryAfter', () => {
    expect(anthropicCodec.encodeError(new TokligenceError('rate_limit', 'x', { retryAfter: 2.5 })).headers).toEqual({ 'retry-after': '3' });
  });

  it('decodeError: the Anthropic envelope, type, request id and Retry-After', () => {
    const e = anthropicCodec.decodeError(
      529,
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_1' },
      new Headers({ 'retry-after': '7' }),
    );
    expect([e.kind, e.status, e.providerType, e.retryAfter, e.requestId, e.retryable]).toEqual(['overloaded', 529, 'overloaded_error', 7, 'req_1', true]);
  });

  it('decodeError: 429, 402 billing, 504 timeout, string bodies and other shapes', () => {
    expect(anthropicCodec.decodeError(429, { type: 'error', error: { type: 'rate_limit_error', message: 'r' } }).kind).toBe('rate_limit');
    const billing = anthropicCodec.decodeError(402, { type: 'error', error: { type: 'billing_error', message: 'b' } });
    expect([billing.status, billing.providerType, anthropicCodec.encodeError(billing).body]).toEqual([402, 'billing_error', { type: 'error', error: { type: 'billing_error', message: 'b' } }]);
    expect(anthropicCodec.decodeError(504, '{"type":"error","error":{"type":"timeout_error","message":"t"}}').kind).toBe('timeout');
    expect(anthropicCodec.decodeError(400, { detail: { message: 'bedrock says no' } }).message).toBe('bedrock says no');
    expect(anthropicCodec.decodeError(500, 'plain text failure').message).toBe('plain text failure');
    expect(anthropicCodec.decodeError(502, undefined).message).toMatch(/HTTP 502/);
  });

  it('decodeError: context window and content policy found from the message', () => {
    const ctx = anthropicCodec.decodeError(400, { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' } });
    expect(ctx.kind).toBe('context_window');
    const policy = anthropicCodec.decodeError(400, { type: 'error', error: { type: 'invalid_request_error', message: 'Output blocked by content filtering policy' } });
    expect(policy.kind).toBe('content_policy');
  });
});
