import type { JsonSchema } from '../../core/types.js';

/**
 * JSON Schema → Gemini `Schema` (the OpenAPI 3.0 subset `functionDeclarations[].parameters` and
 * `responseSchema` accept).
 *
 * Why `parameters` and not `parametersJsonSchema`: `parameters` is accepted by every Gemini model
 * and by Vertex, while `parametersJsonSchema` is newer and not accepted everywhere; clients such
 * as Claude Code send keywords (`propertyNames`, `$schema`, `additionalProperties`) that the
 * `parameters` form rejects with a 400, so we translate to the subset instead:
 * - kept: type, format (only enum/date-time, int32/int64, float/double), title, description,
 *   nullable, enum (strings only), properties, required (filtered to known properties), items,
 *   minItems/maxItems, minLength/maxLength, pattern, minimum/maximum, minProperties/maxProperties,
 *   anyOf, propertyOrdering, default, example;
 * - `$ref` into `$defs`/`definitions` inlined (a recursive reference becomes a plain object);
 *   `allOf` merged; `oneOf` → `anyOf`; `const` → a one-value enum; `type: [X, "null"]` and a
 *   `{type:"null"}` branch → `nullable: true`; non-string enums are moved into the description;
 * - dropped: `$schema`, `$id`, `$defs`, `additionalProperties`, `propertyNames`,
 *   `patternProperties`, `exclusiveMinimum/Maximum`, `examples`, `not`, `if/then/else`, … ;
 * - an object with no properties loses its `properties` key (Gemini rejects an empty one).
 */
export function toGeminiSchema(schema: JsonSchema): JsonSchema {
  const defs = {
    ...(isObject(schema.definitions) ? schema.definitions : {}),
    ...(isObject(schema.$defs) ? schema.$defs : {}),
  };
  return convert(schema, defs, new Set(), 0);
}

/**
 * The `parameters` of a function declaration, or undefined when the function takes no
 * arguments (Gemini rejects `{type:"object",properties:{}}`). The root is always an object.
 */
export function toGeminiParameters(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema || !isObject(schema)) return undefined;
  const converted = toGeminiSchema(schema);
  if (!isObject(converted.properties) || Object.keys(converted.properties).length === 0) return undefined;
  return { ...converted, type: 'object' };
}

const STRING_FORMATS = new Set(['enum', 'date-time']);
const NUMBER_FORMATS = new Set(['float', 'double']);
const INTEGER_FORMATS = new Set(['int32', 'int64']);
const GEMINI_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
const MAX_DEPTH = 32;

function convert(node: unknown, defs: Record<string, unknown>, seen: Set<string>, depth: number): JsonSchema {
  if (!isObject(node) || depth > MAX_DEPTH) return {};
  let src: Record<string, unknown> = { ...node };

  // $ref: inline the definition; a cycle cannot be expressed, so it becomes an opaque object.
  if (typeof src.$ref === 'string') {
    const ref = src.$ref;
    const name = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref)?.[1];
    const { $ref: _ref, ...siblings } = src;
    const target = name !== undefined ? defs[decodeURIComponent(name)] : undefined;
    if (!isObject(target) || seen.has(ref)) {
      return withDescription({ type: 'object' }, siblings.description);
    }
    const inner = convert(target, defs, new Set([...seen, ref]), depth + 1);
    const rest = convert(siblings, defs, seen, depth + 1);
    return { ...inner, ...rest };
  }

  if (Array.isArray(src.allOf)) {
    const { allOf, ...rest } = src;
    src = mergeAll([rest, ...(allOf as unknown[]).filter(isObject)]);
  }

  const out: JsonSchema = {};
  let nullable = src.nullable === true;

  // type: arrays become nullable + one type, or anyOf of several.
  let type = src.type;
  if (Array.isArray(type)) {
    const types = type.filter((t): t is string => typeof t === 'string');
    if (types.includes('null')) nullable = true;
    const rest = types.filter((t) => t !== 'null');
    type = rest.length === 1 ? rest[0] : undefined;
    if (rest.length > 1) out.anyOf = rest.map((t) => ({ type: t.toLowerCase() }));
  }
  if (type === 'null') {
    nullable = true;
    type = undefined;
  }
  if (typeof type === 'string' && GEMINI_TYPES.has(type.toLowerCase())) out.type = type.toLowerCase();

  for (const key of ['title', 'description', 'pattern'] as const)
    if (typeof src[key] === 'string') out[key] = src[key];
  for (const key of ['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties'] as const)
    if (typeof src[key] === 'number' && Number.isInteger(src[key])) out[key] = src[key];
  for (const key of ['minimum', 'maximum'] as const) if (typeof src[key] === 'number') out[key] = src[key];
  if (src.default !== undefined && src.default !== null) out.default = src.default;
  if (src.example !== undefined) out.example = src.example;

  if (typeof src.format === 'string') {
    const allowed =
      out.type === 'string' ? STRING_FORMATS : out.type === 'number' ? NUMBER_FORMATS : out.type === 'integer' ? INTEGER_FORMATS : undefined;
    if (allowed?.has(src.format)) out.format = src.format;
  }

  // enum / const: Gemini enums are strings only.
  let values: unknown[] | undefined = Array.isArray(src.enum) ? [...src.enum] : 'const' in src ? [src.const] : undefined;
  if (values) {
    if (values.includes(null)) {
      nullable = true;
      values = values.filter((v) => v !== null);
    }
    if (values.length > 0 && values.every((v) => typeof v === 'string')) {
      out.enum = values;
      out.type ??= 'string';
    } else if (values.length > 0) {
      out.description = [out.description, `Allowed values: ${values.map((v) => JSON.stringify(v)).join(', ')}`]
        .filter(Boolean)
        .join('\n');
    }
  }

  if (isObject(src.properties)) {
    const props: Record<string, JsonSchema> = {};
    for (const [k, v] of Object.entries(src.properties)) props[k] = convert(v, defs, seen, depth + 1);
    if (Object.keys(props).length > 0) {
      out.properties = props;
      if (Array.isArray(src.required)) {
        const required = src.required.filter((r): r is string => typeof r === 'string' && r in props);
        if (required.length > 0) out.required = [...new Set(required)];
      }
      if (Array.isArray(src.propertyOrdering)) {
        const order = src.propertyOrdering.filter((r): r is string => typeof r === 'string' && r in props);
        if (order.length > 0) out.propertyOrdering = order;
      }
    }
    out.type ??= 'object';
  }

  const items = Array.isArray(src.items) ? src.items[0] : (src.items ?? (Array.isArray(src.prefixItems) ? src.prefixItems[0] : undefined));
  if (items !== undefined && typeof items !== 'boolean') {
    out.items = convert(items, defs, seen, depth + 1);
    out.type ??= 'array';
  }

  // anyOf / oneOf: a `null` branch becomes `nullable`; a single remaining branch is merged in.
  const branches = Array.isArray(src.anyOf) ? src.anyOf : Array.isArray(src.oneOf) ? src.oneOf : undefined;
  if (branches) {
    const converted: JsonSchema[] = [];
    for (const b of branches) {
      if (isObject(b) && (b.type === 'null' || (Array.isArray(b.enum) && b.enum.length === 1 && b.enum[0] === null))) {
        nullable = true;
        continue;
      }
      converted.push(convert(b, defs, seen, depth + 1));
    }
    if (converted.length === 1) {
      const only = converted[0]!;
      for (const [k, v] of Object.entries(only)) if (!(k in out) || k === 'type') out[k] = v;
    } else if (converted.length > 1) out.anyOf = converted;
  }

  if (nullable) out.nullable = true;
  return out;
}

function mergeAll(parts: Array<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of parts) {
    for (const [k, v] of Object.entries(p)) {
      if (k === 'properties' && isObject(v)) out.properties = { ...(isObject(out.properties) ? out.properties : {}), ...v };
      else if (k === 'required' && Array.isArray(v)) out.required = [...(Array.isArray(out.required) ? out.required : []), ...v];
      else if (!(k in out)) out[k] = v;
    }
  }
  return out;
}

function withDescription(schema: JsonSchema, description: unknown): JsonSchema {
  return typeof description === 'string' ? { ...schema, description } : schema;
}

/**
 * Gemini `Schema` → JSON Schema for the canonical model: the proto's upper-case type names
 * (`STRING`, `OBJECT`) become JSON Schema's lower-case ones; everything else is already valid.
 */
export function fromGeminiSchema(schema: unknown): JsonSchema {
  if (!isObject(schema)) return {};
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'type' && typeof v === 'string') out.type = v.toLowerCase();
    else if (k === 'properties' && isObject(v))
      out.properties = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, fromGeminiSchema(pv)]));
    else if (k === 'items') out.items = fromGeminiSchema(v);
    else if (k === 'anyOf' && Array.isArray(v)) out.anyOf = v.map(fromGeminiSchema);
    else out[k] = v;
  }
  return out;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
