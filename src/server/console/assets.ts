import { packageRootOrNull } from '../../config/profiles.js';
import { nodeBuiltin } from '../../core/node-builtins.js';

/** A built file of the console, ready to send. */
export interface Asset {
  type: string;
  body: Uint8Array;
  gzip?: Uint8Array;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Asset names as the build writes them: no path separators, no dot segments. */
const NAME = /^[\w-]+(\.[\w-]+)*\.(html|js|css|svg|json)$/;

/**
 * Where the built console is: `dist/console/` of the package (from the package itself, or from
 * the source tree under tsx/vitest); undefined where there is no file system.
 */
export function findConsoleDir(): string | undefined {
  const root = packageRootOrNull();
  const path = nodeBuiltin('path');
  return root && path ? path.join(root, 'dist', 'console') : undefined;
}

/**
 * The console's files, read from disk on first request and kept (a few hundred KB), gzipped once
 * when that makes them smaller. Nothing here runs until `/ui` is requested. Node's fs, path and
 * zlib come through getBuiltinModule: the server entry still bundles for runtimes without them
 * (there the console answers that it is not available).
 */
export class ConsoleAssets {
  private readonly cache = new Map<string, Promise<Asset | undefined>>();

  constructor(readonly dir: string) {}

  get(name: string): Promise<Asset | undefined> {
    if (!NAME.test(name)) return Promise.resolve(undefined);
    let hit = this.cache.get(name);
    if (!hit) {
      hit = this.load(name);
      this.cache.set(name, hit);
    }
    return hit;
  }

  private async load(name: string): Promise<Asset | undefined> {
    const fs = nodeBuiltin('fs');
    const path = nodeBuiltin('path');
    const zlib = nodeBuiltin('zlib');
    let body: Uint8Array;
    try {
      if (!fs || !path) throw new Error('no file system');
      body = await fs.promises.readFile(path.join(this.dir, name));
    } catch {
      this.cache.delete(name);
      return undefined;
    }
    const type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
    const gz = zlib && body.length > 1024 ? zlib.gzipSync(body, { level: 9 }) : undefined;
    return { type, body, ...(gz && gz.length < body.length ? { gzip: gz } : {}) };
  }
}
