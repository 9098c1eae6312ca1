/**
 * Tool-call ids for targets that only accept `^[a-zA-Z0-9_-]+$` (Anthropic) or similar: strip a
 * Gemini `__thought__…` suffix, replace other characters by `_`. One instance per request, so a
 * tool_call and its tool_result always get the same id and distinct ids stay distinct.
 */
export class ToolIdMapper {
  private readonly forward = new Map<string, string>();
  private readonly used = new Set<string>();

  constructor(private readonly pattern: RegExp = /^[a-zA-Z0-9_-]+$/) {}

  toWire(id: string): string {
    const known = this.forward.get(id);
    if (known !== undefined) return known;
    let wire = id;
    if (!this.pattern.test(id)) {
      wire = id.replace(/__thought__.*$/s, '').replace(/[^a-zA-Z0-9_-]/g, '_') || 'tool_use_id';
    }
    let unique = wire;
    for (let n = 2; this.used.has(unique) ; n++) unique = `${wire}_${n}`;
    this.used.add(unique);
    this.forward.set(id, unique);
    return unique;
  }
}
