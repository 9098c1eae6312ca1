import type { ChatRequest, ContentPart } from '../core/types.js';

/**
 * Cheap token estimate (about 4 characters a token) for places that need a number at once:
 * the `message_start` context meter, the mock's usage. `count_tokens` uses a real tokenizer.
 */
export function estimateTextTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

/** All text a request sends: system, messages and tool definitions (tools count, CC-1). */
export function requestText(request: ChatRequest): string {
  return requestPieces(request).join('\n');
}

/**
 * Same as `estimateTextTokens(requestText(request))` without joining the text: the pieces are the
 * request's own strings, so only their lengths are read.
 */
export function estimateRequestTokens(request: ChatRequest): number {
  const pieces = requestPieces(request);
  let chars = Math.max(0, pieces.length - 1); // the newlines requestText puts between them
  for (const piece of pieces) chars += piece.length;
  return Math.ceil(chars / 4);
}

/** The strings a request sends (system, message parts, tool names, descriptions and schemas), in order. */
export function requestPieces(request: ChatRequest): string[] {
  const pieces: string[] = [];
  for (const s of request.system ?? []) pieces.push(s.text);
  for (const m of request.messages) for (const p of m.content) pieces.push(partText(p));
  for (const t of request.tools ?? []) pieces.push(t.name, t.description ?? '', JSON.stringify(t.inputSchema));
  return pieces;
}

/** Anthropic bills an image at roughly 1.5k tokens. */
const MEDIA_TEXT = ' '.repeat(6000);

function partText(p: ContentPart): string {
  switch (p.type) {
    case 'text':
    case 'reasoning':
      return p.text;
    case 'tool_call':
      return p.name + (p.input ?? JSON.stringify(p.arguments));
    case 'tool_result':
      // `+`, not join: V8 concatenates without copying, and the estimate only reads the length.
      return p.content.reduce((text, c) => text + partText(c), '');
    case 'image':
      return MEDIA_TEXT;
    case 'document':
      return p.source.kind === 'text' ? p.source.text : MEDIA_TEXT;
  }
}
