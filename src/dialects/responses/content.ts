import { readDataUrl, toDataUrl } from '../../core/data-url.js';
import type { DocumentPart, ImagePart, MediaSource, TextPart, ToolResultContent } from '../../core/types.js';
import type { InputFile, InputImage, MessagePart, ToolOutputPart } from './wire.js';

function imageSource(part: InputImage, path: string): MediaSource | undefined {
  if (part.image_url) {
    const data = readDataUrl(part.image_url, `${path}.image_url`);
    return data ? { kind: 'base64', ...data } : { kind: 'url', url: part.image_url };
  }
  if (part.file_id) return { kind: 'file', fileId: part.file_id };
  return undefined;
}

function mediaTypeFromName(filename: string | null | undefined): string {
  const ext = filename?.split('.').pop()?.toLowerCase();
  if (ext === 'txt') return 'text/plain';
  if (ext === 'md') return 'text/markdown';
  if (ext === 'csv') return 'text/csv';
  if (ext === 'json') return 'application/json';
  return 'application/pdf';
}

function fileSource(part: InputFile, path: string): MediaSource | undefined {
  if (part.file_data) {
    const data = readDataUrl(part.file_data, `${path}.file_data`);
    // A bare base64 string is allowed by the API; guess the media type from the file name.
    return data ? { kind: 'base64', ...data } : { kind: 'base64', mediaType: mediaTypeFromName(part.filename), data: part.file_data };
  }
  if (part.file_url) return { kind: 'url', url: part.file_url };
  if (part.file_id) return { kind: 'file', fileId: part.file_id };
  return undefined;
}

const DETAILS = new Set(['auto', 'low', 'high']);

/** One wire content part → canonical, or undefined when it carries nothing (empty text). */
export function partFromWire(part: MessagePart | ToolOutputPart, path: string): TextPart | ImagePart | DocumentPart | undefined {
  switch (part.type) {
    case 'input_text':
    case 'output_text': {
      if (part.text === '') return undefined;
      const text: TextPart = { type: 'text', text: part.text };
      const annotations = 'annotations' in part ? part.annotations : undefined;
      if (Array.isArray(annotations) && annotations.length > 0) text.citations = annotations;
      return text;
    }
    case 'refusal':
      return part.refusal === '' ? undefined : { type: 'text', text: part.refusal };
    case 'input_image': {
      const source = imageSource(part, path);
      if (!source) return undefined;
      const image: ImagePart = { type: 'image', source };
      if (part.detail && DETAILS.has(part.detail)) image.detail = part.detail as ImagePart['detail'];
      return image;
    }
    case 'input_file': {
      const source = fileSource(part, path);
      if (!source) return undefined;
      const doc: DocumentPart = { type: 'document', source };
      if (part.filename) doc.filename = part.filename;
      return doc;
    }
  }
}

/** A canonical user-side part → an input content part. */
export function inputPartToWire(part: ToolResultContent): Record<string, unknown> {
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  if (part.type === 'image') {
    const s = part.source;
    if (s.kind === 'text') return { type: 'input_text', text: s.text };
    const out: Record<string, unknown> = { type: 'input_image', detail: part.detail ?? 'auto' };
    if (s.kind === 'url') out.image_url = s.url;
    else if (s.kind === 'base64') out.image_url = toDataUrl(s.mediaType, s.data);
    else out.file_id = s.fileId;
    return out;
  }
  const s = part.source;
  if (s.kind === 'text') return { type: 'input_text', text: part.title ? `${part.title}\n\n${s.text}` : s.text };
  const out: Record<string, unknown> = { type: 'input_file' };
  if (s.kind === 'url') out.file_url = s.url;
  else if (s.kind === 'file') out.file_id = s.fileId;
  else {
    out.filename = part.filename ?? part.title ?? defaultFilename(s.mediaType);
    out.file_data = toDataUrl(s.mediaType, s.data);
  }
  if (s.kind !== 'base64' && part.filename) out.filename = part.filename;
  return out;
}

function defaultFilename(mediaType: string): string {
  if (mediaType === 'text/plain') return 'document.txt';
  return 'document.pdf';
}
