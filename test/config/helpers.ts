import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh empty directory, so no stray ./tokligence.yaml is picked up. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tokligence-config-'));
}

/** Write `files` (name → text) into a fresh directory and return it. */
export function dirWith(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Run `fn` and return the error it throws (failing the test if it throws nothing). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}
