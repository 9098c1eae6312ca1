import { ConnectionError, TimeoutError } from '../../core/errors.js';

/** A transport failure as a retryable TokligenceError (an abort by the caller stays an abort). */
export function transportError(err: unknown, provider: string, timedOut: boolean, timeoutMs: number): Error {
  const code = (err as { code?: string } | undefined)?.code;
  if (timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return new TimeoutError(`${provider}: no answer within ${timeoutMs / 1000}s`, { provider, cause: err });
  if (err instanceof Error && (err.name === 'AbortError' || code === 'UND_ERR_ABORTED')) {
    const abort = new Error('Request was aborted');
    abort.name = 'AbortError';
    return abort;
  }
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  const message = err instanceof Error ? err.message : String(err);
  return new ConnectionError(`${provider}: could not reach the upstream (${message}${cause})`, { provider, cause: err });
}
