import type { z } from 'zod';
import { InvalidRequestError } from '../../core/errors.js';

interface Found {
  path: PropertyKey[];
  message: string;
}

/** The most specific issue: inside a union, the branch that got furthest into the value. */
function deepest(issue: z.core.$ZodIssue): Found {
  const here: Found = { path: issue.path, message: issue.message };
  if (issue.code !== 'invalid_union') return here;
  if (issue.errors.length === 0) {
    // A discriminated union whose discriminator matched no option.
    const d = (issue as { discriminator?: string }).discriminator;
    if (!d) return here;
    const path = issue.path[issue.path.length - 1] === d ? issue.path : [...issue.path, d];
    return { path, message: 'unsupported type' };
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

/**
 * Parse one piece of a request with its schema; a failure is a 400 whose message and `param`
 * start with the full path (`input.3.call_id: …`).
 */
export function parseAt<T extends z.ZodType>(schema: T, value: unknown, path: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const found = first ? deepest(first) : { path: [], message: 'invalid value' };
  const param = [path, ...found.path.map(String)].filter(Boolean).join('.');
  throw new InvalidRequestError(`${param}: ${found.message}`, param);
}
