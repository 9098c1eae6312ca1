import { mapAsync } from '../core/async.js';
import { redactErrorSecrets, redactSecrets } from '../core/redact.js';
import { asBuffer, mayHoldError } from '../core/sse.js';
import type { ChatEvent, ChatRequest, DialectName } from '../core/types.js';
import type { ChatResult, Provider, ProviderCallOptions, ProviderType } from '../core/contracts/index.js';

/**
 * A provider whose failures cannot carry its credentials: every error it throws, every stream
 * `error` event and every raw SSE frame passed through to the caller has the provider's key (and
 * its configured header values) replaced. Upstreams do echo them ("Incorrect API key provided:
 * sk-…", a proxy answering with the request's headers); from here errors go to callers, retries,
 * the decision log and the server's logs, so this is where they are cleaned.
 */
export class SecretGuardedProvider implements Provider {
  readonly name: string;
  readonly type: ProviderType;
  readonly dialects: readonly DialectName[];
  readonly countTokens?: (request: ChatRequest, options: ProviderCallOptions) => Promise<number>;

  constructor(
    private readonly inner: Provider,
    private readonly secrets: readonly string[],
  ) {
    this.name = inner.name;
    this.type = inner.type;
    this.dialects = inner.dialects;
    const count = inner.countTokens?.bind(inner);
    if (count) this.countTokens = (request, options) => count(request, options).catch((err: unknown) => Promise.reject(redactErrorSecrets(err, secrets)));
  }

  models(): string[] {
    return this.inner.models();
  }

  async chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResult> {
    let result: ChatResult;
    try {
      result = await this.inner.chat(request, options);
    } catch (err) {
      throw redactErrorSecrets(err, this.secrets);
    }
    if (result.type === 'response') return result;
    const events = cleanEvents(result.events, this.secrets);
    if (!result.raw) return { type: 'stream', events };
    return { type: 'stream', events, raw: { dialect: result.raw.dialect, bytes: cleanBytes(result.raw.bytes, this.secrets) } };
  }
}

function cleanEvents(events: AsyncIterable<ChatEvent>, secrets: readonly string[]): AsyncIterable<ChatEvent> {
  return mapAsync(events, (ev) => (ev.type === 'error' ? { ...ev, error: redactErrorSecrets(ev.error, secrets) } : ev), {
    onError: (err) => redactErrorSecrets(err, secrets),
  });
}

function cleanBytes(bytes: AsyncIterable<Uint8Array>, secrets: readonly string[]): AsyncIterable<Uint8Array> {
  // Content is the model's; only chunks that may report a failure are rewritten. Chunks hold whole
  // events (wholeEvents), so a secret is never split across two of them.
  return mapAsync(
    bytes,
    (chunk) => (mayHoldError(chunk) ? Buffer.from(redactSecrets(asBuffer(chunk).toString('utf8'), secrets)) : chunk),
    { onError: (err) => redactErrorSecrets(err, secrets) },
  );
}
