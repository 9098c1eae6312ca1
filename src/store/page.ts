import type { ListOptions, Page } from './types.js';

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

/** Page size from the caller's `limit`, within 1..MAX_PAGE. */
export const pageSize = (options?: ListOptions): number => Math.min(MAX_PAGE, Math.max(1, Math.floor(options?.limit ?? DEFAULT_PAGE)));

/** Cursors are opaque to callers: `<createdAt>.<id>` in base64url. */
export function encodeCursor(at: number, id: string): string {
  return Buffer.from(`${at}.${id}`).toString('base64url');
}

/** The position a cursor names; undefined for none, an Error for one that is not ours. */
export function decodeCursor(cursor: string | undefined): { at: number; id: string } | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const dot = text.indexOf('.');
  const at = Number(text.slice(0, dot));
  if (dot <= 0 || !Number.isFinite(at)) throw new RangeError('invalid cursor: pass the `next` value of the previous page');
  return { at, id: text.slice(dot + 1) };
}

/** Cut `sorted` (already filtered past the cursor) into a page. */
export function toPage<T>(sorted: T[], size: number, position: (item: T) => [number, string]): Page<T> {
  const items = sorted.slice(0, size);
  if (sorted.length <= size) return { items };
  const [at, id] = position(items[items.length - 1] as T);
  return { items, next: encodeCursor(at, id) };
}
