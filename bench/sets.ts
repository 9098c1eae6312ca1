/**
 * Loads Tokligence's own evaluation sets (bench/sets, see its README): hard benign prompts,
 * multilingual attacks and PII near-misses, with their language, category, scan target and split.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from './evaldata.js';
import { heldOut } from './security-split.js';

export interface OwnRow {
  text: string;
  lang: string;
  /** The group the row is in (a benign category or an attack technique). */
  category: string;
  /** Where the text would come from: the user's message, or a tool result / retrieved document. */
  target: 'user' | 'tool_results';
  split: 'tune' | 'held-out';
  /** pii-near-miss positive controls: the entities that must be found. */
  expect?: Array<{ type: string; value: string }>;
}

export const setsDir = join(benchDir, 'sets');

/** `\n`, `\t`, `\\` and `\u{…}` escapes. */
export function unescapeRow(s: string): string {
  return s.replace(/\\(n|t|\\|u\{([0-9a-fA-F]+)\})/g, (_, e: string, cp?: string) => (cp ? String.fromCodePoint(Number.parseInt(cp, 16)) : e === 'n' ? '\n' : e === 't' ? '\t' : '\\'));
}

/** The rows of one set file. */
export function parseSet(file: string, lang: string): OwnRow[] {
  const rows: OwnRow[] = [];
  let category = 'uncategorised';
  let target: OwnRow['target'] = 'user';
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trimEnd();
    if (!line.trim() || line.startsWith('//')) continue;
    const head = /^# (\S+)(?:\s+@(\S+))?\s*$/.exec(line);
    if (head) {
      category = head[1];
      target = head[2] === 'tool_results' ? 'tool_results' : 'user';
      continue;
    }
    let body = line;
    let expect: OwnRow['expect'];
    const bar = line.lastIndexOf(' || ');
    if (bar >= 0) {
      body = line.slice(0, bar);
      expect = line
        .slice(bar + 4)
        .split(';')
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => ({ type: p.slice(0, p.indexOf(':')).trim(), value: unescapeRow(p.slice(p.indexOf(':') + 1).trim()) }));
    }
    const text = unescapeRow(body);
    rows.push({ text, lang, category, target, split: heldOut(text) ? 'held-out' : 'tune', ...(expect ? { expect } : {}) });
  }
  return rows;
}

/** Every row of `hard-benign` or `attacks`, all languages. */
export function loadOwnSet(name: 'hard-benign' | 'attacks'): OwnRow[] {
  const dir = join(setsDir, name);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => parseSet(join(dir, f), f.slice(0, -4)));
}

/** The PII near-miss rows (language `mixed`). */
export function loadPiiNearMiss(): OwnRow[] {
  return parseSet(join(setsDir, 'pii-near-miss.txt'), 'mixed');
}
