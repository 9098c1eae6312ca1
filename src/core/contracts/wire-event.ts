/** One outgoing stream event in a dialect: `data` is a JSON-able object, or the string `[DONE]`. */
export interface WireEvent {
  event?: string;
  data: unknown;
  /**
   * `data` as JSON text, when the encoder made it from a template (the common text-delta frames,
   * asked for with `EncodeResponseOptions.serialized`): what an SSE writer sends instead of
   * serialising `data` again. Always equal to `JSON.stringify(data)`.
   */
  json?: string;
}
