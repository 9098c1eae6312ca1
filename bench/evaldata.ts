/**
 * What the security benchmarks share: their `--name value` options and the JSONL rows of
 * ../shared/evaldata (or `--data DIR` / TOKLIGENCE_EVALDATA).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);

/** The value after `--name` on the command line. */
export function arg(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Whether `--name` is on the command line. */
export function flag(name: string): boolean {
  return args.includes(name);
}

/** Where this file's folder is (bench/). */
export const benchDir = dirname(fileURLToPath(import.meta.url));

/** The evaluation data folder; exits with a message when it is missing. */
export function evaldataDir(): string {
  const dir = resolve(arg('--data') ?? process.env.TOKLIGENCE_EVALDATA ?? join(benchDir, '../../shared/evaldata'));
  if (!existsSync(dir)) {
    console.error(`evaluation data not found at ${dir} (pass --data DIR or set TOKLIGENCE_EVALDATA)`);
    process.exit(1);
  }
  return dir;
}

// biome-ignore lint/suspicious/noExplicitAny: rows are free-form JSON.
export type Row = Record<string, any>;

/** The rows of one JSONL file under `dir`. */
export function loadRows(dir: string, file: string): Row[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
}
