/**
 * Issue 19, item 1: errors from another copy of the package (the CommonJS and ESM builds, a bundle,
 * two installs) are still `instanceof TokligenceError` and of their own subclass. The real mix of
 * `require` and `import` runs on the packed package in test/consumers/run.sh; here a second copy of
 * errors.ts is loaded as a separate module instance.
 */
import { describe, expect, it } from 'vitest';
import * as mine from '../../src/core/errors.js';

describe('error identity across copies of the package', async () => {
  // A query string makes Vite load the file again: a second module, with classes of its own.
  const copy = '../../src/core/errors.ts?copy';
  const other = (await import(copy)) as typeof mine;

  it('really is a second copy', () => {
    expect(other.TokligenceError).not.toBe(mine.TokligenceError);
  });

  it('a foreign error is a TokligenceError and of its own subclass only', () => {
    const err = new other.NotFoundError('no such model');
    expect(err instanceof mine.TokligenceError).toBe(true);
    expect(err instanceof mine.NotFoundError).toBe(true);
    expect(err instanceof mine.RateLimitError).toBe(false);
    expect(err instanceof mine.InvalidRequestError).toBe(false);
    expect(new other.TokligenceError('not_found', 'x') instanceof mine.NotFoundError).toBe(false);
    expect(mine.toTokligenceError(err)).toBe(err);
  });

  it('plain errors and look-alikes are not', () => {
    expect(new Error('x') instanceof mine.TokligenceError).toBe(false);
    const lookalike: object = { name: 'TokligenceError', kind: 'not_found', status: 404 };
    expect(lookalike instanceof mine.TokligenceError).toBe(false);
    expect((null as unknown as object) instanceof mine.TokligenceError).toBe(false);
  });

  it('a user subclass without an identity of its own matches only its own instances', () => {
    class MyError extends mine.TokligenceError {}
    expect(new MyError('api_error', 'x') instanceof mine.TokligenceError).toBe(true);
    expect(new mine.TokligenceError('api_error', 'x') instanceof MyError).toBe(false);
    expect(new other.TokligenceError('api_error', 'x') instanceof MyError).toBe(false);
  });
});
