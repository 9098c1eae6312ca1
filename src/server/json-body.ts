import { InvalidRequestError } from '../core/errors.js';
import { checkJsonLimits, checkParsedLimits, type JsonLimitBreach, type JsonLimits } from '../core/json-limits.js';

/**
 * Deepest nesting of arrays and objects accepted in a body (`gateway.max_json_depth`). Real
 * requests stay under 20 (the deepest client capture is 13); the recursive code after parsing
 * (schema walks, JSON.stringify in token estimates, cache keys) overflows the stack on 10k levels.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * Texts longer than this are checked before parsing (one pass over the text, strings skipped
 * natively); shorter ones after (a walk of the parsed objects, ~3 µs for a 30 KB Claude Code body,
 * where the text scan cost ~100 µs). Either way, nothing bigger than this is built from a body
 * that breaks a limit.
 */
const SCAN_ABOVE = 64 * 1024;

/** A request body as JSON, refused with a 400 naming the limit when it is nested too deep or holds too many items. */
export function parseJsonBody(text: string, limits: JsonLimits): unknown {
  if (text.length > SCAN_ABOVE) refuse(checkJsonLimits(text, limits));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InvalidRequestError(`Request body is not valid JSON: ${(err as Error).message}`);
  }
  if (text.length <= SCAN_ABOVE) refuse(checkParsedLimits(value, limits));
  return value;
}

function refuse(breach: JsonLimitBreach | undefined): void {
  if (!breach) return;
  throw new InvalidRequestError(
    breach.limit === 'depth'
      ? `Request body is nested deeper than ${breach.max} levels (gateway.max_json_depth)`
      : `Request body has an array or object with more than ${breach.max} items (gateway.max_json_items)`,
  );
}
