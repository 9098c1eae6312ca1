/**
 * `npm run bench:replay`: the replay corpus pass rate (recorded provider answers × caller dialects,
 * stream validators + content comparison), random re-chunking, and streams cut off mid-way. See test/helpers/replay-corpus.ts.
 */
import { recordings, runPairs, runRechunk, runTruncated } from '../test/helpers/replay-corpus.js';

const started = performance.now();
const pairs = await runPairs();
const failing = pairs.filter((p) => p.problems.length > 0);
const runs = 50;
const rechunk = await runRechunk(runs);
const cuts = 20;
const truncated = await runTruncated(cuts);
const recs = recordings();
console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log(`recordings: ${recs.length} (${[...new Set(recs.map((r) => r.upstream))].map((d) => `${d} ${recs.filter((r) => r.upstream === d).length}`).join(', ')})`);
console.log(`pairs (recording × caller): ${pairs.length}, passing ${pairs.length - failing.length} (${((100 * (pairs.length - failing.length)) / pairs.length).toFixed(1)}%)`);
for (const f of failing) console.log(`  FAIL ${f.recording} → ${f.caller}: ${f.problems.join(' | ')}`);
console.log(`re-chunking: ${recs.length * runs} random cuts, ${recs.length * runs - rechunk.length} decode identically`);
for (const f of rechunk.slice(0, 10)) console.log(`  CHANGED ${f.recording} at ${f.offsets.join(',')}`);
console.log(
  `cut off mid-stream: ${recs.length * cuts} random cuts × ${4} callers = ${recs.length * cuts * 4} pairs, ${recs.length * cuts * 4 - truncated.length} valid (an error in the caller's shape, or the whole answer)`,
);
for (const f of truncated.slice(0, 10)) console.log(`  FAIL ${f.recording} → ${f.caller}: ${f.problems.join(' | ')}`);
console.log(`${(performance.now() - started).toFixed(0)} ms`);
if (failing.length > 0 || rechunk.length > 0 || truncated.length > 0) process.exitCode = 1;
