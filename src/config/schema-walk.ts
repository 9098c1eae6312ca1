import type { z } from 'zod';

/**
 * Just enough zod introspection to answer "which keys are allowed here?" (for did-you-mean hints)
 * and "what type is this leaf?" (to coerce strings from the environment). Walks the public `def`.
 */

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** Strip wrappers (optional, default, transform pipes…) down to the schema that does the work. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

/** The schema at a path of object keys / record keys / array indexes, or undefined. */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const key of path) {
    if (!current) return undefined;
    const def = defOf(unwrap(current));
    if (def.type === 'object') current = def.shape?.[String(key)];
    else if (def.type === 'record') current = def.valueType;
    else if (def.type === 'array') current = def.element;
    else return undefined;
  }
  return current;
}

/** The keys an object schema at `path` allows, or [] if it is not an object. */
export function allowedKeysAt(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  const schema = schemaAt(root, path);
  if (!schema) return [];
  const def = defOf(unwrap(schema));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

export type LeafKind = 'number' | 'boolean' | 'string' | 'array' | 'object' | 'other';

/** What kind of value the schema expects at `path`. */
export function leafKindAt(root: z.ZodType, path: readonly PropertyKey[]): LeafKind {
  const schema = schemaAt(root, path);
  if (!schema) return 'other';
  const type = defOf(unwrap(schema)).type;
  if (type === 'number' || type === 'int') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'string' || type === 'enum' || type === 'literal') return 'string';
  if (type === 'array') return 'array';
  if (type === 'object' || type === 'record') return 'object';
  return 'other';
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/**
 * Turn a string (from an environment variable or a whole-value `${VAR}`) into what the schema
 * expects at `path`: a number, a boolean, a list (JSON or comma-separated), or JSON for an object.
 * Anything that does not convert cleanly stays a string, so the schema reports it with its value.
 */
export function coerceString(root: z.ZodType, path: readonly PropertyKey[], raw: string): unknown {
  const kind = leafKindAt(root, path);
  const text = raw.trim();
  switch (kind) {
    case 'number':
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : raw;
    case 'boolean':
      if (TRUE.has(text.toLowerCase())) return true;
      if (FALSE.has(text.toLowerCase())) return false;
      return raw;
    case 'array':
      if (text.startsWith('[')) return parseJson(raw);
      return text === ''
        ? []
        : text
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    case 'object':
      return text.startsWith('{') ? parseJson(raw) : raw;
    default:
      return raw;
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
