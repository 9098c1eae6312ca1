import { InvalidRequestError } from './errors.js';

/**
 * `data:` URLs, the one way every dialect and adapter reads and writes them (RFC 2397: a media type
 * with optional `;param=value`s, then `;base64,` and the payload). Only base64 payloads carry over
 * to the canonical model; a `data:` URL in any other form is a caller error, never forwarded as a
 * "URL" that no upstream could fetch.
 */
const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*);base64,(.*)$/s;

export interface DataUrlParts {
  mediaType: string;
  data: string;
}

/** `data:<media type>;base64,<data>` split into its parts; undefined for anything else. */
export function parseDataUrl(url: string): DataUrlParts | undefined {
  const match = DATA_URL.exec(url);
  if (!match) return undefined;
  return { mediaType: match[1] || 'application/octet-stream', data: match[3] ?? '' };
}

/** Whether `url` uses the `data:` scheme at all (base64 or not). */
export function isDataUrl(url: string): boolean {
  return /^data:/i.test(url);
}

/**
 * A caller's URL field: a base64 data URL → its parts, any other `data:` URL → a 400 at `path`,
 * anything else → undefined (an ordinary URL).
 */
export function readDataUrl(url: string, path: string): DataUrlParts | undefined {
  const parts = parseDataUrl(url);
  if (parts || !isDataUrl(url)) return parts;
  throw new InvalidRequestError(`${path}: a data URL must be base64 (data:<media type>;base64,<data>)`, path);
}

export function toDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}
