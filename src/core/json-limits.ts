/**
 * Limits on the shape of a JSON text, checked on the text before `JSON.parse` builds anything: a
 * hostile body is refused for the price of one pass over its bytes, not after it became a 10,000
 * level tree or a 256k element array (whose validation alone took 1.5 s and 200 MB of heap).
 */
export interface JsonLimits {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
  /** Most elements of one array, or members of one object. */
  maxItems: number;
}

/** What a text breaks: `depth` or `items`, with the JSON path of the container at fault where it is cheap to say. */
export interface JsonLimitBreach {
  limit: 'depth' | 'items';
  /** The value of the breached limit. */
  max: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const COMMA = 44;

/**
 * The first limit `text` breaks, or undefined. Strings are skipped with `indexOf` (native, so a
 * 1 MB string costs microseconds); only the bytes between strings are looked at one by one. A text
 * that is not JSON at all is left for `JSON.parse` to describe.
 */
export function checkJsonLimits(text: string, limits: JsonLimits): JsonLimitBreach | undefined {
  const { maxDepth, maxItems } = limits;
  // Separators seen in each open container, by depth (members = separators + 1).
  const separators = new Int32Array(maxDepth + 2);
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && escaped(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return undefined;
      i = end;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) return { limit: 'depth', max: maxDepth };
      separators[depth] = 0;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      if (depth > 0) depth--;
    } else if (c === COMMA && depth > 0) {
      if (++(separators[depth] as number) >= maxItems) return { limit: 'items', max: maxItems };
    }
  }
  return undefined;
}

/** Whether the quote at `at` is escaped: an odd run of backslashes before it. */
function escaped(text: string, at: number): boolean {
  let run = 0;
  for (let j = at - 1; j >= 0 && text.charCodeAt(j) === BACKSLASH; j--) run++;
  return run % 2 === 1;
}

/**
 * The same limits on an already parsed value (for small texts, where the walk of the objects is
 * cheaper than the scan of the text). The root container is level 1.
 */
export function checkParsedLimits(value: unknown, limits: JsonLimits, depth = 1): JsonLimitBreach | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > limits.maxDepth) return { limit: 'depth', max: limits.maxDepth };
  if (Array.isArray(value)) {
    if (value.length > limits.maxItems) return { limit: 'items', max: limits.maxItems };
    for (const item of value)
      if (item !== null && typeof item === 'object') {
        const breach = checkParsedLimits(item, limits, depth + 1);
        if (breach) return breach;
      }
    return undefined;
  }
  let members = 0;
  for (const key in value) {
    if (++members > limits.maxItems) return { limit: 'items', max: limits.maxItems };
    const member = (value as Record<string, unknown>)[key];
    if (member !== null && typeof member === 'object') {
      const breach = checkParsedLimits(member, limits, depth + 1);
      if (breach) return breach;
    }
  }
  return undefined;
}
