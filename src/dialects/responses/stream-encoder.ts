import { type Coroutine, END, NEXT, codeStream, coroutineCoder } from '../../core/batch.js';
import { newId } from '../../core/ids.js';
import type { ChatEvent, DialectName, FinishReason, StreamPartStart, Usage } from '../../core/types.js';
import type { EncodeResponseOptions, StreamCoder, WireEvent } from '../../core/contracts/index.js';
import { callItem, finishStatus, isRefusal, refusalItem, responseId, responseObject } from './encode-response.js';
import { errorBody, streamErrorCode } from './errors.js';
import type { CustomToolCallWire, FunctionCallWire, OutputItemWire, ReasoningWire } from './wire.js';
import { sealReasoning } from '../shared/reasoning-envelope.js';

interface TextState {
  kind: 'text';
  opened: boolean;
  id: string;
  outputIndex: number;
  text: string;
}
interface ReasoningState {
  kind: 'reasoning';
  item?: ReasoningWire;
  outputIndex: number;
  /** Whether this item came from the Responses API (its id and encrypted content may be replayed). */
  own: boolean;
  partId?: string;
  summaryOpen: boolean;
  summaryText: string;
  encrypted?: string;
  /** Another provider's reasoning (Anthropic thinking): text, signature and redacted data to seal. */
  origin?: DialectName;
  fullText: string;
  signature: string;
  redacted?: string;
}
interface CallState {
  kind: 'call';
  item: FunctionCallWire | CustomToolCallWire;
  outputIndex: number;
  payload: string;
}
type Current = TextState | ReasoningState | CallState;

/**
 * Canonical events → Responses SSE, in the order the API itself emits (§3.16 REC):
 * `response.created`, `response.in_progress`, then per item `output_item.added` → its content
 * events → `output_item.done`, each item with its own increasing `output_index`, and
 * `sequence_number` strictly increasing from 0 over every event; finally `response.completed` /
 * `response.incomplete` (length, content_filter) / `response.failed` with a snapshot whose item
 * ids are the streamed ones. An error event becomes `response.failed` then `error`, and the stream
 * stops. Empty text never opens a message item. Consecutive reasoning parts of one Responses item
 * (same `rs_` id) become one item with several summary parts.
 */
export function encodeStream(events: AsyncIterable<ChatEvent>, options: EncodeResponseOptions = {}): AsyncIterable<WireEvent> {
  return codeStream(events, streamEncoder(options));
}

/** The encoder one event at a time (see StreamCoder). */
export function streamEncoder(options: EncodeResponseOptions = {}): StreamCoder<ChatEvent, WireEvent> {
  return coroutineCoder(encoding(options));
}

function* encoding(options: EncodeResponseOptions): Coroutine<ChatEvent, WireEvent> {
  let seq = 0;
  let id = '';
  let model = options.model ?? '';
  const createdAt = Math.floor(Date.now() / 1000);
  const output: OutputItemWire[] = [];
  let current: Current | undefined;
  let pendingReasoning: ReasoningState | undefined;
  let started = false;

  const ev = (type: string, payload: Record<string, unknown>): WireEvent => ({
    event: type,
    data: { type, sequence_number: seq++, ...payload },
  });
  const snapshot = (
    status: 'in_progress' | 'completed' | 'incomplete' | 'failed',
    usage: Usage | null,
    extra: { incompleteDetails?: { reason: string } | null; error?: { code: string; message: string } | null } = {},
  ) =>
    responseObject({
      id,
      model,
      createdAt,
      status,
      output: structuredClone(output.filter(Boolean)),
      usage,
      incompleteDetails: extra.incompleteDetails ?? null,
      error: extra.error ?? null,
      request: options.requestBody,
    });

  function* start(evId = '', evModel = ''): Generator<WireEvent> {
    if (started) return;
    started = true;
    id = responseId(evId);
    model = options.model ?? evModel;
    yield ev('response.created', { response: snapshot('in_progress', null) });
    yield ev('response.in_progress', { response: snapshot('in_progress', null) });
  }

  function* addReasoningItem(state: ReasoningState): Generator<WireEvent> {
    if (state.item) return;
    state.outputIndex = output.length;
    state.item = { type: 'reasoning', id: state.own && state.partId ? state.partId : newId('rs_'), summary: [] };
    output.push(structuredClone(state.item));
    yield ev('response.output_item.added', { output_index: state.outputIndex, item: structuredClone(state.item) });
  }

  function* closeReasoning(): Generator<WireEvent> {
    const state = pendingReasoning;
    pendingReasoning = undefined;
    if (!state?.item) return;
    if (state.encrypted !== undefined) state.item.encrypted_content = state.encrypted;
    output[state.outputIndex] = structuredClone(state.item);
    yield ev('response.output_item.done', { output_index: state.outputIndex, item: structuredClone(state.item) });
  }

  function* openPart(part: StreamPartStart): Generator<WireEvent> {
    if (part.type === 'reasoning') {
      const own = part.origin === 'responses';
      // Another summary part of the same Responses reasoning item continues that item.
      if (pendingReasoning && own && part.id && pendingReasoning.own && pendingReasoning.partId === part.id) {
        current = pendingReasoning;
        pendingReasoning = undefined;
        current.summaryOpen = false;
        current.summaryText = '';
        if (part.encryptedContent !== undefined) current.encrypted = part.encryptedContent;
        return;
      }
      yield* closeReasoning();
      current = { kind: 'reasoning', outputIndex: -1, own, summaryOpen: false, summaryText: '', fullText: '', signature: '' };
      if (part.origin) current.origin = part.origin;
      if (part.redactedData !== undefined) current.redacted = part.redactedData;
      if (part.id) current.partId = part.id;
      if (own && part.encryptedContent !== undefined) current.encrypted = part.encryptedContent;
      return;
    }
    yield* closeReasoning();
    if (part.type === 'text') {
      current = { kind: 'text', opened: false, id: newId('msg_'), outputIndex: -1, text: '' };
      return;
    }
    const item = callItem(part, '', 'in_progress');
    const state: CallState = { kind: 'call', item, outputIndex: output.length, payload: '' };
    output.push(structuredClone(item));
    current = state;
    yield ev('response.output_item.added', { output_index: state.outputIndex, item: structuredClone(item) });
  }

  function* delta(e: Extract<ChatEvent, { type: 'delta' }>): Generator<WireEvent> {
    const d = e.delta;
    if (!current) return;
    if (current.kind === 'text' && d.type === 'text') {
      if (d.text === '') return;
      const s = current;
      if (!s.opened) {
        s.opened = true;
        s.outputIndex = output.length;
        const item = { type: 'message', id: s.id, status: 'in_progress', role: 'assistant', content: [] };
        output.push(item as unknown as OutputItemWire);
        yield ev('response.output_item.added', { output_index: s.outputIndex, item });
        yield ev('response.content_part.added', {
          item_id: s.id,
          output_index: s.outputIndex,
          content_index: 0,
          part: { type: 'output_text', text: '', annotations: [] },
        });
      }
      s.text += d.text;
      yield ev('response.output_text.delta', {
        item_id: s.id,
        output_index: s.outputIndex,
        content_index: 0,
        delta: d.text,
        logprobs: [],
      });
    } else if (current.kind === 'reasoning' && d.type === 'reasoning') {
      if (d.text === '') return;
      const s = current;
      yield* addReasoningItem(s);
      const item = s.item as ReasoningWire;
      if (!s.summaryOpen) {
        s.summaryOpen = true;
        s.summaryText = '';
        yield ev('response.reasoning_summary_part.added', {
          item_id: item.id,
          output_index: s.outputIndex,
          summary_index: item.summary.length,
          part: { type: 'summary_text', text: '' },
        });
      }
      s.summaryText += d.text;
      s.fullText += d.text;
      yield ev('response.reasoning_summary_text.delta', {
        item_id: item.id,
        output_index: s.outputIndex,
        summary_index: item.summary.length,
        delta: d.text,
      });
    } else if (current.kind === 'call' && d.type === 'tool_arguments') {
      if (d.json === '') return;
      const s = current;
      s.payload += d.json;
      const type = s.item.type === 'custom_tool_call' ? 'response.custom_tool_call_input.delta' : 'response.function_call_arguments.delta';
      yield ev(type, { item_id: s.item.id, output_index: s.outputIndex, delta: d.json });
    }
    else if (current.kind === 'reasoning' && d.type === 'signature') current.signature += d.signature;
  }

  function* closePart(e?: Extract<ChatEvent, { type: 'part_end' }>): Generator<WireEvent> {
    const s = current;
    current = undefined;
    if (!s) return;
    if (s.kind === 'text') {
      if (!s.opened) return;
      const part = { type: 'output_text', text: s.text, annotations: [] };
      yield ev('response.output_text.done', { item_id: s.id, output_index: s.outputIndex, content_index: 0, text: s.text, logprobs: [] });
      yield ev('response.content_part.done', { item_id: s.id, output_index: s.outputIndex, content_index: 0, part });
      const item = { type: 'message', id: s.id, status: 'completed', role: 'assistant', content: [part] } as OutputItemWire;
      output[s.outputIndex] = structuredClone(item);
      yield ev('response.output_item.done', { output_index: s.outputIndex, item });
    } else if (s.kind === 'reasoning') {
      if (s.own && e?.encryptedContent !== undefined) s.encrypted = e.encryptedContent;
      if (!s.own) {
        // Another provider's signed thinking rides in encrypted_content, so the caller replays it.
        const signature = s.signature || e?.signature;
        s.encrypted = sealReasoning([
          { type: 'reasoning', text: s.fullText, ...(s.origin ? { origin: s.origin } : {}), ...(signature ? { signature } : {}), ...(s.redacted !== undefined ? { redactedData: s.redacted } : {}) },
        ]);
      }
      // A reasoning item with nothing but encrypted content (or a Responses id) is still an item.
      if (!s.item && (s.encrypted !== undefined || (s.own && s.partId))) yield* addReasoningItem(s);
      if (!s.item) return;
      if (s.summaryOpen) {
        const item = s.item;
        const index = item.summary.length;
        const text = s.summaryText;
        yield ev('response.reasoning_summary_text.done', { item_id: item.id, output_index: s.outputIndex, summary_index: index, text });
        yield ev('response.reasoning_summary_part.done', {
          item_id: item.id,
          output_index: s.outputIndex,
          summary_index: index,
          part: { type: 'summary_text', text },
        });
        item.summary.push({ type: 'summary_text', text });
        s.summaryOpen = false;
      }
      // Held open: the next part may be another summary entry of this same item.
      pendingReasoning = s;
      if (!(s.own && s.partId)) yield* closeReasoning();
    } else {
      const item = s.item;
      if (item.type === 'custom_tool_call') {
        yield ev('response.custom_tool_call_input.done', { item_id: item.id, output_index: s.outputIndex, input: s.payload });
        item.input = s.payload;
      } else {
        // A call without arguments (a parameterless tool) still gets a JSON object.
        if (s.payload === '') {
          s.payload = '{}';
          yield ev('response.function_call_arguments.delta', { item_id: item.id, output_index: s.outputIndex, delta: '{}' });
        }
        yield ev('response.function_call_arguments.done', {
          item_id: item.id,
          output_index: s.outputIndex,
          name: item.name,
          arguments: s.payload,
        });
        item.arguments = s.payload;
      }
      item.status = 'completed';
      output[s.outputIndex] = structuredClone(item);
      yield ev('response.output_item.done', { output_index: s.outputIndex, item: structuredClone(item) });
    }
  }

  /** An upstream refusal as the API says one: a message item with a refusal part, streamed. */
  function* refusal(): Generator<WireEvent> {
    const item = refusalItem();
    const text = (item.content[0] as { refusal: string }).refusal;
    const outputIndex = output.length;
    const at = { item_id: item.id, output_index: outputIndex, content_index: 0 };
    output.push(structuredClone(item));
    yield ev('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
    yield ev('response.content_part.added', { ...at, part: { type: 'refusal', refusal: '' } });
    yield ev('response.refusal.delta', { ...at, delta: text });
    yield ev('response.refusal.done', { ...at, refusal: text });
    yield ev('response.content_part.done', { ...at, part: { type: 'refusal', refusal: text } });
    yield ev('response.output_item.done', { output_index: outputIndex, item: structuredClone(item) });
  }

  for (let e = yield NEXT; e !== END; e = yield NEXT) {
    switch (e.type) {
      case 'start':
        yield* start(e.id, e.model);
        break;
      case 'part_start':
        yield* start();
        yield* closePart();
        yield* openPart(e.part);
        break;
      case 'delta':
        yield* start();
        yield* delta(e);
        break;
      case 'part_end':
        yield* start();
        yield* closePart(e);
        break;
      case 'finish': {
        yield* start();
        yield* closePart();
        yield* closeReasoning();
        if (isRefusal(e.finishReason, e.rawFinishReason)) yield* refusal();
        const { status, incomplete_details } = finishStatus(e.finishReason as FinishReason, e.rawFinishReason);
        const type = status === 'completed' ? 'response.completed' : status === 'incomplete' ? 'response.incomplete' : 'response.failed';
        const error = status === 'failed' ? { code: 'server_error', message: 'The response failed' } : null;
        yield ev(type, { response: snapshot(status, e.usage, { incompleteDetails: incomplete_details, error }) });
        return;
      }
      case 'error': {
        yield* start();
        // A finished reasoning item held for a possible next summary part is complete: close it.
        if (!current) yield* closeReasoning();
        const code = streamErrorCode(e.error);
        yield ev('response.failed', { response: snapshot('failed', null, { error: { code, message: e.error.message } }) });
        const { body } = errorBody(e.error);
        yield ev('error', { code: body.error.code ?? code, message: e.error.message, param: body.error.param });
        return;
      }
    }
  }
}
