/** What a redacted secret becomes. */
export const REDACTED = '[REDACTED]';

/** Shorter values are not treated as secrets: replacing `1` or `v1` everywhere would mangle messages. */
const MIN_SECRET_LENGTH = 8;

/** Credentials in the usual header shapes, whoever they belong to (an upstream echoing a request back). */
const CREDENTIAL_SHAPES = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}|\b(x-api-key|x-goog-api-key|api-key|authorization)(["']?\s*[:=]\s*["']?)[^\s"',}]{8,}/gi;

/** The distinct secrets worth looking for, longest first (so a key that contains another is replaced whole). */
export function secretList(values: Iterable<string | undefined | null>): string[] {
  const set = new Set<string>();
  for (const v of values) if (typeof v === 'string' && v.trim().length >= MIN_SECRET_LENGTH) set.add(v.trim());
  return [...set].sort((a, b) => b.length - a.length);
}

/**
 * Replace every known secret, and anything shaped like a credential header, in `text`. Upstreams
 * echo what they were sent ("Incorrect API key provided: sk-…"), and error text goes to callers,
 * logs and the decision log: this is the one place it is cleaned.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  if (/bearer|basic|api-key|authorization/i.test(out)) out = out.replace(CREDENTIAL_SHAPES, (_m, scheme: string | undefined, header: string | undefined, sep: string | undefined) => (scheme ? `${scheme} ${REDACTED}` : `${header}${sep}${REDACTED}`));
  return out;
}

/**
 * The same error with secrets removed from its message, upstream message and stack (the class, kind
 * and status are kept: retries and fallbacks still see what happened). Non-Tokligence errors are
 * cleaned in place too, so a crash's log line is safe.
 */
export function redactErrorSecrets<E>(err: E, secrets: readonly string[], depth = 0): E {
  if (!(err instanceof Error) || depth > 4) return err;
  // message, stack and every string field (providerMessage, providerType — upstreams put codes
  // there — requestId, …): whatever is echoed anywhere gets cleaned.
  const fields = err as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(err)) {
    const value = fields[key];
    if (typeof value !== 'string') continue;
    const clean = redactSecrets(value, secrets);
    if (clean !== value) fields[key] = clean;
  }
  if (err.cause instanceof Error) redactErrorSecrets(err.cause, secrets, depth + 1);
  return err;
}
