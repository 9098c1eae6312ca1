import type { z } from 'zod';
import { allowedKeysAt } from './schema-walk.js';

/**
 * Zod issues as lines a person can act on: `path: what was expected, got <value>`, and for a
 * misspelt key `unknown key "prot" in gateway (did you mean "port"?)`.
 */

type Issue = z.core.$ZodIssue & { input?: unknown };

/** `gateway.auth.keys.0.key`; keys with dots or spaces are quoted: `models["gpt-4.1"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    const k = String(key);
    if (/[.\s"[\]]/.test(k)) out += `[${JSON.stringify(k)}]`;
    else out += out === '' ? k : `.${k}`;
  }
  return out;
}

const SECRET_KEYS = new Set(['api_key', 'key', 'apiKey']);

/** A value as shown after "got": JSON, shortened; secrets only by length. */
export function formatValue(value: unknown, path: readonly PropertyKey[] = []): string {
  if (value === undefined) return 'nothing';
  const last = path.length ? String(path[path.length - 1]) : '';
  if (SECRET_KEYS.has(last))
    return typeof value === 'string' ? `a secret string of ${value.length} characters` : `a ${typeof value} (value hidden)`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transposition: "prot" → "port" is 1). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const toSnake = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase();

/** The allowed key closest to `key`, if it is close enough to be a plausible typo. */
export function suggestKey(key: string, allowed: readonly string[]): string | undefined {
  const snake = toSnake(key);
  if (snake !== key && allowed.includes(snake)) return snake;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of allowed) {
    const distance = editDistance(snake, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

function expectedText(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'expected an integer';
      if (issue.expected === 'array') return 'expected a list';
      if (issue.expected === 'object' || issue.expected === 'record') return 'expected a mapping';
      return `expected a ${issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'too_small': {
      if (issue.origin === 'string') return 'expected a non-empty string';
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item(s)`;
      const op = issue.inclusive ? '>=' : '>';
      return `expected a number ${op} ${issue.minimum}`;
    }
    case 'too_big': {
      const op = issue.inclusive ? '<=' : '<';
      return `expected a number ${op} ${issue.maximum}`;
    }
    case 'invalid_format':
      return issue.message.startsWith('expected') ? issue.message : `expected ${issue.format}`;
    default:
      return issue.message;
  }
}

/** Renders a schema path the way the caller wrote it (camelCase for constructor options). */
export type Speller = (path: readonly PropertyKey[]) => PropertyKey[];

const asWritten: Speller = (path) => [...path];

/** `request_timeout` → `requestTimeout`, for suggestions to a caller who writes camelCase. */
const toCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** One issue as one or more lines (an unknown-keys issue gives a line per key). */
export function formatIssue(root: z.ZodType, issue: Issue, prefix: PropertyKey[] = [], spell: Speller = asWritten): string[] {
  const path = [...prefix, ...issue.path];
  const where = formatPath(spell(path));
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(root, path);
    return issue.keys.map((key) => {
      const written = String(spell([...path, key]).at(-1));
      const camel = written !== key;
      const suggestion = suggestKey(key, allowed);
      const shown = (k: string) => (camel ? toCamel(k) : k);
      const place = where === '' ? 'at the top level' : `in ${where}`;
      const hint = suggestion
        ? ` (did you mean "${shown(suggestion)}"?)`
        : allowed.length
          ? ` (allowed: ${allowed.map(shown).join(', ')})`
          : '';
      return `unknown key "${written}" ${place}${hint}`;
    });
  }
  if (issue.code === 'invalid_union') {
    // Report the branch whose shape matched (its failures are the specific ones), if any.
    const branch = issue.errors.find((errors) => errors.every((e) => !(e.code === 'invalid_type' && e.path.length === 0)));
    if (branch?.length) return branch.flatMap((e) => formatIssue(root, e as Issue, path, spell));
  }
  const head = where === '' ? '' : `${where}: `;
  if (issue.code === 'invalid_type' && issue.input === undefined) return [`${head}is required (${expectedText(issue)})`];
  const expected = expectedText(issue);
  if (!expected.startsWith('expected') || !('input' in issue)) return [`${head}${expected}`];
  return [`${head}${expected}, got ${formatValue(issue.input, path)}`];
}

/** Every issue of a failed parse, one per line, paths spelt as the caller wrote them. */
export function formatIssues(root: z.ZodType, error: z.ZodError, spell: Speller = asWritten): string[] {
  return error.issues.flatMap((issue) => formatIssue(root, issue as Issue, [], spell));
}

/** A speller from the spellings `snakeCaseKeys` recorded: each renamed key back to the caller's form. */
export function spellerFrom(spellings: ReadonlyMap<string, string>, key: (path: readonly PropertyKey[]) => string): Speller {
  if (spellings.size === 0) return asWritten;
  return (path) => path.map((k, i) => spellings.get(key(path.slice(0, i + 1))) ?? k);
}
