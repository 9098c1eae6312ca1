import { createHash, timingSafeEqual } from 'node:crypto';

/** Keys are kept as SHA-256 digests only, compared in constant time. */
export class ApiKeyAuth {
  private readonly digests: Array<{ name: string; digest: Buffer }>;

  constructor(keys: Array<{ name: string; key: string }>) {
    this.digests = keys.filter((k) => k.key).map((k) => ({ name: k.name, digest: sha256(k.key) }));
  }

  /**
   * The key's name when the request carries a configured key: `x-api-key`, `x-goog-api-key`,
   * `Authorization: Bearer`, or (Gemini's REST convention) the `?key=` query parameter.
   */
  check(headers: { get(name: string): string | null }, queryKey?: string): string | undefined {
    const presented = presentedKey(headers, queryKey);
    if (!presented) return undefined;
    const digest = sha256(presented.trim());
    return this.digests.find((d) => timingSafeEqual(d.digest, digest))?.name;
  }
}

/** The key a caller presented, wherever its client puts it. */
export function presentedKey(headers: { get(name: string): string | null }, queryKey?: string): string | undefined {
  const bearer = headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  return headers.get('x-api-key') || headers.get('x-goog-api-key') || bearer || queryKey || undefined;
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
