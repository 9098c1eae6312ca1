/** Layer merging and key-case conversion for config trees. */

export type Tree = Record<string, unknown>;

export const isPlainObject = (value: unknown): value is Tree =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Deep-merge layers, later wins: objects merge key by key, arrays and scalars replace, `undefined`
 * means "not set here" and never overwrites.
 */
export function deepMerge(...layers: (Tree | undefined)[]): Tree {
  const out: Tree = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const existing = out[key];
      out[key] = isPlainObject(value) ? deepMerge(isPlainObject(existing) ? existing : {}, value) : value;
    }
  }
  return out;
}

/** `requestTimeout` → `request_timeout`, `baseURL` → `base_url`. */
export function camelToSnake(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * Whether the keys of the object at `path` are data (provider names, model aliases, header names)
 * rather than setting names, so they keep their spelling.
 */
/** Maps whose keys are names the user chose (models, providers, fallbacks), not schema keys. */
const DATA_MAPS = new Set(['headers', 'fallback_models', 'context_window_fallbacks', 'content_policy_fallbacks']);

function keysAreData(path: readonly string[]): boolean {
  const last = path[path.length - 1] ?? '';
  return (path.length === 1 && (last === 'models' || last === 'providers')) || DATA_MAPS.has(last);
}

/** Convert the TypeScript constructor's camelCase config to the schema's snake_case. */
export function snakeCaseKeys(value: unknown, path: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => snakeCaseKeys(item, path));
  if (!isPlainObject(value)) return value;
  const dataKeys = keysAreData(path);
  const out: Tree = {};
  for (const [key, child] of Object.entries(value)) {
    const name = dataKeys ? key : camelToSnake(key);
    // Alias targets and header values are data too: copied as they are.
    out[name] = path[0] === 'models' || DATA_MAPS.has(path[path.length - 1] ?? '') ? child : snakeCaseKeys(child, [...path, name]);
  }
  return out;
}

/**
 * YAML writes an empty section as `gateway:` (null). A null section counts as "not set", except a
 * provider entry (`mock:` alone means "this provider, with defaults").
 */
export function dropNulls(value: unknown, path: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => dropNulls(item, path));
  if (!isPlainObject(value)) return value;
  const out: Tree = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === null) {
      if (path.length === 1 && path[0] === 'providers') out[key] = {};
      continue;
    }
    out[key] = dropNulls(child, [...path, key]);
  }
  return out;
}

/** Set `tree[a][b][c] = value`, creating objects along the way. */
export function setPath(tree: Tree, path: readonly string[], value: unknown): void {
  let node = tree;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else {
      if (!isPlainObject(node[key])) node[key] = {};
      node = node[key] as Tree;
    }
  });
}
