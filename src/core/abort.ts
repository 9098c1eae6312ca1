const noop = () => {};

/**
 * A controller whose signal also aborts when `parent` does. Instead of `AbortSignal.any`, which
 * costs ≈28 µs a call on Node 20 (one per streamed try adds up), linking costs one listener on the
 * parent; `release()` removes it once the work is over, so a long-lived parent (an app-wide
 * shutdown signal) does not collect listeners.
 */
export function linkedController(parent?: AbortSignal): { controller: AbortController; release: () => void } {
  const controller = new AbortController();
  if (!parent) return { controller, release: noop };
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { controller, release: noop };
  }
  const onAbort = () => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return { controller, release: () => parent.removeEventListener('abort', onAbort) };
}
