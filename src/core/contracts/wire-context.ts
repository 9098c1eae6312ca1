/**
 * What encodeRequest learned that the upstream's answer needs to be read back: the reverse map of
 * tool names it had to sanitise, and which tools it wrapped because the target cannot express them
 * (custom / freeform tools become a function taking `{ input: string }`).
 */
export interface WireContext {
  /** wire tool name → canonical tool name, only for names that changed. */
  toolNames: Map<string, string>;
  /** canonical names of custom tools that were sent as `{ input }` function wrappers. */
  wrappedCustomTools: Set<string>;
  /** The model name the upstream was asked for. */
  model?: string;
}

export function newWireContext(model?: string): WireContext {
  return { toolNames: new Map(), wrappedCustomTools: new Set(), model };
}
