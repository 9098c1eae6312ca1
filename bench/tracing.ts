/**
 * What tracing costs per in-process call on the built-in mock (no network), alternating runs:
 *   off                       observability.tracing off, as shipped (no SDK loaded, no span)
 *   on, sample_ratio 0        the SDK loaded, spans not recorded (a traceparent still goes upstream)
 *   on, every call recorded   spans and GenAI metrics recorded, exported to an in-memory exporter
 * (That nothing of OpenTelemetry is even loaded while tracing is off is a test:
 * test/observability/lazy-otel.test.ts.)
 * Run: npm run bench:tracing
 */
import { Tokligence } from '../src/index.js';

const N = 4000;
const body = { model: 'mock/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello to the benchmark.' }] };

async function perCall(tk: Tokligence): Promise<number> {
  // CPU time, not wall time: steadier on a shared machine.
  const start = process.cpuUsage();
  for (let i = 0; i < N; i++) await tk.chat.completions.create(body);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / N;
}

const base = { env: {}, configFile: false } as const;
const off = new Tokligence(base);
for (let i = 0; i < 2000; i++) await off.chat.completions.create(body);

const { InMemorySpanExporter } = await import('@opentelemetry/sdk-trace-base');
const unsampled = new Tokligence({ ...base, observability: { tracing: { enabled: true, sampleRatio: 0, metrics: false } }, telemetry: { spanExporter: new InMemorySpanExporter() } } as never);
const exporter = new InMemorySpanExporter();
const recorded = new Tokligence({ ...base, observability: { tracing: { enabled: true } }, telemetry: { spanExporter: exporter } } as never);
for (const tk of [unsampled, recorded]) for (let i = 0; i < 2000; i++) await tk.chat.completions.create(body);

const results: Record<string, number[]> = { off: [], 'on, sample_ratio 0': [], 'on, every call recorded': [] };
for (let round = 0; round < 9; round++) {
  results.off!.push(await perCall(off));
  results['on, sample_ratio 0']!.push(await perCall(unsampled));
  exporter.reset();
  results['on, every call recorded']!.push(await perCall(recorded));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const offMedian = median(results.off!);
console.log(`in-process chat.completions.create on the mock, ${N} calls × 9 alternating rounds, median CPU µs/call`);
for (const [label, xs] of Object.entries(results))
  console.log(`  ${label.padEnd(28)} ${median(xs).toFixed(2).padStart(8)} µs/call   ${label === 'off' ? '' : `+${(median(xs) - offMedian).toFixed(2)} µs`}`);
await Promise.all([off.close(), unsampled.close(), recorded.close()]);
