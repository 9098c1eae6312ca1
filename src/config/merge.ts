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

/** Maps at these paths have data keys too (`routing.fallbacks.models` etc.). */
const DATA_PATHS = new Set(['routing.fallbacks.models', 'routing.fallbacks.context_window', 'routing.fallbacks.content_policy']);

function keysAreData(path: readonly string[]): boolean {
  const last = path[path.length - 1] ?? '';
  return (path.length === 1 && (last === 'models' || last === 'providers')) || DATA_MAPS.has(last) || DATA_PATHS.has(path.join('.'));
}

/**
 * Convert the TypeScript constructor's camelCase config to the schema's snake_case. `spellings`,
 * when given, records each renamed key as the caller wrote it (by its snake_case path, see
 * `spellingKey`), so an error can name the option the way the caller spelt it.
 */
export function snakeCaseKeys(value: unknown, path: string[] = [], spellings?: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item, i) => snakeCaseKeys(item, [...path, String(i)], spellings));
  if (!isPlainObject(value)) return value;
  const dataKeys = keysAreData(path.filter((k) => !/^\d+$/.test(k)));
  const out: Tree = {};
  for (const [key, child] of Object.entries(value)) {
    const name = dataKeys ? key : camelToSnake(key);
    if (name !== key) spellings?.set(spellingKey([...path, name]), key);
    // Alias targets and header values are data too: copied as they are.
    const data = path[0] === 'models' || DATA_MAPS.has(path[path.length - 1] ?? '') || DATA_PATHS.has(path.join('.'));
    out[name] = data ? child : snakeCaseKeys(child, [...path, name], spellings);
  }
  return out;
}

/** The key of a config path in a `spellings` map. */
export const spellingKey = (path: readonly PropertyKey[]): string => path.map(String).join('\u0000');

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
