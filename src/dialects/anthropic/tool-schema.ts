/**
 * Tool input schemas for Anthropic (TD-1..3): the top level must be `type: "object"`. Every other
 * keyword is kept (`required`, `$defs`, `$schema`…); `definitions` becomes `$defs` and its `$ref`s
 * follow, since Anthropic resolves only `$defs`.
 */
import type { JsonSchema } from '../../core/types.js';

export function toAnthropicInputSchema(schema: JsonSchema | undefined): JsonSchema {
  const out: JsonSchema = { ...(schema ?? {}) };
  if ('definitions' in out) {
    const defs = out.definitions;
    delete out.definitions;
    if (defs && typeof defs === 'object') {
      out.$defs = { ...(defs as Record<string, unknown>), ...((out.$defs as Record<string, unknown>) ?? {}) };
      for (const [k, v] of Object.entries(out)) out[k] = rewriteRefs(v);
    }
  }
  if (out.type !== 'object') out.type = 'object';
  if (out.properties === undefined || out.properties === null) out.properties = {};
  return out;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = k === '$ref' && typeof v === 'string' ? v.replace(/^#\/definitions\//, '#/$defs/') : rewriteRefs(v);
  }
  return out;
}
