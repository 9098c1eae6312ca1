import { parseDataUrl, readDataUrl } from '../../core/data-url.js';
import type { DocumentPart, ImagePart, MediaSource } from '../../core/types.js';

/** A Gemini media part (text documents become a text part). */
export type GeminiMediaPart =
  | { inlineData: { mimeType: string; data: string } }
  | { fileData: { mimeType?: string; fileUri: string } }
  | { text: string };

const EXTENSION_MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  csv: 'text/csv',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  mp4: 'video/mp4',
};

/** MIME type from a URL's file extension, when it has a known one. */
export function mimeFromUrl(url: string): string | undefined {
  const path = url.split(/[?#]/)[0] ?? '';
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext ? EXTENSION_MIME[ext] : undefined;
}

/**
 * Canonical image/document → Gemini part: base64 (and `data:` URLs) → `inlineData`; URLs and
 * file ids → `fileData` (Gemini fetches `fileUri` itself; `mimeType` is set when it can be
 * guessed); text documents → a text part. Anthropic's `cacheControl` and OpenAI's `detail` have
 * no Gemini counterpart and are dropped.
 */
export function mediaToGemini(part: ImagePart | DocumentPart): GeminiMediaPart | undefined {
  return sourceToGemini(part.source, part.type === 'document' ? 'application/pdf' : undefined);
}

function sourceToGemini(source: MediaSource, fallbackMime: string | undefined): GeminiMediaPart | undefined {
  switch (source.kind) {
    case 'base64':
      return { inlineData: { mimeType: source.mediaType, data: source.data } };
    case 'url': {
      const data = parseDataUrl(source.url);
      if (data) return { inlineData: { mimeType: data.mediaType, data: data.data } };
      const mimeType = mimeFromUrl(source.url) ?? fallbackMime;
      return { fileData: { ...(mimeType ? { mimeType } : {}), fileUri: source.url } };
    }
    case 'file':
      return { fileData: { fileUri: source.fileId } };
    case 'text':
      return source.text ? { text: source.text } : undefined;
  }
}

/**
 * Gemini inlineData / fileData → a canonical image or document part. A `data:` URL given as a
 * `fileUri` is read like a data URL in any other dialect (`path` names it when it is not base64).
 */
export function mediaFromGemini(
  part: {
    inlineData?: { mimeType: string; data: string };
    fileData?: { mimeType?: string; fileUri: string };
  },
  path?: string,
): ImagePart | DocumentPart | undefined {
  if (part.inlineData) {
    const { mimeType, data } = part.inlineData;
    const source: MediaSource = { kind: 'base64', mediaType: mimeType, data };
    return mimeType.startsWith('image/') ? { type: 'image', source } : { type: 'document', source };
  }
  if (part.fileData) {
    const { mimeType, fileUri } = part.fileData;
    const data = readDataUrl(fileUri, path ? `${path}.fileData.fileUri` : 'fileData.fileUri');
    if (data) {
      const source: MediaSource = { kind: 'base64', mediaType: mimeType ?? data.mediaType, data: data.data };
      return source.mediaType.startsWith('image/') ? { type: 'image', source } : { type: 'document', source };
    }
    const isGeminiFile = /^https:\/\/generativelanguage\.googleapis\.com\/.*\/files\//.test(fileUri) || fileUri.startsWith('gs://');
    const source: MediaSource = isGeminiFile ? { kind: 'file', fileId: fileUri } : { kind: 'url', url: fileUri };
    const mime = mimeType ?? mimeFromUrl(fileUri);
    return mime?.startsWith('image/') ? { type: 'image', source } : { type: 'document', source };
  }
  return undefined;
}
