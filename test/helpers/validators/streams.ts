/**
 * Stream invariants of every caller dialect: what a real client of that dialect relies on when it
 * reads our SSE (order, indexes, matching ids, deltas that add up to their `.done`, tool arguments
 * that parse as a JSON object). Each returns the problems found; empty means a client would accept it.
 * Also `readAnswer`: what a caller got out of a stream (text, tool calls, finish, usage, reasoning),
 * for content comparisons across dialects.
 */
import type { WireEvent } from '../../../src/core/contracts/index.js';
import type { DialectName } from '../../../src/core/types.js';
import { checkAnthropicSse } from '../../dialects/anthropic/helpers.js';

type Obj = Record<string, unknown>;

function isJsonObject(text: string): boolean {
  try {
    const v = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

type Data = Record<string, unknown> & { type: string; sequence_number: number };
type Item = Record<string, unknown> & { id: string; type: string };

/** Every rule a Responses client relies on; returns the problems found. */
export function responsesStreamProblems(events: WireEvent[]): string[] {
  const problems: string[] = [];
  const data = events.map((e) => e.data as Data);
  events.forEach((e, i) => {
    if (e.event !== data[i]?.type) problems.push(`event ${i}: event name ${e.event} ≠ type ${data[i]?.type}`);
    if (data[i]?.sequence_number !== i) problems.push(`event ${i}: sequence_number ${data[i]?.sequence_number}`);
  });
  if (data[0]?.type !== 'response.created') problems.push('first event is not response.created');
  if (data[1]?.type !== 'response.in_progress') problems.push('second event is not response.in_progress');
  const terminalAt = data.findIndex((d) => ['response.completed', 'response.incomplete', 'response.failed'].includes(d.type));
  if (terminalAt < 0) return [...problems, 'no terminal event'];
  const rest = data.slice(terminalAt + 1);
  if (data[terminalAt]?.type === 'response.failed') {
    if (rest.length !== 1 || rest[0]?.type !== 'error') problems.push('response.failed must be followed by one error event');
  } else if (rest.length > 0) problems.push('events after the terminal event');

  const streamed: Item[] = [];
  let open: { item: Item; index: number; sub?: string; text: string; part?: number } | undefined;
  for (const d of data.slice(2, terminalAt)) {
    if (d.type === 'response.output_item.added') {
      if (open) problems.push(`item ${String(d.output_index)} added while ${open.index} open`);
      if (d.output_index !== streamed.length) problems.push(`output_index ${String(d.output_index)}, expected ${streamed.length}`);
      open = { item: d.item as Item, index: d.output_index as number, text: '' };
      continue;
    }
    if (!open) {
      problems.push(`${d.type} with no open item`);
      continue;
    }
    if (d.output_index !== open.index) problems.push(`${d.type} for output_index ${String(d.output_index)} while ${open.index} open`);
    if (d.type !== 'response.output_item.done' && d.item_id !== open.item.id) problems.push(`${d.type} item_id ${String(d.item_id)} ≠ ${open.item.id}`);
    switch (d.type) {
      case 'response.content_part.added':
      case 'response.reasoning_summary_part.added':
        if (open.sub) problems.push(`${d.type} while a part is open`);
        open.sub = d.type;
        open.text = '';
        break;
      case 'response.refusal.delta':
      case 'response.output_text.delta':
      case 'response.reasoning_summary_text.delta':
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta':
        if ((d.type.startsWith('response.output_text') || d.type === 'response.refusal.delta') && open.sub !== 'response.content_part.added') problems.push('text delta outside a content part');
        if (d.type.startsWith('response.reasoning') && open.sub !== 'response.reasoning_summary_part.added') problems.push('summary delta outside a part');
        if (d.delta === '') problems.push(`empty ${d.type}`);
        open.text += d.delta as string;
        break;
      case 'response.output_text.done':
      case 'response.reasoning_summary_text.done':
        if (d.text !== open.text) problems.push(`${d.type} text ≠ concatenated deltas`);
        break;
      case 'response.refusal.done':
        if (d.refusal !== open.text) problems.push('refusal.done ≠ concatenated deltas');
        break;
      case 'response.function_call_arguments.done':
        if (d.arguments !== open.text) problems.push('arguments.done ≠ concatenated deltas');
        if (!isJsonObject(String(d.arguments))) problems.push(`function_call arguments are not a JSON object: ${JSON.stringify(d.arguments)}`);
        break;
      case 'response.custom_tool_call_input.done':
        if (d.input !== open.text) problems.push('input.done ≠ concatenated deltas');
        break;
      case 'response.content_part.done':
      case 'response.reasoning_summary_part.done':
        open.sub = undefined;
        break;
      case 'response.output_item.done': {
        const item = d.item as Item;
        if (item.id !== open.item.id) problems.push(`done item id ${item.id} ≠ added ${open.item.id}`);
        if (open.sub) problems.push('item done with a part open');
        if (item.type === 'message' && (item.content as unknown[]).length === 0) problems.push('empty message item');
        streamed.push(item);
        open = undefined;
        break;
      }
      default:
        problems.push(`unexpected event ${d.type}`);
    }
  }
  // response.failed ends the stream where it broke: an item may be left open, and the client
  // raises the error instead of reading the snapshot.
  if (data[terminalAt]?.type === 'response.failed') return problems;
  if (open) problems.push(`item ${open.index} never done`);
  const final = (data[terminalAt]?.response ?? {}) as { output?: Item[]; status?: string };
  if (JSON.stringify(final.output) !== JSON.stringify(streamed)) problems.push('final snapshot output ≠ streamed items');
  return problems;
}


/** OpenAI chat chunks: one role, tool calls opened with id + name, arguments that parse, one finish, `[DONE]` last. */
export function chatStreamProblems(events: WireEvent[]): string[] {
  const p: string[] = [];
  if (events.length === 0) return ['no events'];
  const last = events[events.length - 1]?.data;
  const errored = events.some((e) => typeof e.data === 'object' && e.data !== null && 'error' in (e.data as Obj));
  if (!errored && last !== '[DONE]') p.push('last event is not [DONE]');
  const tools = new Map<number, { id?: string; name?: string; args: string; custom: boolean }>();
  let finishes = 0;
  events.forEach((e, i) => {
    if (e.data === '[DONE]') {
      if (i !== events.length - 1) p.push(`event ${i}: [DONE] not last`);
      return;
    }
    const d = e.data as Obj;
    if ('error' in d) return;
    if (d.object !== 'chat.completion.chunk') p.push(`event ${i}: object ${String(d.object)}`);
    for (const c of (d.choices as Obj[] | undefined) ?? []) {
      const delta = (c.delta ?? {}) as Obj;
      for (const tc of (delta.tool_calls as Obj[] | undefined) ?? []) {
        const index = tc.index as number;
        // A freeform (custom) call carries raw `input` text, not JSON arguments.
        const custom = tc.custom !== undefined;
        const fn = (tc.function ?? tc.custom ?? {}) as Obj;
        let t = tools.get(index);
        if (!t) {
          if (typeof tc.id !== 'string' || typeof fn.name !== 'string' || fn.name === '') p.push(`event ${i}: tool call ${index} opened without id and name`);
          t = { id: tc.id as string, name: fn.name as string, args: '', custom };
          tools.set(index, t);
        }
        if (typeof fn.arguments === 'string') t.args += fn.arguments;
      }
      if (c.finish_reason != null) finishes++;
    }
  });
  if (!errored && finishes !== 1) p.push(`${finishes} finish_reason chunks`);
  // An error ends the stream: a call it cut short is discarded by the client, not run.
  if (!errored) for (const [index, t] of tools) if (!t.custom && !isJsonObject(t.args)) p.push(`tool call ${index} arguments are not a JSON object: ${JSON.stringify(t.args)}`);
  return p;
}

/** Gemini chunks: candidates with parts, function calls whole (name + args object), a finishReason last. */
export function geminiStreamProblems(events: WireEvent[]): string[] {
  const p: string[] = [];
  if (events.length === 0) return ['no events'];
  let finish: unknown;
  events.forEach((e, i) => {
    const d = e.data as Obj;
    if (e.event !== undefined) p.push(`event ${i}: Gemini streams have no event names`);
    if ('error' in d) return;
    if (finish !== undefined) p.push(`event ${i}: chunk after the finishReason`);
    const cand = (d.candidates as Obj[] | undefined)?.[0];
    for (const part of ((cand?.content as Obj | undefined)?.parts as Obj[] | undefined) ?? []) {
      const fc = part.functionCall as Obj | undefined;
      if (fc && (typeof fc.name !== 'string' || fc.name === '' || !fc.args || typeof fc.args !== 'object'))
        p.push(`event ${i}: functionCall without name or args object`);
    }
    if (cand?.finishReason) finish = cand.finishReason;
  });
  const errored = events.some((e) => 'error' in (e.data as Obj));
  if (!errored && finish === undefined) p.push('no finishReason');
  return p;
}

/** The invariants of `dialect`'s stream. */
export function streamProblems(dialect: DialectName, events: WireEvent[]): string[] {
  switch (dialect) {
    case 'anthropic':
      return checkAnthropicSse(events);
    case 'openai-chat':
      return chatStreamProblems(events);
    case 'responses':
      return responsesStreamProblems(events);
    case 'gemini':
      return geminiStreamProblems(events);
  }
}

/** What a caller read out of a stream. */
export interface Answer {
  text: string;
  tools: Array<{ name: string; args: unknown }>;
  /** The dialect's own finish word (stop_reason, finish_reason, status, finishReason). */
  finish: string | undefined;
  usage: { input?: number; output?: number };
  reasoning: string;
  /** Refusal text the dialect can carry as such. */
  refusal: string;
  error?: string;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Read `dialect`'s stream as its client would. */
export function readAnswer(dialect: DialectName, events: WireEvent[]): Answer {
  const a: Answer = { text: '', tools: [], finish: undefined, usage: {}, reasoning: '', refusal: '' };
  const datas = events.map((e) => e.data).filter((d): d is Obj => typeof d === 'object' && d !== null);
  if (dialect === 'anthropic') {
    const blocks = new Map<number, { type: string; name?: string; json: string }>();
    for (const d of datas) {
      if (d.type === 'message_start') a.usage.input = ((d.message as Obj).usage as Obj).input_tokens as number;
      if (d.type === 'content_block_start') {
        const cb = d.content_block as Obj;
        blocks.set(d.index as number, { type: String(cb.type), name: cb.name as string | undefined, json: '' });
      }
      if (d.type === 'content_block_delta') {
        const delta = d.delta as Obj;
        const b = blocks.get(d.index as number);
        if (delta.type === 'text_delta') a.text += delta.text;
        if (delta.type === 'thinking_delta') a.reasoning += delta.thinking;
        if (delta.type === 'input_json_delta' && b) b.json += delta.partial_json;
      }
      if (d.type === 'message_delta') {
        a.finish = (d.delta as Obj).stop_reason as string;
        const u = d.usage as Obj;
        a.usage.output = u.output_tokens as number;
        // The upstream's own input count, when message_start could only estimate it.
        if (typeof u.input_tokens === 'number') a.usage.input = u.input_tokens;
      }
      if (d.type === 'error') a.error = String((d.error as Obj).type);
    }
    for (const b of blocks.values()) if (b.type === 'tool_use') a.tools.push({ name: b.name ?? '', args: parse(b.json || '{}') });
  } else if (dialect === 'openai-chat') {
    const tools = new Map<number, { name: string; args: string; custom: boolean }>();
    for (const d of datas) {
      if (d.error) a.error = String((d.error as Obj).type);
      for (const c of (d.choices as Obj[] | undefined) ?? []) {
        const delta = (c.delta ?? {}) as Obj;
        if (typeof delta.content === 'string') a.text += delta.content;
        if (typeof delta.refusal === 'string') a.refusal += delta.refusal;
        if (typeof delta.reasoning_content === 'string') a.reasoning += delta.reasoning_content;
        for (const tc of (delta.tool_calls as Obj[] | undefined) ?? []) {
          const fn = (tc.function ?? tc.custom ?? {}) as Obj;
          const t = tools.get(tc.index as number) ?? { name: String(fn.name ?? ''), args: '', custom: tc.custom !== undefined };
          if (typeof fn.arguments === 'string') t.args += fn.arguments;
          if (typeof fn.input === 'string') t.args += fn.input;
          tools.set(tc.index as number, t);
        }
        if (c.finish_reason != null) a.finish = String(c.finish_reason);
      }
      if (d.usage) {
        a.usage.input = (d.usage as Obj).prompt_tokens as number;
        a.usage.output = (d.usage as Obj).completion_tokens as number;
      }
    }
    for (const t of tools.values()) a.tools.push({ name: t.name, args: t.custom ? t.args : parse(t.args) });
  } else if (dialect === 'responses') {
    for (const d of datas) {
      if (d.type === 'response.output_text.delta') a.text += d.delta;
      if (d.type === 'response.refusal.delta') a.refusal += d.delta;
      if (d.type === 'response.reasoning_summary_text.delta') a.reasoning += d.delta;
      if (d.type === 'response.output_item.done') {
        const item = d.item as Obj;
        if (item.type === 'function_call')
          a.tools.push({ name: item.namespace ? `${item.namespace}.${item.name}` : String(item.name), args: parse(String(item.arguments)) });
        if (item.type === 'custom_tool_call') a.tools.push({ name: String(item.name), args: item.input });
      }
      if (d.type === 'response.completed' || d.type === 'response.incomplete' || d.type === 'response.failed') {
        const r = d.response as Obj;
        a.finish = String(r.status);
        const u = r.usage as Obj | null;
        if (u) a.usage = { input: u.input_tokens as number, output: u.output_tokens as number };
      }
      if (d.type === 'error') a.error = String(d.code);
    }
  } else {
    for (const d of datas) {
      if (d.error) a.error = String((d.error as Obj).status);
      const cand = (d.candidates as Obj[] | undefined)?.[0];
      for (const part of ((cand?.content as Obj | undefined)?.parts as Obj[] | undefined) ?? []) {
        if (typeof part.text === 'string') {
          if (part.thought) a.reasoning += part.text;
          else a.text += part.text;
        }
        const fc = part.functionCall as Obj | undefined;
        if (fc) a.tools.push({ name: String(fc.name), args: fc.args });
      }
      if (cand?.finishReason) a.finish = String(cand.finishReason);
      const u = d.usageMetadata as Obj | undefined;
      if (u) a.usage = { input: u.promptTokenCount as number, output: ((u.candidatesTokenCount as number) ?? 0) + ((u.thoughtsTokenCount as number) ?? 0) };
    }
  }
  return a;
}
