/** What a provider asks its transport to send. */
export interface TransportRequest {
  body: Record<string, unknown>;
  stream: boolean;
  model: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** A path below the base URL other than the provider's call path (e.g. `/v1/messages/count_tokens`). */
  path?: string;
}

/** The raw HTTP answer, as little of it as the codecs need (no web-stream machinery). */
export interface UpstreamResponse {
  status: number;
  headers: { get(name: string): string | null };
  /** The body bytes; read once, by iterating or by `text()`. */
  body: AsyncIterable<Uint8Array>;
  text(): Promise<string>;
}

/**
 * Sends an encoded body and returns the raw HTTP answer. A non-2xx answer is returned, not thrown,
 * so the provider's codec reads it; only transport failures (connect, abort, timeout) throw.
 */
export interface Transport {
  send(request: TransportRequest): Promise<UpstreamResponse>;
}

/** Where and how an HTTP transport (undici or fetch) reaches its upstream. */
export interface HttpTransportOptions {
  /** Base URL of the upstream API (`https://api.openai.com/v1`); `path` is appended to it. */
  baseUrl: string;
  /** Path below the base URL for a request (Gemini puts model and stream mode in it). */
  path: (request: TransportRequest) => string;
  headers: Record<string, string>;
  timeoutMs: number;
  provider: string;
  /** Keep-alive connections to the upstream (default 128). */
  connections?: number;
  /** Allow connecting to link-local / cloud-metadata addresses (provider `allow_link_local`). */
  allowLinkLocal?: boolean;
}
