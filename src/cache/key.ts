import { sha256Hex } from '../core/crypto.js';
import type { ChatRequest, Extensions } from '../core/types.js';

/**
 * Dialect extension fields that never change the answer (storage, billing, tracing, stream
 * framing), so they stay out of the key.
 */
const IGNORED_EXTENSIONS = new Set(['store', 'metadata', 'user', 'stream_options', 'prompt_cache_key', 'safety_identifier', 'service_tier']);

/** Bumped whenever the key's contents change, so old entries are simply never found again. */
const KEY_VERSION = 2;

/**
 * The cache key of a request: hex SHA-256 over the fields that decide its answer, in a fixed order:
 * model, system, messages, tools, tool choice, sampling parameters, response format, reasoning and
 * the dialect extensions (minus the few above), plus the tenant. Left out on purpose: `stream` and
 * `includeUsage` (a cached answer replays either way), `metadata` (user, tags, session ids) and
 * request ids.
 *
 * Key order: every part whose keys come from the caller (tool schemas and raw tools, tool-call
 * arguments, the response-format schema, reasoning, extensions) is walked in sorted key order; the
 * rest is built by the dialect decoders in a fixed order and walked as it is. So the key ignores
 * the order of keys in what the caller sent.
 *
 * Why a walk of our own instead of `JSON.stringify` + hash: on Node 20 stringifying a 20 KB request
 * alone costs about 35 µs, more than the whole cache-hit budget (bench/cache.ts); the walk needs no
 * escaping pass and no sorted copies, only string concatenation and one hash update.
 */
export function cacheKey(request: ChatRequest, tenant?: string): string {
  const w = new KeyWriter();
  w.field('v', KEY_VERSION);
  w.field('tenant', tenant);
  w.field('model', request.model);
  w.field('system', request.system);
  w.field('messages', request.messages);
  w.field('tools', request.tools, true);
  w.field('toolChoice', request.toolChoice);
  w.field('parallelToolCalls', request.parallelToolCalls);
  w.field('maxTokens', request.maxTokens);
  w.field('temperature', request.temperature);
  w.field('topP', request.topP);
  w.field('topK', request.topK);
  w.field('stop', request.stop);
  w.field('seed', request.seed);
  w.field('presencePenalty', request.presencePenalty);
  w.field('frequencyPenalty', request.frequencyPenalty);
  w.field('responseFormat', request.responseFormat, true);
  w.field('reasoning', request.reasoning, true);
  w.field('extensions', keyedExtensions(request.extensions), true);
  return w.digest();
}

function keyedExtensions(extensions: Extensions | undefined): unknown {
  if (!extensions) return undefined;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [dialect, fields] of Object.entries(extensions)) {
    if (!fields) continue;
    const kept: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) if (!IGNORED_EXTENSIONS.has(name)) kept[name] = value;
    out[dialect] = kept;
  }
  return out;
}

/**
 * Serialises JSON values in an unambiguous form for hashing: every string carries its length
 * (`s<len>:<text>`), so no escaping is needed and `["ab","c"]` never meets `["a","bc"]`; objects
 * are `{` key value … `}` with `undefined` members left out as in JSON.stringify. Everything is
 * gathered in one string (V8 concatenates without copying) and hashed with a single `update`:
 * per-piece updates cost more in call overhead than the copy they save. (A lone surrogate hashes as
 * U+FFFD would; no real request depends on that difference.)
 */
class KeyWriter {
  private buffer = '';

  field(name: string, value: unknown, sorted = false): void {
    if (value === undefined) return;
    this.string(name);
    this.value(value, sorted);
  }

  digest(): string {
    return sha256Hex(this.buffer);
  }

  private string(text: string): void {
    this.buffer += `s${text.length}:${text}`;
  }

  /** `sorted`: walk object keys in sorted order (caller-keyed data) rather than as built. */
  private value(value: unknown, sorted: boolean): void {
    switch (typeof value) {
      case 'string':
        this.string(value);
        return;
      case 'number':
        this.buffer += Number.isFinite(value) ? `n${value};` : 'z';
        return;
      case 'boolean':
        this.buffer += value ? 't' : 'f';
        return;
      case 'bigint':
        this.buffer += `n${value};`;
        return;
      case 'object':
        if (value === null) this.buffer += 'z';
        else if (Array.isArray(value)) this.array(value, sorted);
        else this.object(value as Record<string, unknown>, sorted);
        return;
      default:
        // undefined, functions, symbols: `null` inside arrays, as in JSON.stringify.
        this.buffer += 'z';
    }
  }

  private array(items: unknown[], sorted: boolean): void {
    this.buffer += '[';
    for (const item of items) this.value(item, sorted);
    this.buffer += ']';
  }

  private object(record: Record<string, unknown>, sorted: boolean): void {
    if (!sorted && record.type === 'text' && isPlainText(record)) {
      // The most common part by far, written in one piece: the same bytes as the walk below.
      this.buffer += `${TEXT_PART}${(record.text as string).length}:${record.text as string}}`;
      return;
    }
    this.buffer += '{';
    if (sorted) {
      for (const key of Object.keys(record).sort()) this.member(key, record[key], true);
    } else {
      // Tool-call arguments are the caller's JSON inside decoder-built messages.
      const callerKeyed = record.type === 'tool_call';
      for (const key in record) this.member(key, record[key], callerKeyed && key === 'arguments');
    }
    this.buffer += '}';
  }

  private member(key: string, value: unknown, sorted: boolean): void {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return;
    this.buffer += encodedKey(key);
    this.value(value, sorted);
  }
}

/** `{type:'text', text}` as the walk writes it, up to the text's length. */
const TEXT_PART = '{s4:types4:texts4:texts';

/** A text part with nothing but `type` then `text` (a string), in that order. */
function isPlainText(record: Record<string, unknown>): boolean {
  if (typeof record.text !== 'string') return false;
  let i = 0;
  for (const key in record) {
    if (i === 0 ? key !== 'type' : i === 1 ? key !== 'text' : record[key] !== undefined) return false;
    i++;
  }
  return i >= 2;
}

/** Object keys repeat on every call (`type`, `text`, `role`…): their encoded form is kept. */
const KEYS = new Map<string, string>();

function encodedKey(key: string): string {
  let encoded = KEYS.get(key);
  if (encoded === undefined) {
    encoded = `s${key.length}:${key}`;
    // Bounded: tool schemas bring caller-chosen keys.
    if (KEYS.size < 4096) KEYS.set(key, encoded);
  }
  return encoded;
}
