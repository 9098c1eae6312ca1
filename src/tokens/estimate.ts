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

/** Same as `estimateTextTokens(requestText(request))`, counting lengths instead of building the text. */
export function estimateRequestTokens(request: ChatRequest): number {
  let chars = 0;
  let pieces = 0;
  const add = (length: number) => {
    chars += length;
    pieces++;
  };
  for (const s of request.system ?? []) add(s.text.length);
  for (const m of request.messages) for (const p of m.content) add(partLength(p));
  for (const t of request.tools ?? []) {
    add(t.name.length);
    add(t.description?.length ?? 0);
    add(JSON.stringify(t.inputSchema)?.length ?? 0);
  }
  // requestText joins the pieces with a newline each.
  return Math.ceil((chars + Math.max(0, pieces - 1)) / 4);
}

function partLength(p: ContentPart): number {
  switch (p.type) {
    case 'text':
    case 'reasoning':
      return p.text.length;
    case 'tool_call':
      return p.name.length + (p.input ?? JSON.stringify(p.arguments)).length;
    case 'tool_result':
      return p.content.reduce((n, c) => n + partLength(c), 0);
    case 'image':
      return 6000;
    case 'document':
      return p.source.kind === 'text' ? p.source.text.length : 6000;
  }
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
