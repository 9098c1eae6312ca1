import { readFileSync, writeFileSync } from 'node:fs';
import { formatTable, summarize, toCsv, toHtml } from '../batch/compare.js';
import { parseResults } from '../batch/jsonl.js';

export interface CompareCliOptions {
  csv?: string;
  html?: string;
}

/** `tokligence compare results.jsonl [--csv out.csv] [--html report.html]`. */
export function runCompareCli(file: string, opts: CompareCliOptions, print: (line: string) => void = console.log): void {
  const lines = parseResults(readFileSync(file, 'utf8'));
  if (lines.length === 0) throw new Error(`${file}: no result lines`);
  const summaries = summarize(lines);
  print(formatTable(summaries));
  if (opts.csv) {
    writeFileSync(opts.csv, toCsv(summaries));
    print(`CSV → ${opts.csv}`);
  }
  if (opts.html) {
    const tags: Record<string, string[]> = {};
    for (const l of lines) for (const [k, v] of Object.entries(l.tags ?? {})) if (!tags[k]?.includes(v)) tags[k] = [...(tags[k] ?? []), v];
    writeFileSync(opts.html, toHtml(summaries, { source: file, tags }));
    print(`HTML report → ${opts.html}`);
  }
}
