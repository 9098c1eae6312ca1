/**
 * The replay corpus through every caller dialect (issue 21 item 5; see test/helpers/replay-corpus.ts):
 * each recorded answer × each caller must give a valid stream with the upstream's text, tool calls,
 * finish reason, usage and reasoning (as written down in `<name>.expected.json` beside it), and
 * skip exactly what is documented; random re-cuts of each recording must decode the same, and a
 * recording cut off mid-stream must still give every caller a valid stream.
 * The pass rate is in bench/RESULTS.md (`npm run bench:replay`).
 */
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/replay.js';
import { recordings, runPairs, runRechunk, runTruncated } from '../helpers/replay-corpus.js';

describe('replay corpus', async () => {
  const results = await runPairs();

  it('covers every upstream dialect and every caller', () => {
    expect(new Set(recordings().map((r) => r.upstream))).toEqual(new Set(DIALECTS));
    expect(results.length).toBe(recordings().length * DIALECTS.length);
  });

  it.each(results.map((r) => [r.recording, r.caller, r.problems] as const))('%s → %s caller', (_recording, _caller, problems) => {
    expect(problems).toEqual([]);
  });

  it('random re-chunking never changes what a recording decodes to', async () => {
    expect(await runRechunk(20)).toEqual([]);
  });

  it('a recording cut off at random bytes still reaches every caller as a valid stream: an error in its shape, or the whole answer', async () => {
    expect(await runTruncated(10)).toEqual([]);
  });
});
