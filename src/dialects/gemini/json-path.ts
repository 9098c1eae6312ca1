/**
 * Set a value in an object at an RFC 9535 JSON path of the simple form Gemini streams partial
 * arguments with (`$.a.b[0].c`, `$['a b']`): names and indexes only. `append` adds a string piece
 * to the string already there. Returns false for a path it cannot follow (nothing is set).
 */
export function setAtJsonPath(root: Record<string, unknown>, path: string, value: unknown, append: boolean): boolean {
  const keys = parsePath(path);
  if (!keys || keys.length === 0) return false;
  let node: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i] as string | number;
    const nextIsIndex = typeof keys[i + 1] === 'number';
    const existing: unknown = (node as Record<string | number, unknown>)[key];
    if (existing !== null && typeof existing === 'object') node = existing as Record<string, unknown> | unknown[];
    else {
      const created: Record<string, unknown> | unknown[] = nextIsIndex ? [] : {};
      (node as Record<string | number, unknown>)[key] = created;
      node = created;
    }
  }
  const last = keys[keys.length - 1] as string | number;
  const target = node as Record<string | number, unknown>;
  const current = target[last];
  target[last] = append && typeof current === 'string' && typeof value === 'string' ? current + value : value;
  return true;
}

function parsePath(path: string): Array<string | number> | undefined {
  if (!path.startsWith('$')) return undefined;
  const keys: Array<string | number> = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) return undefined;
    if (m[1] !== undefined) keys.push(m[1]);
    else if (m[2] !== undefined) keys.push(Number(m[2]));
    else keys.push((m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1'));
  }
  return keys;
}
