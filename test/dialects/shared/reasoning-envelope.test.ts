import { describe, expect, it } from 'vitest';
import { openReasoning, sealReasoning } from '../../../src/dialects/shared/reasoning-envelope.js';

describe('reasoning envelope', () => {
  it('seals Anthropic thinking and redacted thinking and opens them back byte for byte', () => {
    const parts = [
      { type: 'reasoning' as const, text: 'step 1 ✓', signature: 'sig/+=', origin: 'anthropic' as const },
      { type: 'reasoning' as const, text: '', redactedData: 'EncRypted==', origin: 'anthropic' as const },
    ];
    const sealed = sealReasoning(parts);
    expect(sealed).toMatch(/^tkg1\.[A-Za-z0-9_-]+$/);
    expect(openReasoning(sealed)).toEqual(parts);
  });

  it('seals nothing without foreign opaque data, and opens only its own envelopes', () => {
    expect(sealReasoning([{ type: 'reasoning', text: 'plain', origin: 'anthropic' }])).toBeUndefined();
    expect(sealReasoning([{ type: 'reasoning', text: 'x', encryptedContent: 'gAAA', origin: 'responses' }])).toBeUndefined();
    expect(openReasoning('gAAAAB-openai-encrypted')).toBeUndefined();
    expect(openReasoning('tkg1.not-json')).toBeUndefined();
    expect(openReasoning(undefined)).toBeUndefined();
  });
});
