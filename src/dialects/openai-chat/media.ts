import { toDataUrl } from '../../core/data-url.js';
import type { DocumentPart, ImagePart, MediaSource } from '../../core/types.js';

/** Chat `image_url` part for a canonical image (CNT-6/7). */
export function encodeImage(part: ImagePart): Record<string, unknown> {
  const s = part.source;
  if (s.kind === 'file') return { type: 'file', file: { file_id: s.fileId } };
  if (s.kind === 'text') return { type: 'text', text: s.text };
  const url = s.kind === 'url' ? s.url : toDataUrl(s.mediaType || 'image/jpeg', s.data);
  return { type: 'image_url', image_url: { url, ...(part.detail ? { detail: part.detail } : {}) } };
}

/**
 * Chat part for a canonical document (CNT-8): base64 → a `file` part with a data URL; plain text →
 * a text part; an uploaded file → `file_id`. Chat `file` parts cannot point at a URL, so a URL
 * document becomes a text reference to it.
 */
export function encodeDocument(part: DocumentPart): Record<string, unknown> {
  const s: MediaSource = part.source;
  const title = part.title ?? part.filename;
  switch (s.kind) {
    case 'base64':
      return {
        type: 'file',
        file: { filename: part.filename ?? part.title ?? defaultFilename(s.mediaType), file_data: toDataUrl(s.mediaType, s.data) },
      };
    case 'text':
      return { type: 'text', text: title ? `${title}\n\n${s.text}` : s.text };
    case 'file':
      return { type: 'file', file: { file_id: s.fileId, ...(part.filename ? { filename: part.filename } : {}) } };
    case 'url':
      return { type: 'text', text: title ? `Document "${title}": ${s.url}` : `Document: ${s.url}` };
  }
}

function defaultFilename(mediaType: string): string {
  if (mediaType === 'application/pdf') return 'document.pdf';
  if (mediaType.startsWith('text/')) return 'document.txt';
  return 'document';
}
