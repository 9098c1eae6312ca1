import type { z } from 'zod';
import { coerceString } from './schema-walk.js';

/**
 * `${VAR}` and `${VAR:-default}` in every string read from YAML; `$${` is a literal `${`.
 *
 * - `${VAR:-default}` takes the default when VAR is unset or empty (shell semantics).
 * - `${VAR}` with VAR unset is an error naming the path, because a silently empty host or key is
 *   worse than a refusal to start. Exception: an `api_key` may be missing (it becomes absent, and a
 *   hosted provider without a key is then disabled), so a profile can list providers whose keys
 *   come from the environment.
 * - A value that is exactly one reference (`port: ${PORT:-8081}`) is coerced to what the schema
 *   expects there (number, boolean…).
 */

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;

export interface InterpolationProblem {
  path: PropertyKey[];
  variable: string;
}

/** Keys whose value may reference an unset variable (it then counts as absent). */
const MAY_BE_MISSING = new Set(['api_key']);

/** Expand one string; `onMissing` hears of each referenced variable that is unset (it expands to ''). */
export function interpolateString(
  value: string,
  env: Record<string, string | undefined>,
  onMissing: (variable: string) => void,
): string {
  return value.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === '$${') return '${';
    const current = env[name!];
    if (fallback !== undefined) return current === undefined || current === '' ? fallback : current;
    if (current === undefined) {
      onMissing(name!);
      return '';
    }
    return current;
  });
}

/**
 * Expand every string in a parsed YAML tree. Missing variables are collected (not thrown one by
 * one) so the error lists them all.
 */
export function interpolateTree(
  tree: unknown,
  env: Record<string, string | undefined>,
  schema: z.ZodType,
  problems: InterpolationProblem[],
  path: PropertyKey[] = [],
): unknown {
  if (typeof tree === 'string') {
    const key = path.length ? String(path[path.length - 1]) : '';
    let missing = false;
    const expanded = interpolateString(tree, env, (variable) => {
      missing = true;
      if (!MAY_BE_MISSING.has(key)) problems.push({ path, variable });
    });
    if (missing && MAY_BE_MISSING.has(key) && expanded.trim() === '') return undefined;
    return WHOLE_REFERENCE.test(tree) ? coerceString(schema, path, expanded) : expanded;
  }
  if (Array.isArray(tree)) return tree.map((item, i) => interpolateTree(item, env, schema, problems, [...path, i]));
  if (tree !== null && typeof tree === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(tree)) {
      const expanded = interpolateTree(value, env, schema, problems, [...path, key]);
      if (expanded !== undefined) out[key] = expanded;
    }
    return out;
  }
  return tree;
}
