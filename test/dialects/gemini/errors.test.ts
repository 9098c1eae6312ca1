import { describe, expect, it } from 'vitest';
import { InvalidRequestError, OverloadedError, RateLimitError, TokligenceError } from '../../../src/core/errors.js';
import { decodeGeminiError, encodeGeminiError, encodeGeminiRequest, geminiCodec } from '../../../src/dialects/gemini/index.js';
import { postGemini, startFakeGemini } from './helpers.js';

const err = (code: number, status: string, message = 'm', details?: unknown[]) => ({ error: { code, message, status, ...(details ? { details } : {}) } });

describe('gemini decodeError (§3.15)', () => {
  it.each([
    [400, 'INVALID_ARGUMENT', 'invalid_request', 400],
    [400, 'FAILED_PRECONDITION', 'invalid_request', 400],
    [401, 'UNAUTHENTICATED', 'authentication', 401],
    [403, 'PERMISSION_DENIED', 'permission', 403],
    [404, 'NOT_FOUND', 'not_found', 404],
    [429, 'RESOURCE_EXHAUSTED', 'rate_limit', 429],
    [500, 'INTERNAL', 'api_error', 500],
    [503, 'UNAVAILABLE', 'overloaded', 503],
    [504, 'DEADLINE_EXCEEDED', 'timeout', 504],
  ] as const)('%i %s → %s', (status, grpc, kind, httpStatus) => {
    const e = decodeGeminiError(status, err(status, grpc));
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(httpStatus);
    expect(e.providerType).toBe(grpc);
  });

  it('an invalid API key (400 API_KEY_INVALID) is an authentication error', () => {
    const e = decodeGeminiError(400, err(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }]));
    expect(e.kind).toBe('authentication');
    expect(e.status).toBe(401);
  });

  it('an input over the context window is context_window (drives its own fallback)', () => {
    const e = decodeGeminiError(400, err(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).'));
    expect(e.kind).toBe('context_window');
  });

  it('retry delay from the RetryInfo detail when there is no Retry-After header; array bodies and text bodies', () => {
    expect(decodeGeminiError(429, err(429, 'RESOURCE_EXHAUSTED', 'quota', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' }])).retryAfter).toBe(37);
    expect(decodeGeminiError(503, [err(503, 'UNAVAILABLE', 'busy')]).kind).toBe('overloaded');
    const text = decodeGeminiError(502, '<html>Bad Gateway</html>');
    expect(text.kind).toBe('api_error');
    expect(text.message).toContain('Bad Gateway');
  });
});

describe('gemini encodeError', () => {
  it('renders {error:{code,message,status}} with the Gemini status names', () => {
    expect(encodeGeminiError(new InvalidRequestError('contents.0.role: bad', 'contents.0.role'))).toEqual({
      status: 400,
      body: { error: { code: 400, message: 'contents.0.role: bad', status: 'INVALID_ARGUMENT' } },
    });
    expect(encodeGeminiError(new OverloadedError('busy')).body).toEqual({ error: { code: 503, message: 'busy', status: 'UNAVAILABLE' } });
    expect(encodeGeminiError(new OverloadedError('busy')).status).toBe(503);
    expect(encodeGeminiError(new TokligenceError('authentication', 'no key')).body).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
    expect(encodeGeminiError(new TokligenceError('api_error', 'bad gateway', { status: 502 })).status).toBe(502);
  });

  it('a rate limit carries Retry-After and a RetryInfo detail; decodeError reads it back', () => {
    const encoded = encodeGeminiError(new RateLimitError('slow down', { retryAfter: 12 }));
    expect(encoded.status).toBe(429);
    expect(encoded.headers).toEqual({ 'retry-after': '12' });
    const back = decodeGeminiError(encoded.status, encoded.body);
    expect(back.kind).toBe('rate_limit');
    expect(back.retryAfter).toBe(12);
  });
});

describe('gemini errors over HTTP', () => {
  const request = () => encodeGeminiRequest({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }).body;

  it('429 with Retry-After → retryable rate_limit with retryAfter', async () => {
    const fake = await startFakeGemini();
    try {
      fake.replies.push({ status: 429, headers: { 'retry-after': '20' }, json: err(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).') });
      const res = await postGemini(fake, 'gemini-2.5-flash', request());
      const e = geminiCodec.decodeError(res.status, await res.json(), res.headers);
      expect(e.kind).toBe('rate_limit');
      expect(e.retryAfter).toBe(20);
      expect(e.retryable).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('503 UNAVAILABLE → overloaded, retryable', async () => {
    const fake = await startFakeGemini();
    try {
      fake.replies.push({ status: 503, json: err(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.') });
      const res = await postGemini(fake, 'gemini-2.5-flash', request(), true);
      const e = geminiCodec.decodeError(res.status, await res.text(), res.headers);
      expect(e.kind).toBe('overloaded');
      expect(e.retryable).toBe(true);
      expect(e.message).toContain('overloaded');
    } finally {
      await fake.close();
    }
  });

  it('a body the fake rejects comes back as a 400 naming the problem', async () => {
    const fake = await startFakeGemini();
    try {
      const res = await postGemini(fake, 'gemini-2.5-flash', { ...request(), messages: [] });
      expect(res.status).toBe(400);
      const e = geminiCodec.decodeError(res.status, await res.json(), res.headers);
      expect(e.kind).toBe('invalid_request');
      expect(e.message).toContain('Unknown name "messages"');
    } finally {
      await fake.close();
    }
  });
});
