/** How a command prints rows: an aligned table (default), JSON for machines, CSV for spreadsheets. */
export type OutputFormat = 'table' | 'json' | 'csv';

export const formatOf = (opts: { json?: boolean; csv?: boolean }): OutputFormat => (opts.json ? 'json' : opts.csv ? 'csv' : 'table');

type Cell = string | number | boolean | undefined | null;

const text = (v: Cell): string => (v === undefined || v === null ? '' : String(v));

/** RFC 4180: quote fields holding a comma, quote or newline; a leading = + - @ is defused for spreadsheets. */
function csvField(v: Cell): string {
  let s = text(v);
  if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Render rows (objects with the same keys) in the format; `json` gets `data` as it is. */
export function render(format: OutputFormat, columns: string[], rows: Array<Record<string, Cell>>, data: unknown = rows): string {
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  if (format === 'csv') return `${[columns.map(csvField).join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))].join('\n')}\n`;
  if (rows.length === 0) return '(none)\n';
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return `${[line(columns.map((c) => c.toUpperCase())), ...rows.map((r) => line(columns.map((c) => text(r[c]))))].join('\n')}\n`;
}

export const usd = (n: number | undefined): string => (n === undefined ? '' : `$${n.toFixed(n !== 0 && Math.abs(n) < 0.01 ? 6 : 2)}`);
export const isoDay = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString().slice(0, 19).replace('T', ' '));
