/**
 * Wire content blocks → canonical content parts, shared by request and response decoding.
 */
import { InvalidRequestError } from '../../core/errors.js';
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
import type { z } from 'zod';
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

/** Parse a value with a schema; a failure is a 400 whose message starts with the field path. */
export function parseAt<T extends z.ZodType>(schema: T, value: unknown, path: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const sub = issue?.path.length ? `${path}.${issue.path.map(String).join('.')}` : path;
  throw new InvalidRequestError(`${sub}: ${issue?.message ?? 'invalid value'}`, sub);
}

export function cacheControlOf(value: unknown): CacheControl | undefined {
  if (!value || typeof value !== 'object') return undefined;
  return { ...(value as CacheControl) };
}

function withCache<T extends { cacheControl?: CacheControl }>(part: T, cc: unknown): T {
  const c = cacheControlOf(cc);
  if (c) part.cacheControl = c;
  return part;
}

export function decodeSource(source: Record<string, unknown>): MediaSource {
  switch (source.type) {
    case 'base64':
      return { kind: 'base64', mediaType: String(source.media_type), data: String(source.data) };
    case 'url':
      return { kind: 'url', url: String(source.url) };
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
  const part = withCache<TextPart>({ type: 'text', text: b.text }, b.cache_control);
  if (b.citations && b.citations.length > 0) part.citations = b.citations;
  return part;
}

export function decodeImage(block: unknown, path: string): ImagePart {
  const b = parseAt(wireImageBlock, block, path);
  return withCache<ImagePart>({ type: 'image', source: decodeSource(b.source) }, b.cache_control);
}

export function decodeDocument(block: unknown, path: string): DocumentPart {
  const b = parseAt(wireDocumentBlock, block, path);
  const part: DocumentPart = { type: 'document', source: decodeSource(b.source) };
  if (b.title) part.title = b.title;
  if (b.context) part.context = b.context;
  return withCache(part, b.cache_control);
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
        parts.push(withCache(result, b.cache_control));
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
