import { z } from 'zod';
import { InvalidRequestError } from '../../core/errors.js';

interface Found {
  path: PropertyKey[];
  message: string;
}

/**
 * The most specific issue: inside a union, the branch that got furthest into the value, so a
 * mistake deep inside a content part is named where it is (`messages.0.content.1.text: expected
 * string`) rather than as "invalid input" on the whole part, whichever dialect the caller speaks.
 */
function deepest(issue: z.core.$ZodIssue): Found {
  const here: Found = { path: issue.path, message: issue.message };
  if (issue.code !== 'invalid_union') return here;
  if (issue.errors.length === 0) {
    // A discriminated union whose discriminator matched no option: said the way zod says a bad
    // enum value, so `role: "robot"` reads the same whether the dialect's schema uses either.
    const { discriminator: d, options } = issue as { discriminator?: string; options?: unknown[] };
    if (!d) return here;
    const path = issue.path[issue.path.length - 1] === d ? issue.path : [...issue.path, d];
    return { path, message: options?.length ? expectedOneOf(options) : 'unsupported value' };
  }
  let best: Found | undefined;
  for (const branch of issue.errors)
    for (const sub of branch) {
      const d = deepest(sub);
      const found = { path: [...issue.path, ...d.path], message: d.message };
      if (!best || found.path.length > best.path.length) best = found;
    }
  return best ?? here;
}

/** zod's own wording for a value outside an enum. */
export function expectedOneOf(options: readonly unknown[]): string {
  return `Invalid option: expected one of ${options.map((o) => JSON.stringify(o)).join('|')}`;
}

/** A zod failure as the caller-facing 400 naming the field: `<prefix>.<issue path>: <message>`. */
export function invalidFromZod(error: z.ZodError, prefix = ''): InvalidRequestError {
  const first = error.issues[0];
  const found = first ? deepest(first) : { path: [], message: 'invalid value' };
  const param = [prefix, ...found.path.map(String)].filter(Boolean).join('.');
  return new InvalidRequestError(param ? `${param}: ${found.message}` : found.message, param || undefined);
}

/** Parse a whole request body with its schema or throw the caller-facing 400. */
export function parseOrThrow<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new InvalidRequestError('Request body must be a JSON object');
  const result = schema.safeParse(body);
  if (!result.success) throw invalidFromZod(result.error);
  return result.data;
}

/**
 * Parse one piece of a request with its schema; a failure is a 400 whose message and `param`
 * start with the full path (`input.3.call_id: …`).
 */
export function parseAt<T extends z.ZodType>(schema: T, value: unknown, path: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidFromZod(result.error, path);
}

/**
 * A JSON object taken as it is (tool schemas, tool inputs): checked to be a plain object but not
 * copied key by key, as `z.record` would, which dominated decoding Claude Code's large tool lists.
 */
export const jsonObject = () =>
  z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), { message: 'expected an object' });
