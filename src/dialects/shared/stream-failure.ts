/**
 * Reading a stream frame's data for failure checks: the parsed object as is, raw JSON text parsed
 * only when it can hold an error at all (a content delta never reaches `JSON.parse`).
 */
export function frameObject(data: unknown, marks: readonly string[] = ['"error"']): Record<string, unknown> | undefined {
  if (data !== null && typeof data === 'object') return data as Record<string, unknown>;
  if (typeof data !== 'string' || !marks.some((m) => data.includes(m))) return undefined;
  try {
    const parsed: unknown = JSON.parse(data);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** An OpenAI-chat or Gemini style error chunk: a top-level non-null `error` and nothing that makes it a normal chunk. */
export function hasErrorMember(d: Record<string, unknown>): boolean {
  return d.error !== undefined && d.error !== null && d.type === undefined && d.object === undefined;
}
