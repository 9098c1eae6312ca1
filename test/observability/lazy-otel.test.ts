import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('OpenTelemetry loads only when tracing is on', () => {
  it('a call with tracing off resolves no @opentelemetry module; the first traced call does', () => {
    const run = spawnSync(process.execPath, ['--import', join(fixtures, 'record-otel-imports.mjs'), '--import', 'tsx', join(fixtures, 'calls-off-then-on.mts')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stderr.split('\n');
    const offDone = lines.indexOf('TRACING-OFF-CALL-DONE');
    const onDone = lines.indexOf('TRACING-ON-CALL-DONE');
    expect(offDone).toBeGreaterThanOrEqual(0);
    expect(lines.slice(0, offDone).filter((l) => l.startsWith('OTEL-IMPORT'))).toEqual([]);
    expect(lines.slice(offDone, onDone).filter((l) => l.startsWith('OTEL-IMPORT'))).toContain('OTEL-IMPORT @opentelemetry/sdk-trace-base');
  });
});
