/**
 * Canonical content parts → Anthropic wire blocks (requests and responses).
 */
import type { CacheControl, DocumentPart, ImagePart, MediaSource, TextPart, ToolResultPart } from '../../core/types.js';

type Block = Record<string, unknown>;

function withCache(block: Block, cc: CacheControl | undefined): Block {
  if (cc) block.cache_control = { ...cc };
  return block;
}

/** A text block, or nothing for empty / whitespace-only text (the API rejects those). */
export function encodeText(part: TextPart): Block | undefined {
  if (part.text.trim() === '') return undefined;
  const block: Block = { type: 'text', text: part.text };
  if (part.citations && part.citations.length > 0) block.citations = part.citations;
  return withCache(block, part.cacheControl);
}

/** A `data:` URL as a base64 source (CNT-1); other URLs stay URLs (CNT-2). */
function normaliseSource(source: MediaSource): MediaSource {
  if (source.kind !== 'url' || !source.url.startsWith('data:')) return source;
  const comma = source.url.indexOf(',');
  if (comma < 0) return source;
  const header = source.url.slice(5, comma).split(';');
  const payload = source.url.slice(comma + 1);
  const mediaType = header[0] || 'text/plain';
  const data = header.includes('base64') ? payload : Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64');
  return { kind: 'base64', mediaType, data };
}

function isPdf(source: MediaSource): boolean {
  return source.kind === 'base64' && source.mediaType === 'application/pdf';
}

function isText(source: MediaSource): boolean {
  return source.kind === 'base64' && source.mediaType.startsWith('text/');
}

function wireSource(source: MediaSource, forDocument: boolean): Block {
  switch (source.kind) {
    case 'base64':
      if (forDocument && isText(source))
        return { type: 'text', media_type: 'text/plain', data: Buffer.from(source.data, 'base64').toString('utf8') };
      return { type: 'base64', media_type: source.mediaType, data: source.data };
    case 'url':
      return { type: 'url', url: source.url };
    case 'file':
      return { type: 'file', file_id: source.fileId };
    case 'text':
      return { type: 'text', media_type: source.mediaType ?? 'text/plain', data: source.text };
  }
}

/** An image part; a PDF data URL becomes a document (CNT-3), a text source a text block. */
export function encodeImage(part: ImagePart): Block | undefined {
  const source = normaliseSource(part.source);
  if (isPdf(source) || isText(source)) return encodeDocument({ type: 'document', source, cacheControl: part.cacheControl });
  if (source.kind === 'text') return encodeText({ type: 'text', text: source.text, cacheControl: part.cacheControl });
  return withCache({ type: 'image', source: wireSource(source, false) }, part.cacheControl);
}

export function encodeDocument(part: DocumentPart): Block {
  const source = normaliseSource(part.source);
  const block: Block = { type: 'document', source: wireSource(source, true) };
  const title = part.title ?? part.filename;
  if (title) block.title = title;
  if (part.context) block.context = part.context;
  return withCache(block, part.cacheControl);
}

/**
 * A tool_result block. One plain text result goes as a string (what Claude Code sends); otherwise
 * a block list. `is_error` is kept whenever it is set.
 */
export function encodeToolResult(part: ToolResultPart, toolUseId: string): Block {
  const block: Block = { type: 'tool_result', tool_use_id: toolUseId };
  const only = part.content.length === 1 ? part.content[0] : undefined;
  if (only?.type === 'text' && !only.cacheControl && !only.citations) block.content = only.text;
  else {
    const content: Block[] = [];
    for (const c of part.content) {
      const b = c.type === 'text' ? encodeText(c) : c.type === 'image' ? encodeImage(c) : encodeDocument(c);
      if (b) content.push(b);
    }
    if (content.length > 0) block.content = content;
  }
  if (part.isError !== undefined) block.is_error = part.isError;
  return withCache(block, part.cacheControl);
}
