import { createHash, timingSafeEqual } from 'node:crypto';

/** Keys are kept as SHA-256 digests only, compared in constant time. */
export class ApiKeyAuth {
  private readonly digests: Array<{ name: string; digest: Buffer }>;

  constructor(keys: Array<{ name: string; key: string }>) {
    this.digests = keys.filter((k) => k.key).map((k) => ({ name: k.name, digest: sha256(k.key) }));
  }

  /** The key's name when the headers carry a configured key (`x-api-key` or `Authorization: Bearer`). */
  check(headers: { get(name: string): string | null }): string | undefined {
    const bearer = headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
    const presented = headers.get('x-api-key') ?? bearer;
    if (!presented) return undefined;
    const digest = sha256(presented.trim());
    return this.digests.find((d) => timingSafeEqual(d.digest, digest))?.name;
  }
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
