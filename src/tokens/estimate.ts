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
  const parts: string[] = [];
  for (const s of request.system ?? []) parts.push(s.text);
  for (const m of request.messages) for (const p of m.content) parts.push(partText(p));
  for (const t of request.tools ?? []) parts.push(t.name, t.description ?? '', JSON.stringify(t.inputSchema));
  return parts.join('\n');
}

export function estimateRequestTokens(request: ChatRequest): number {
  return estimateTextTokens(requestText(request));
}

function partText(p: ContentPart): string {
  switch (p.type) {
    case 'text':
      return p.text;
    case 'reasoning':
      return p.text;
    case 'tool_call':
      return p.name + (p.input ?? JSON.stringify(p.arguments));
    case 'tool_result':
      return p.content.map(partText).join('');
    case 'image':
      return ' '.repeat(6000); // Anthropic bills an image at roughly 1.5k tokens
    case 'document':
      return p.source.kind === 'text' ? p.source.text : ' '.repeat(6000);
  }
}
