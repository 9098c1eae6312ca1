/** LangChain messages → the canonical request's `system` and `messages`. */
import type { BaseMessage } from '@langchain/core/messages';
import { readDataUrl } from '../../core/data-url.js';
import { InvalidRequestError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { cacheControlOf } from '../../dialects/shared/cache-control.js';
import type { ContentPart, DialectName, ImagePart, Message, ReasoningPart, TextPart, ToolResultContent } from '../../core/types.js';

type Block = Record<string, unknown>;

/** Split LangChain messages into system text and user/assistant turns (tool results become user turns). */
export function convertMessages(messages: BaseMessage[]): { system: TextPart[]; messages: Message[] } {
  const system: TextPart[] = [];
  const out: Message[] = [];
  const push = (role: Message['role'], content: ContentPart[]) => {
    if (content.length === 0) return;
    const last = out[out.length - 1];
    // Consecutive tool results (one ToolMessage each in LangChain) answer one assistant turn together.
    if (last && last.role === role && role === 'user' && content.every((p) => p.type === 'tool_result') && last.content.every((p) => p.type === 'tool_result'))
      last.content.push(...content);
    else out.push({ role, content });
  };

  messages.forEach((m, i) => {
    const type = m.type;
    const where = `messages.${i}`;
    if (type === 'system' || type === 'developer') {
      system.push(...textParts(m.content, where).filter((p): p is TextPart => p.type === 'text'));
    } else if (type === 'human' || type === 'generic') {
      push('user', contentParts(m.content, where));
    } else if (type === 'ai') {
      const ai = m as BaseMessage & { tool_calls?: Array<{ id?: string; name: string; args: Record<string, unknown> }> };
      const parts: ContentPart[] = [...thinkingParts(m)];
      parts.push(...contentParts(m.content, where, true));
      for (const tc of ai.tool_calls ?? []) parts.push({ type: 'tool_call', id: tc.id ?? newId('call_'), name: tc.name, arguments: tc.args ?? {} });
      push('assistant', parts);
    } else if (type === 'tool') {
      const t = m as BaseMessage & { tool_call_id: string; status?: 'success' | 'error'; name?: string };
      const content = contentParts(m.content, where).filter(
        (p): p is ToolResultContent => p.type === 'text' || p.type === 'image' || p.type === 'document',
      );
      push('user', [{ type: 'tool_result', toolCallId: t.tool_call_id, content, ...(t.status === 'error' ? { isError: true } : {}), ...(t.name ? { name: t.name } : {}) }]);
    } else {
      throw new InvalidRequestError(`${where}.type: unsupported message type "${type}"`, `${where}.type`);
    }
  });
  return { system, messages: out };
}

/**
 * An AI message's reasoning, signature included so Anthropic accepts the turn back: ours in
 * `additional_kwargs` (`reasoning_content`, `reasoning_signature`, `reasoning_origin`), or
 * ChatAnthropic's `thinking` / `redacted_thinking` content blocks.
 */
function thinkingParts(m: BaseMessage): ReasoningPart[] {
  const kw = (m.additional_kwargs ?? {}) as Record<string, unknown>;
  const out: ReasoningPart[] = [];
  const text = typeof kw.reasoning_content === 'string' ? kw.reasoning_content : '';
  const signature = typeof kw.reasoning_signature === 'string' && kw.reasoning_signature ? kw.reasoning_signature : undefined;
  if (text || signature) {
    const origin = (typeof kw.reasoning_origin === 'string' ? kw.reasoning_origin : 'anthropic') as DialectName;
    out.push({ type: 'reasoning', text, ...(signature ? { signature, origin } : {}) });
  }
  if (Array.isArray(m.content))
    for (const block of m.content as Block[]) {
      if (block.type === 'thinking' && typeof block.thinking === 'string')
        out.push({ type: 'reasoning', text: block.thinking, ...(typeof block.signature === 'string' ? { signature: block.signature, origin: 'anthropic' as const } : {}) });
      else if (block.type === 'redacted_thinking' && typeof block.data === 'string')
        out.push({ type: 'reasoning', text: '', redactedData: block.data, origin: 'anthropic' });
    }
  return out;
}

function textParts(content: BaseMessage['content'], where: string): ContentPart[] {
  return contentParts(content, where, true);
}

/** A message's content (a string or content blocks) as canonical parts; empty text is dropped. */
function contentParts(content: BaseMessage['content'], where: string, textOnly = false): ContentPart[] {
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  const parts: ContentPart[] = [];
  (content as Block[]).forEach((block, j) => {
    const at = `${where}.content.${j}`;
    const type = block.type;
    // ChatAnthropic's prompt-cache marker on a block (`cache_control: { type: 'ephemeral' }`).
    const cacheControl = cacheControlOf(block.cache_control, `${at}.cache_control`);
    const cached = cacheControl ? { cacheControl } : {};
    if (type === 'text' && typeof block.text === 'string') {
      if (block.text) parts.push({ type: 'text', text: block.text, ...cached });
    } else if (type === 'image_url' || type === 'image') {
      if (textOnly) return;
      parts.push({ ...imagePart(block, at), ...cached });
    } else if (type === 'reasoning' || type === 'thinking' || type === 'redacted_thinking' || type === 'tool_use' || type === 'tool_call' || type === 'input_json_delta') {
      // Assistant-side blocks mirrored in tool_calls / additional_kwargs: nothing more to send.
    } else if (!textOnly) {
      throw new InvalidRequestError(`${at}.type: unsupported content block "${String(type)}"`, `${at}.type`);
    }
  });
  return parts;
}

function imagePart(block: Block, at: string): ImagePart {
  const iu = block.image_url;
  const url = typeof iu === 'string' ? iu : typeof (iu as Block | undefined)?.url === 'string' ? ((iu as Block).url as string) : typeof block.url === 'string' ? block.url : undefined;
  const data = typeof block.data === 'string' ? block.data : typeof block.base64 === 'string' ? block.base64 : undefined;
  const mediaType = (block.mimeType ?? block.mime_type ?? 'image/png') as string;
  if (data) return { type: 'image', source: { kind: 'base64', mediaType, data } };
  if (!url) throw new InvalidRequestError(`${at}.image_url: an image block needs a url or base64 data`, `${at}.image_url`);
  const inline = readDataUrl(url, `${at}.image_url`);
  if (inline) return { type: 'image', source: { kind: 'base64', ...inline } };
  return { type: 'image', source: { kind: 'url', url } };
}
