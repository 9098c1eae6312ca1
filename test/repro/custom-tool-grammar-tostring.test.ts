/** Repro (custom-tool-grammar-tostring), found by the inbound fuzzer (test/hardening/reliability-fuzz.test.ts): a custom tool grammar that is an object does not throw when wrapped. */
import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../../src/core/types.js';
import { customToolSchema } from '../../src/dialects/shared/custom-tools.js';

describe('repro: custom-tool-grammar-tostring', () => {
  it('a custom tool grammar that is an object does not throw when wrapped', () => {
    const tool = { kind: 'custom', name: 'patch', format: { type: 'grammar', definition: { toString: 1 } } } as unknown as ToolDefinition;
    expect(() => customToolSchema(tool)).not.toThrow();
    expect(JSON.stringify(customToolSchema(tool))).toContain('toString');
  });
});
