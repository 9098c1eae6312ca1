import { z } from 'zod';
import { InvalidRequestError } from '../../core/errors.js';

/** The first zod issue as a 400 naming the field, e.g. `messages.0.role: expected one of …`. */
export function invalidFromZod(error: z.ZodError): InvalidRequestError {
  const issue = error.issues[0];
  const param = issue ? issue.path.map(String).join('.') : undefined;
  const detail = issue?.message ?? 'invalid request';
  return new InvalidRequestError(param ? `${param}: ${detail}` : detail, param || undefined);
}

/** Parse with a schema or throw the caller-facing 400. */
export function parseOrThrow<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new InvalidRequestError('Request body must be a JSON object');
  const result = schema.safeParse(body);
  if (!result.success) throw invalidFromZod(result.error);
  return result.data;
}

/**
 * A JSON object taken as it is (tool schemas, tool inputs): checked to be a plain object but not
 * copied key by key, as `z.record` would, which dominated decoding Claude Code's large tool lists.
 */
export const jsonObject = () =>
  z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), { message: 'expected an object' });
