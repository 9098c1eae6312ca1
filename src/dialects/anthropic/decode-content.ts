/**
 * Wire content blocks → canonical content parts, shared by request and response decoding.
 */
import { readDataUrl } from '../../core/data-url.js';
import type {
  CacheControl,
  ContentPart,
  DocumentPart,
  ImagePart,
  MediaSource,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultContent,
  ToolResultPart,
} from '../../core/types.js';
import { cacheControlOf } from '../shared/cache-control.js';
import { parseAt } from '../shared/zod-error.js';
import {
  type WireBlock,
  wireDocumentBlock,
  wireImageBlock,
  wireRedactedThinkingBlock,
  wireTextBlock,
  wireThinkingBlock,
  wireToolResultBlock,
  wireToolUseBlock,
} from './wire.js';

function withCache<T extends { cacheControl?: CacheControl }>(part: T, cc: unknown, path: string): T {
  const c = cacheControlOf(cc, `${path}.cache_control`);
  if (c) part.cacheControl = c;
  return part;
}

export function decodeSource(source: Record<string, unknown>, path: string): MediaSource {
  switch (source.type) {
    case 'base64':
      return { kind: 'base64', mediaType: String(source.media_type), data: String(source.data) };
    case 'url': {
      const url = String(source.url);
      const data = readDataUrl(url, `${path}.url`);
      return data ? { kind: 'base64', ...data } : { kind: 'url', url };
    }
    case 'file':
      return { kind: 'file', fileId: String(source.file_id) };
    default:
      return {
        kind: 'text',
        text: String(source.data),
        ...(source.media_type ? { mediaType: String(source.media_type) } : {}),
      };
  }
}

export function decodeText(block: unknown, path: string): TextPart {
  const b = parseAt(wireTextBlock, block, path);
  const part = withCache<TextPart>({ type: 'text', text: b.text }, b.cache_control, path);
  if (b.citations && b.citations.length > 0) part.citations = b.citations;
  return part;
}

export function decodeImage(block: unknown, path: string): ImagePart {
  const b = parseAt(wireImageBlock, block, path);
  return withCache<ImagePart>({ type: 'image', source: decodeSource(b.source, `${path}.source`) }, b.cache_control, path);
}

export function decodeDocument(block: unknown, path: string): DocumentPart {
  const b = parseAt(wireDocumentBlock, block, path);
  const part: DocumentPart = { type: 'document', source: decodeSource(b.source, `${path}.source`) };
  if (b.title) part.title = b.title;
  if (b.context) part.context = b.context;
  return withCache(part, b.cache_control, path);
}

function isOpaqueDocument(block: WireBlock): boolean {
  const src = block.source as { type?: unknown } | undefined;
  return block.type === 'document' && src?.type === 'content';
}

export interface DecodedBlocks {
  parts: ContentPart[];
  /** Blocks with no canonical form, with their wire position. */
  opaque: Array<{ index: number; inner?: number; innerParts?: number; block: WireBlock }>;
}

/**
 * Decode one message's blocks. `wireNames` turns a tool name read off the wire into the caller's
 * name (responses); requests pass the identity.
 */
export function decodeBlocks(
  blocks: WireBlock[],
  path: string,
  wireNames: (name: string) => string = (n) => n,
): DecodedBlocks {
  const parts: ContentPart[] = [];
  const opaque: DecodedBlocks['opaque'] = [];
  blocks.forEach((block, i) => {
    const at = `${path}.${i}`;
    switch (block.type) {
      case 'text':
        parts.push(decodeText(block, at));
        return;
      case 'image':
        parts.push(decodeImage(block, at));
        return;
      case 'document':
        if (isOpaqueDocument(block)) opaque.push({ index: i, block });
        else parts.push(decodeDocument(block, at));
        return;
      case 'tool_use': {
        const b = parseAt(wireToolUseBlock, block, at);
        const call = withCache<ToolCallPart>(
          { type: 'tool_call', id: b.id, name: wireNames(b.name), arguments: b.input },
          b.cache_control,
          at,
        );
        parts.push(call);
        return;
      }
      case 'tool_result': {
        const b = parseAt(wireToolResultBlock, block, at);
        const result: ToolResultPart = { type: 'tool_result', toolCallId: b.tool_use_id, content: [] };
        // Inner opaque blocks are located by the tool_result's canonical index.
        const innerOpaque: DecodedBlocks['opaque'] = [];
        if (typeof b.content === 'string') result.content.push({ type: 'text', text: b.content });
        else if (b.content) {
          b.content.forEach((inner, j) => {
            const innerAt = `${at}.content.${j}`;
            let part: ToolResultContent | undefined;
            if (inner.type === 'text') part = decodeText(inner, innerAt);
            else if (inner.type === 'image') part = decodeImage(inner, innerAt);
            else if (inner.type === 'document' && !isOpaqueDocument(inner as WireBlock)) part = decodeDocument(inner, innerAt);
            if (part) result.content.push(part);
            else innerOpaque.push({ index: parts.length, inner: j, block: inner as WireBlock });
          });
        }
        for (const o of innerOpaque) opaque.push({ ...o, innerParts: result.content.length });
        if (b.is_error) result.isError = true;
        else if (b.is_error === false) result.isError = false;
        parts.push(withCache(result, b.cache_control, at));
        return;
      }
      case 'thinking': {
        const b = parseAt(wireThinkingBlock, block, at);
        const r: ReasoningPart = { type: 'reasoning', text: b.thinking, origin: 'anthropic' };
        if (b.signature) r.signature = b.signature;
        parts.push(r);
        return;
      }
      case 'redacted_thinking': {
        const b = parseAt(wireRedactedThinkingBlock, block, at);
        parts.push({ type: 'reasoning', text: '', redactedData: b.data, origin: 'anthropic' });
        return;
      }
      default:
        // server_tool_use, *_tool_result, search_result, container_upload, future types.
        opaque.push({ index: i, block });
    }
  });
  return { parts, opaque };
}

/** Ids of tool calls whose result is in the same answer: they ran upstream, nothing is pending. */
export function ranToolIds(content: ReadonlyArray<Record<string, unknown> | undefined>): Set<string> {
  const ids = new Set<string>();
  for (const b of content) if (b && typeof b.tool_use_id === 'string' && /tool_result$/.test(String(b.type))) ids.add(b.tool_use_id);
  return ids;
}

/** Block types with no canonical form that we know of (server tools and their results, MCP, uploads, documents by content). */
export const KNOWN_OPAQUE_BLOCK = /^(server_tool_use|mcp_tool_use|mcp_tool_result|container_upload|document|search_result|[a-z_]*tool_result)$/;
