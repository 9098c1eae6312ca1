import { InvalidRequestError } from '../../core/errors.js';

/**
 * Parse a tool call's JSON arguments from a caller's request. `""` means no arguments; anything
 * that is not a JSON object is the caller's mistake and gets a 400 naming the field.
 */
export function parseRequestArguments(text: string | undefined | null, param: string): Record<string, unknown> {
  if (text === undefined || text === null || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidRequestError(`${param}: tool call arguments are not valid JSON`, param);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new InvalidRequestError(`${param}: tool call arguments must be a JSON object`, param);
  return value as Record<string, unknown>;
}

/**
 * Parse arguments an upstream produced. A model can emit broken JSON (truncated at max_tokens);
 * we keep what it sent under `_raw` rather than losing it or failing the whole answer.
 */
export function parseUpstreamArguments(text: string | undefined | null): Record<string, unknown> {
  if (text === undefined || text === null || text.trim() === '') return {};
  try {
    const value = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    return { _raw: text };
  } catch {
    return { _raw: text };
  }
}
