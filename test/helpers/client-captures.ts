import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DialectName } from '../../src/core/types.js';

/** Where the captured Claude Code / Codex requests live (../shared beside the repo). */
export const CAPTURES_DIR = join(import.meta.dirname, '../../../shared/fixtures/client-captures');

export interface Capture {
  file: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** The dialect a captured request was sent in, from its URL. */
export function captureDialect(capture: Pick<Capture, 'url'>): DialectName {
  if (capture.url.includes('/v1/messages')) return 'anthropic';
  if (capture.url.includes('/v1/responses')) return 'responses';
  if (/:(stream)?generateContent/i.test(capture.url)) return 'gemini';
  return 'openai-chat';
}

/** Every captured POST request with a JSON body, optionally only those whose file name contains `filter`. */
export function loadCaptures(filter?: string): Capture[] {
  if (!existsSync(CAPTURES_DIR)) return [];
  return readdirSync(CAPTURES_DIR)
    .filter((f) => f.endsWith('.json') && f.includes('POST') && (!filter || f.includes(filter)))
    .map((file) => {
      const raw = JSON.parse(readFileSync(join(CAPTURES_DIR, file), 'utf8'));
      const body = typeof raw.body === 'string' ? JSON.parse(raw.body) : raw.body;
      return { file, method: raw.method, url: raw.url, headers: raw.headers ?? {}, body };
    });
}
