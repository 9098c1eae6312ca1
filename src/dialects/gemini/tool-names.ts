import { GEMINI_TOOL_NAME, ToolNameMapper } from '../shared/tool-names.js';
import type { WireContext } from '../../core/contracts/index.js';

/**
 * Gemini tool names: the shared mapper, plus one fix it lacks. Gemini names must start with a
 * letter or `_`; the shared mapper only replaces bad characters, so `9lives` would stay invalid.
 * Such a name gets a `_` prefix here, and the reverse map in the context is corrected.
 */
export class GeminiToolNames {
  private readonly mapper: ToolNameMapper;
  private readonly fixed = new Map<string, string>();

  constructor(private readonly context: WireContext) {
    this.mapper = new ToolNameMapper(GEMINI_TOOL_NAME, context);
  }

  toWire(name: string): string {
    const known = this.fixed.get(name);
    if (known !== undefined) return known;
    let wire = this.mapper.toWire(name);
    if (!GEMINI_TOOL_NAME.pattern.test(wire)) {
      this.context.toolNames.delete(wire);
      wire = `_${wire}`.slice(0, GEMINI_TOOL_NAME.maxLength);
      this.context.toolNames.set(wire, name);
    }
    this.fixed.set(name, wire);
    return wire;
  }
}
