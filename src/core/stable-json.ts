/**
 * JSON with object keys in sorted order, so two requests that differ only in key order (a tool's
 * JSON Schema, tool-call arguments) serialise, and hash, the same. `undefined` members are left
 * out as in JSON.stringify; non-finite numbers become `null`.
 */
export function stableStringify(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return String(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += write(value[i]) ?? 'null';
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const member = write(record[key]);
        if (member === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${member}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      // undefined, functions, symbols: absent, as in JSON.stringify.
      return undefined;
  }
}
