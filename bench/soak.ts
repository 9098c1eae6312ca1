/**
 * Soak with dependencies down (issue 7, item 9), 100k requests: the server's fetch handler
 * in-process, the Redis response cache configured but redis-server flapping (up 1.2 s, hung with
 * SIGSTOP 0.6 s, killed 0.8 s, restarted on the same port; down for good when redis-server is not
 * installed), the fake upstream flapping (200, 200, 503, connection reset), 100 callers against
 * max_concurrent_requests 32 + max_queue 64. The 20k version runs in the test suite
 * (test/hardening/reliability-soak.test.ts).
 * Run: npm run bench:soak  (SOAK_TOTAL=… to change the count)
 */
import { cpus } from 'node:os';
import { runSoak } from '../test/hardening/soak-driver.js';

const total = Number(process.env.SOAK_TOTAL ?? 100_000);
const r = await runSoak({ total, log: (line) => console.log(`  ${line}`) });
const ok = r.rssGrowth <= 0.1 && r.internalErrors === 0 && r.metricsDropped === r.cache.dropped;
console.log(`Node ${process.version} · ${cpus().length} cores · ${new Date().toISOString()}`);
console.log(`requests ${r.total} in ${r.seconds.toFixed(1)} s (${Math.round(r.total / r.seconds)} req/s) · redis ${r.redis} (${r.redisPhases.length} phase changes)`);
console.log(`answers ${JSON.stringify(r.statuses)} · internal errors ${r.internalErrors}`);
console.log(`RSS after warm-up ${r.rssWarmMb} MB → end ${r.rssEndMb} MB (${(r.rssGrowth * 100).toFixed(1)} %) · heap ${r.heapWarmMb} → ${r.heapEndMb} MB`);
console.log(`cache hits ${r.cache.hits} · misses ${r.cache.misses} · stores ${r.cache.stores} · errors get ${r.cache.errors.get} / set ${r.cache.errors.set} · dropped writes ${r.cache.dropped} (/metrics ${r.metricsDropped}) · max pending writes ${r.maxPendingWrites}`);
console.log(ok ? 'OK' : 'FAILED');
process.exitCode = ok ? 0 : 1;
