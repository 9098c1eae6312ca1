import { InvalidRequestError } from '../core/errors.js';
import type { Middleware, WireEvent } from '../core/contracts/index.js';
import type { ChatRequest } from '../core/types.js';
import { responsesCodec } from '../dialects/responses/index.js';
import type { ItemStore, StoredItem } from '../sessions/items.js';

export interface ItemReferencesOptions {
  /** Where answers' items are kept; undefined when remembering them is off (every id is unknown). */
  store?: ItemStore;
  /** Whether the model's first target speaks the Responses API itself (and keeps its own items). */
  upstreamSpeaksResponses: (model: string) => boolean;
}

type Reference = { at: number; id: string };

/**
 * Responses `{"type":"item_reference","id":…}` inputs, which clients send for earlier output when
 * `store` is on (the AI SDK's `openai.responses()` by default). An id the gateway minted (its
 * item is in the store) is replaced by the item itself, as if the client had sent it, and the
 * request decoded again. An id it does not know goes on unchanged when the upstream speaks the
 * Responses API (it minted the id and resolves it); otherwise the call is refused with a 400 that
 * says what to do instead. Runs first, before the guardrails, so they scan the resolved items like
 * any other input.
 */
export function itemReferencesMiddleware(options: ItemReferencesOptions): Middleware {
  const resolve: Middleware = async (ctx, next) => {
    if (ctx.dialect !== 'responses' || !ctx.rawBody) return next();
    const refs = references(ctx.rawBody);
    if (refs.length === 0) return next();
    const found = options.store ? await options.store.getItems(refs.map((r) => r.id), ctx.identity?.tenant) : new Map<string, StoredItem>();
    const missing = refs.find((r) => !found.has(r.id));
    if (missing && !options.upstreamSpeaksResponses(ctx.request.model)) {
      const param = `input.${missing.at}.id`;
      throw new InvalidRequestError(
        `${param}: no stored item with id '${missing.id}' (it was not returned by this gateway, it expired, or its response had store: false${options.store ? '' : '; remembering items is off'}). Send the items themselves instead of item references, or set store: false so your client does (AI SDK: providerOptions.openai.store = false)`,
        param,
      );
    }
    if (found.size > 0) {
      const input = (ctx.rawBody.input as unknown[]).map((item) => {
        const id = isReference(item) ? item.id : undefined;
        return (id !== undefined && found.get(id)) || item;
      });
      const body = { ...ctx.rawBody, input };
      ctx.request = responsesCodec.decodeRequest(body);
      ctx.rawBody = body;
    }
    return next();
  };
  // It reads the request only; remembering answers' items happens after encoding (see below).
  return Object.assign(resolve, { ignoresStreamContent: true });
}

function isReference(item: unknown): item is { type: 'item_reference'; id: string } {
  return !!item && typeof item === 'object' && (item as { type?: unknown }).type === 'item_reference' && typeof (item as { id?: unknown }).id === 'string';
}

function references(body: Record<string, unknown>): Reference[] {
  if (!Array.isArray(body.input)) return [];
  const refs: Reference[] = [];
  body.input.forEach((item, at) => {
    if (isReference(item)) refs.push({ at, id: item.id });
  });
  return refs;
}

/** Whether the request lets its answer be kept (`store` is on unless the caller turned it off). */
const storable = (request: ChatRequest) => request.extensions?.responses?.store !== false;

/** The output items of a Responses answer worth remembering (each with its id), and its id. */
function itemsOf(response: unknown): { id: string; items: StoredItem[] } | undefined {
  if (!response || typeof response !== 'object') return undefined;
  const r = response as { id?: unknown; status?: unknown; output?: unknown };
  if (typeof r.id !== 'string' || r.status === 'failed' || !Array.isArray(r.output)) return undefined;
  const items = r.output.filter((i): i is StoredItem => !!i && typeof i === 'object' && typeof i.id === 'string' && typeof i.type === 'string');
  return { id: r.id, items };
}

/**
 * Remember the items of a Responses answer the gateway encoded itself (not one passed through: its
 * upstream keeps those). Awaited before the caller gets the answer, since the next request may name
 * them; a store that fails only loses the memory, never the answer.
 */
export async function rememberAnswerItems(store: ItemStore, request: ChatRequest, body: unknown, tenant?: string): Promise<void> {
  const found = storable(request) ? itemsOf(body) : undefined;
  if (found) await store.putItems(found.id, found.items, tenant).catch(() => {});
}

/** A Responses stream, remembering its items when `response.completed` (or `.incomplete`) passes, before the caller sees it. */
export async function* rememberStreamItems(store: ItemStore, request: ChatRequest, events: AsyncIterable<WireEvent>, tenant?: string): AsyncGenerator<WireEvent> {
  const keep = storable(request);
  for await (const ev of events) {
    if (keep && (ev.event === 'response.completed' || ev.event === 'response.incomplete')) {
      const data = typeof ev.data === 'string' ? JSON.parse(ev.data) : ev.data;
      await rememberAnswerItems(store, request, (data as { response?: unknown }).response, tenant);
    }
    yield ev;
  }
}
