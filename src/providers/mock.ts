import { responseToEvents } from '../core/stream.js';
import type { ChatEvent, ChatRequest, ChatResponse, ContentPart, JsonSchema, ToolCallPart, ToolDefinition } from '../core/types.js';
import { estimateRequestTokens, estimateTextTokens } from '../tokens/estimate.js';
import type { ChatResult, Provider, ProviderCallOptions } from '../core/contracts/index.js';

/** One scripted answer: the first rule whose `match` fits the last user text answers. */
export interface MockRule {
  /** Substring (case-insensitive) or regular expression tested against the last user text. */
  match?: string | RegExp;
  text?: string;
  toolCalls?: Array<{ name: string; arguments?: Record<string, unknown>; input?: string }>;
  reasoning?: string;
}

export interface MockProviderOptions {
  name?: string;
  script?: MockRule[];
  /** Characters per streamed text delta (default 16), so streams have several chunks. */
  chunkSize?: number;
}

/**
 * Deterministic, offline provider for demos and tests. Without a script it answers like a small
 * coding agent would: a request that names a tool (or says "run …" with a shell tool present) gets
 * a tool call with arguments filled from the tool's schema; a tool result gets a summary of it;
 * anything else gets a short text reply. Same request, same answer.
 */
export class MockProvider implements Provider {
  readonly name: string;
  readonly type = 'mock' as const;
  readonly dialects = [] as const;
  private counter = 0;

  constructor(private readonly options: MockProviderOptions = {}) {
    this.name = options.name ?? 'mock';
  }

  models(): string[] {
    return ['mock-1'];
  }

  async chat(request: ChatRequest, call: ProviderCallOptions): Promise<ChatResult> {
    call.signal?.throwIfAborted();
    const response = this.answer(request, call.model);
    if (!request.stream) return { type: 'response', response };
    return { type: 'stream', events: this.stream(response, call.signal) };
  }

  private async *stream(response: ChatResponse, signal?: AbortSignal): AsyncGenerator<ChatEvent> {
    const size = this.options.chunkSize ?? 16;
    for await (const ev of responseToEvents(response)) {
      signal?.throwIfAborted();
      if (ev.type === 'delta' && (ev.delta.type === 'text' || ev.delta.type === 'tool_arguments')) {
        const text = ev.delta.type === 'text' ? ev.delta.text : ev.delta.json;
        for (let i = 0; i < text.length; i += size) {
          const piece = text.slice(i, i + size);
          yield ev.delta.type === 'text'
            ? { type: 'delta', index: ev.index, delta: { type: 'text', text: piece } }
            : { type: 'delta', index: ev.index, delta: { type: 'tool_arguments', json: piece } };
        }
        continue;
      }
      yield ev;
    }
  }

  private answer(request: ChatRequest, model: string): ChatResponse {
    const lastUser = [...request.messages].reverse().find((m) => m.role === 'user');
    const userText = (lastUser?.content ?? [])
      .filter((p): p is Extract<ContentPart, { type: 'text' }> => p.type === 'text')
      .map((p) => p.text)
      .join('\n');
    const toolResults = (lastUser?.content ?? []).filter((p) => p.type === 'tool_result');
    const content: ContentPart[] = [];

    const rule = this.options.script?.find((r) => matches(r.match, userText));
    if (rule) {
      if (rule.reasoning) content.push({ type: 'reasoning', text: rule.reasoning });
      if (rule.text) content.push({ type: 'text', text: rule.text });
      for (const tc of rule.toolCalls ?? []) content.push(this.toolCall(request.tools, tc.name, tc.arguments ?? {}, tc.input));
    } else if (toolResults.length > 0) {
      const lines = toolResults.map((r) => {
        const call = findCall(request, r.type === 'tool_result' ? r.toolCallId : '');
        const output = r.type === 'tool_result' ? r.content.map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join('') : '';
        return `${call?.name ?? 'The tool'} ${r.type === 'tool_result' && r.isError ? 'failed' : 'returned'}: ${output.trim().slice(0, 500)}`;
      });
      content.push({ type: 'text', text: lines.join('\n') });
    } else {
      const planned = planToolCall(request.tools ?? [], userText);
      if (planned) {
        content.push({ type: 'text', text: `I'll use ${planned.tool.name}.` });
        content.push(this.toolCall(request.tools, planned.tool.name, planned.args, planned.input));
      } else {
        const echo = userText.trim().replace(/\s+/g, ' ').slice(0, 200);
        content.push({ type: 'text', text: echo ? `Mock answer to: ${echo}` : 'Mock answer.' });
      }
    }

    const hasCalls = content.some((p) => p.type === 'tool_call');
    const outputText = content.map((p) => (p.type === 'text' || p.type === 'reasoning' ? p.text : p.type === 'tool_call' ? JSON.stringify(p.arguments) + (p.input ?? '') : '')).join('');
    return {
      id: `mock_${(++this.counter).toString().padStart(6, '0')}`,
      model,
      provider: this.name,
      content,
      finishReason: hasCalls ? 'tool_calls' : 'stop',
      usage: {
        inputTokens: estimateRequestTokens(request),
        outputTokens: estimateTextTokens(outputText),
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      },
    };
  }

  private toolCall(tools: ToolDefinition[] | undefined, name: string, args: Record<string, unknown>, input?: string): ToolCallPart {
    const tool = tools?.find((t) => t.name === name);
    const id = `call_mock${(this.counter + 1).toString().padStart(4, '0')}${name.replace(/[^a-zA-Z0-9]/g, '').slice(0, 12)}`;
    if (tool?.kind === 'custom') return { type: 'tool_call', id, name, arguments: {}, kind: 'custom', input: input ?? '' };
    return { type: 'tool_call', id, name, arguments: args };
  }
}

function matches(match: string | RegExp | undefined, text: string): boolean {
  if (match === undefined) return true;
  return typeof match === 'string' ? text.toLowerCase().includes(match.toLowerCase()) : match.test(text);
}

function findCall(request: ChatRequest, id: string): ToolCallPart | undefined {
  for (const m of request.messages)
    for (const p of m.content) if (p.type === 'tool_call' && p.id === id) return p;
  return undefined;
}

const SHELL_KEYS = ['command', 'cmd'];

/** Pick a tool and its arguments the way a model plausibly would, from the user's words. */
function planToolCall(
  tools: ToolDefinition[],
  text: string,
): { tool: ToolDefinition; args: Record<string, unknown>; input?: string } | undefined {
  const usable = tools.filter((t) => t.kind !== 'hosted');
  if (usable.length === 0 || !text) return undefined;
  const lower = text.toLowerCase();
  const command = /\b(?:run|execute)\s+[`"']?(.+?)[`"']?(?:\s+(?:using|with|in)\b.*)?\s*$/is.exec(text)?.[1]?.trim();
  const file = /\bcreate\s+(?:a\s+file\s+)?([\w./-]+\.\w+)/i.exec(text)?.[1];
  const named = usable.find((t) => containsWord(lower, t.name.toLowerCase()));
  const shell = usable.find((t) => SHELL_KEYS.some((k) => k in propertiesOf(t.inputSchema)));
  const patcher = usable.find((t) => t.kind === 'custom' && /patch/i.test(t.name));
  const tool = (command && shell) || named || (file && patcher) || undefined;
  if (!tool) return undefined;
  if (tool.kind === 'custom')
    return { tool, args: {}, input: `*** Begin Patch\n*** Add File: ${file ?? 'hello.txt'}\n+hi from tokligence mock\n*** End Patch\n` };
  return { tool, args: fillArguments(tool.inputSchema, command) };
}

function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  const props = schema.properties;
  return props && typeof props === 'object' ? (props as Record<string, JsonSchema>) : {};
}

function fillArguments(schema: JsonSchema, command: string | undefined): Record<string, unknown> {
  const props = propertiesOf(schema);
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const args: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(props)) {
    if (SHELL_KEYS.includes(key) && command) {
      args[key] = command;
      continue;
    }
    if (!required.includes(key)) continue;
    const type = Array.isArray(prop.type) ? prop.type[0] : prop.type;
    if (Array.isArray(prop.enum) && prop.enum.length > 0) args[key] = prop.enum[0];
    else if (type === 'number' || type === 'integer') args[key] = 1;
    else if (type === 'boolean') args[key] = true;
    else if (type === 'array') args[key] = [];
    else if (type === 'object') args[key] = {};
    else args[key] = 'mock';
  }
  return args;
}

/**
 * Whether `word` occurs in `text` between word boundaries. No RegExp built from the tool name: a
 * caller's 300 KB name made "Regular expression too large" (a 500).
 */
function containsWord(text: string, word: string): boolean {
  if (!word) return false;
  const isWord = (c: string | undefined) => c !== undefined && /\w/.test(c);
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1];
    const after = text[at + word.length];
    // Same as \b around the name: a boundary only where a word character meets a non-word one.
    if ((isWord(word[0]) ? !isWord(before) : true) && (isWord(word[word.length - 1]) ? !isWord(after) : true)) return true;
  }
  return false;
}
