import type { LookupAddress, LookupOptions } from 'node:dns';
import { nodeBuiltin } from '../../core/node-builtins.js';
import { linkLocalOrMetadata } from '../../config/network.js';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type Lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * A DNS lookup for upstream connections that refuses link-local and cloud-metadata addresses. The
 * config check sees only the configured hostname; this closes DNS rebinding (a name that resolves
 * to 169.254.169.254 at connect time). Providers with `allow_link_local` skip it.
 */
export function guardedLookup(base?: Lookup): Lookup {
  // Node's resolver, taken when first needed: only the undici transport (Node) uses this.
  const resolve = base ?? (nodeBuiltin('dns')?.lookup as unknown as Lookup);
  return (hostname, options, callback) => {
    resolve(hostname, options, (err, address, family) => {
      if (err) return callback(err, address, family);
      const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
      for (const a of addresses) {
        const why = linkLocalOrMetadata(a);
        if (why) {
          const refused: NodeJS.ErrnoException = new Error(
            `refused to connect: ${hostname} resolved to ${a}, ${why} (set allow_link_local on the provider to allow it)`,
          );
          refused.code = 'ELINKLOCAL';
          return callback(refused, address, family);
        }
      }
      callback(null, address, family);
    });
  };
}
