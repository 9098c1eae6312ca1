/**
 * Headers a caller may never have forwarded to an upstream: credentials (the gateway's own are set
 * from config), the target host and anything proxies route or authenticate by. Without this, an
 * in-process `headers: { host, authorization }` could pick another virtual host behind a shared
 * front end or swap the credential.
 */
const NEVER_FORWARD = new Set([
  'host',
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-goog-api-key',
  'api-key',
  'cookie',
  'forwarded',
  'via',
  'connection',
  'content-length',
  'transfer-encoding',
  'te',
  'upgrade',
  'keep-alive',
  'expect',
]);

/** Prefixes of the same kind: `x-forwarded-host`, `x-portkey-custom-host`, `x-real-ip`, … */
const NEVER_FORWARD_PREFIX = /^(x-forwarded-|x-real-|x-original-|x-portkey-|x-litellm-|x-amz-|x-ms-|proxy-|sec-|:)/;

/** The caller's extra headers that may go upstream (names lower-cased), or undefined when none. */
export function forwardableHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase().trim();
    if (typeof value !== 'string' || NEVER_FORWARD.has(key) || NEVER_FORWARD_PREFIX.test(key) || /[\r\n]/.test(value)) continue;
    out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}
