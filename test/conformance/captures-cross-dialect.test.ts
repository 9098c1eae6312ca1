/**
 * Every captured Claude Code / Codex request decodes in its own dialect, re-encodes to every other
 * dialect, and the result is accepted by a validator that checks it the way the real API does.
 */
import { describe, expect, it } from 'vitest';
import type { DialectName } from '../../src/core/types.js';
import { codecFor } from '../../src/dialects/index.js';
import { captureDialect, loadCaptures } from '../helpers/client-captures.js';
import { validateAnthropicRequest } from '../helpers/validators/anthropic.js';
import { validateGeminiRequest } from '../helpers/validators/gemini.js';
import { validateOpenAIChatRequest } from '../helpers/validators/openai-chat.js';
import { validateResponsesRequest } from '../helpers/validators/responses.js';

const VALIDATORS: Record<DialectName, (body: unknown) => string[]> = {
  anthropic: (b) => validateAnthropicRequest(b),
  'openai-chat': (b) => validateOpenAIChatRequest(b),
  responses: (b) => validateResponsesRequest(b),
  gemini: (b) => validateGeminiRequest(b),
};

const captures = loadCaptures();

describe('client captures translate to every dialect', () => {
  it('finds the captures', () => {
    expect(captures.length).toBeGreaterThanOrEqual(30);
  });

  for (const capture of captures) {
    const from = captureDialect(capture);
    for (const to of ['anthropic', 'openai-chat', 'responses', 'gemini'] as const) {
      if (to === from) continue;
      it(`${capture.file}: ${from} → ${to} is accepted`, () => {
        const request = codecFor(from).decodeRequest(capture.body);
        const { body } = codecFor(to).encodeRequest(request, { model: 'target-model' });
        expect(VALIDATORS[to](body)).toEqual([]);
      });
    }
  }
});
