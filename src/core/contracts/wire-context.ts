/**
 * What encodeRequest learned that the upstream's answer needs to be read back: the reverse map of
 * tool names it had to sanitise, and which tools it wrapped because the target cannot express them
 * (custom / freeform tools become a function taking `{ input: string }`). Decoders write back what
 * they skipped, so the decision log and metrics can say so.
 */
export interface WireContext {
  /** wire tool name → canonical tool name, only for names that changed. */
  toolNames: Map<string, string>;
  /** canonical names of custom tools that were sent as `{ input }` function wrappers. */
  wrappedCustomTools: Set<string>;
  /** The model name the upstream was asked for. */
  model?: string;
  /** Canonical names of the tools the caller declared (set by encoders that need to resolve answers). */
  declaredTools?: ReadonlySet<string>;
  /**
   * What the decoders skipped in the answer, by kind (`event:response.foo`, `part:executableCode`,
   * `item:apply_patch_call`): unknown stream events and parts, and items no caller could hold.
   * Never fatal; `RouteAttempt.skipped` and the `tokligence_skipped_parts_total` metric report it.
   */
  skipped: Map<string, number>;
}

export function newWireContext(model?: string): WireContext {
  return { toolNames: new Map(), wrappedCustomTools: new Set(), model, skipped: new Map() };
}

/** Count one skipped event, part or item on the context (a no-op without one). */
export function noteSkipped(context: WireContext | undefined, what: string): void {
  if (!context) return;
  context.skipped.set(what, (context.skipped.get(what) ?? 0) + 1);
}
