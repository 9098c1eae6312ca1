/**
 * Blocks with no canonical form (`server_tool_use`, `web_search_tool_result` and the other
 * `*_tool_result` blocks, `search_result`, `container_upload`, `tool_reference`, documents with a
 * `content` source, any future type). They are kept in `extensions.anthropic._opaqueBlocks` with
 * their position, so an Anthropic upstream gets them back byte for byte, and every other dialect
 * drops them (it could not run them anyway).
 */
import type { ChatRequest, Extensions } from '../../core/types.js';
import { OPAQUE_KEY } from './wire.js';

export interface OpaqueBlock {
  /** Canonical message index (after system messages were hoisted); 0 in a response. */
  message: number;
  /** Position of the block in the wire content array. */
  index: number;
  /** For a block inside a tool_result: its position in that tool_result's content array. */
  inner?: number;
  /** Role of the message, checked before re-inserting. */
  role: 'user' | 'assistant';
  /** Canonical part count of the message (or of the tool_result) at decode time. */
  parts: number;
  block: Record<string, unknown>;
}

export function opaqueBlocksOf(extensions: Extensions | undefined): OpaqueBlock[] {
  const list = extensions?.anthropic?.[OPAQUE_KEY];
  return Array.isArray(list) ? (list as OpaqueBlock[]) : [];
}

/**
 * Re-insert kept blocks into encoded wire content. Only when the canonical message still looks the
 * way it did at decode time (same role and part count): if middleware reshaped the history, the
 * blocks are dropped rather than put in the wrong place.
 */
export function reinsertOpaque(
  wireContent: Array<Record<string, unknown>>,
  blocks: OpaqueBlock[],
  role: string,
  partCount: number,
): Array<Record<string, unknown>> {
  const usable = blocks.filter((b) => b.inner === undefined && b.role === role && b.parts === partCount);
  if (usable.length === 0) return wireContent;
  const out = [...wireContent];
  for (const b of [...usable].sort((x, y) => x.index - y.index)) out.splice(Math.min(b.index, out.length), 0, b.block);
  return out;
}

export function hasAnthropicExtensions(request: Pick<ChatRequest, 'extensions'>): boolean {
  return request.extensions?.anthropic !== undefined;
}
