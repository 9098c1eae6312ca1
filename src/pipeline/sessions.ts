import { NotFoundError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { collectStream } from '../core/stream.js';
import type { ChatEvent, ChatRequest, ChatResponse, Message } from '../core/types.js';
import type { SessionStore, StoredConversation } from '../sessions/store.js';
import type { CallContext, Middleware } from '../core/contracts/index.js';

export interface SessionsOptions {
  store: SessionStore;
  /** Most messages a stored conversation keeps. */
  maxConversationLength: number;
  /**
   * Whether the first target for a model is an upstream that speaks the Responses API itself (and
   * so keeps its own `previous_response_id` state).
   */
  upstreamSpeaksResponses: (model: string) => boolean;
}

/**
 * The Responses API's `store` / `previous_response_id` against any provider (config
 * `agent.enable_session_persistence`). Only Responses callers are concerned.
 *
 * - `previous_response_id` that this gateway stored: the stored conversation (its messages and
 *   answer) is put before the new input, the field is removed, and `ctx.rewritten` is set. The new
 *   request's `instructions` win; the stored ones are used only when it has none.
 * - An id the gateway does not know: when the model's first target speaks the Responses API itself
 *   (OpenAI), the request goes on unchanged and the upstream resolves it (it keeps its own state);
 *   otherwise 404 `not_found` naming `previous_response_id`.
 * - After a complete answer, unless `store: false`: the conversation is saved under the id the
 *   caller receives. The canonical response id is set to a `resp_…` id here (an upstream's own
 *   `resp_…` id is kept), and the Responses encoder keeps any `resp_…` id, so both agree.
 * - Not saved: answers passed through raw from a Responses upstream: with `store: true` that
 *   upstream keeps the state, and a later `previous_response_id` goes back to it unchanged.
 */
export function sessionsMiddleware(options: SessionsOptions): Middleware {
  return async (ctx, next) => {
    if (ctx.dialect !== 'responses') return next();
    const ext = ctx.request.extensions?.responses ?? {};
    const previousId = ext.previous_response_id;
    // Forwarded to an upstream that keeps the chain itself: saving only this turn here would shadow it.
    let upstreamChain = false;
    if (typeof previousId === 'string' && previousId !== '') {
      const found = await options.store.get(previousId);
      // Another tenant's conversation is as good as absent (strict isolation: same answer as unknown).
      const stored = found && (found.tenant ?? 'default') === (ctx.identity?.tenant ?? 'default') ? found : undefined;
      if (stored) continueConversation(ctx, stored);
      else if (options.upstreamSpeaksResponses(ctx.request.model)) upstreamChain = true;
      else
        throw new NotFoundError(`previous_response_id: no stored response with id '${previousId}' (it expired, was stored with store: false, or never existed)`, {
          param: 'previous_response_id',
        });
    }
    const result = await next();
    if (ext.store === false || upstreamChain || result.raw?.dialect === 'responses') return result;
    const fresh = ctx.cache === 'hit';
    const request = ctx.request;
    if (result.type === 'response') {
      const id = responseIdFor(result.response.id, fresh);
      const response = { ...result.response, id };
      if (isComplete(response)) await save(options, request, response, ctx.identity?.tenant);
      return { ...result, response };
    }
    return { ...result, events: saveWhenComplete(result.events, fresh, (response) => save(options, request, response, ctx.identity?.tenant)) };
  };
}

/** Keep an upstream's own Responses id; mint one otherwise (and for every cache replay: ids stay unique). */
function responseIdFor(id: string | undefined, fresh: boolean): string {
  return !fresh && id?.startsWith('resp_') ? id : newId('resp_');
}

const isComplete = (r: ChatResponse) => r.finishReason !== 'error';

function continueConversation(ctx: CallContext, stored: StoredConversation): void {
  const request = ctx.request;
  const prepended = stored.messages.length;
  const responsesExt = { ...(request.extensions?.responses ?? {}) };
  delete responsesExt.previous_response_id;
  // The decoder's bookkeeping points at message indexes of the new input; shift it past the history.
  for (const field of ['$system', '$items'] as const) {
    const list = responsesExt[field];
    if (Array.isArray(list)) responsesExt[field] = list.map((o: { at: number }) => ({ ...o, at: o.at + prepended }));
  }
  request.messages = [...stored.messages, ...request.messages];
  if ((!request.system || request.system.length === 0) && stored.system?.length) request.system = stored.system;
  request.extensions = { ...request.extensions, responses: responsesExt };
  ctx.rewritten = true;
}

async function save(options: SessionsOptions, request: ChatRequest, response: ChatResponse, tenant?: string): Promise<void> {
  const messages: Message[] = [...request.messages];
  if (response.content.length > 0) messages.push({ role: 'assistant', content: response.content });
  await options.store.put({
    id: response.id,
    model: response.model || request.model,
    ...(request.system?.length ? { system: request.system } : {}),
    messages: trimConversation(messages, options.maxConversationLength),
    createdAt: Date.now(),
    ...(tenant ? { tenant } : {}),
  });
}

/**
 * Keep at most `max` messages, dropping the oldest, and start at a message a person wrote so no
 * tool result is left without its call. When no such start fits, the newest `max` are kept.
 */
export function trimConversation(messages: Message[], max: number): Message[] {
  if (messages.length <= max) return messages;
  for (let start = messages.length - max; start < messages.length; start++) {
    const m = messages[start] as Message;
    if (m.role === 'user' && !m.content.some((p) => p.type === 'tool_result')) return messages.slice(start);
  }
  return messages.slice(messages.length - max);
}

/** Rewrite the stream's id, and save the conversation once the stream finished cleanly. */
async function* saveWhenComplete(
  events: AsyncIterable<ChatEvent>,
  fresh: boolean,
  saveResponse: (response: ChatResponse) => Promise<void>,
): AsyncGenerator<ChatEvent> {
  const seen: ChatEvent[] = [];
  let failed = false;
  for await (const original of events) {
    let ev = original;
    if (ev.type === 'start') ev = { ...ev, id: responseIdFor(ev.id, fresh) };
    if (ev.type === 'error') failed = true;
    if (!failed) {
      seen.push(ev);
      if (ev.type === 'finish') {
        try {
          const response = await collectStream(
            (async function* () {
              yield* seen;
            })(),
          );
          if (isComplete(response)) await saveResponse(response);
        } catch {
          // Nothing to continue from.
        }
      }
    }
    yield ev;
  }
}
