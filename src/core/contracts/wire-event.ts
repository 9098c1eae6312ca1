/** One outgoing stream event in a dialect: `data` is a JSON-able object, or the string `[DONE]`. */
export interface WireEvent {
  event?: string;
  data: unknown;
}
