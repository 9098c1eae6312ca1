import { sha256Hex } from '../../core/crypto.js';
import type { WireContext } from '../../core/contracts/index.js';

/** What a target accepts as a tool name. */
export interface ToolNameRule {
  pattern: RegExp;
  maxLength: number;
}

export const ANTHROPIC_TOOL_NAME: ToolNameRule = { pattern: /^[a-zA-Z0-9_-]{1,128}$/, maxLength: 128 };
export const OPENAI_TOOL_NAME: ToolNameRule = { pattern: /^[a-zA-Z0-9_-]{1,64}$/, maxLength: 64 };
export const GEMINI_TOOL_NAME: ToolNameRule = { pattern: /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/, maxLength: 64 };

/**
 * Per-request tool-name mapping. A valid name never changes; an invalid one has bad characters
 * replaced by `_`, is shortened with a hash suffix when too long, and is made unique. The reverse
 * map goes into the WireContext so answers and stream events carry the caller's original names.
 */
export class ToolNameMapper {
  private readonly forward = new Map<string, string>();
  private readonly used = new Set<string>();

  constructor(
    private readonly rule: ToolNameRule,
    private readonly context: WireContext,
  ) {}

  /** The wire name for a canonical name (stable within the request). */
  toWire(name: string): string {
    const known = this.forward.get(name);
    if (known !== undefined) return known;
    let wire = name;
    if (!this.rule.pattern.test(name)) {
      wire = name.replace(/[^a-zA-Z0-9_-]/g, '_') || 'unnamed_tool';
      if (wire.length > this.rule.maxLength) {
        const hash = sha256Hex(name).slice(0, 8);
        wire = `${wire.slice(0, this.rule.maxLength - 9)}_${hash}`;
      }
    }
    let unique = wire;
    for (let n = 2; this.used.has(unique); n++) {
      const suffix = `_${n}`;
      unique = wire.slice(0, this.rule.maxLength - suffix.length) + suffix;
    }
    this.used.add(unique);
    this.forward.set(name, unique);
    if (unique !== name) this.context.toolNames.set(unique, name);
    return unique;
  }
}

/** The caller's name for a tool name read off the wire. */
export function fromWireName(name: string, context?: WireContext): string {
  return context?.toolNames.get(name) ?? name;
}
