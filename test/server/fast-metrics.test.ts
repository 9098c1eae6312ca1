import fc from 'fast-check';
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FastCounter, FastHistogram } from '../../src/server/fast-metrics.js';

/** Exposition lines with each line's labels sorted, so label order does not matter. */
function normalise(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.replace(/\{([^}]*)\}/, (_, inner: string) => `{${inner.split(/,(?=\w+=)/).sort().join(',')}}`))
    .sort();
}

describe('fast metrics render exactly what prom-client would', () => {
  const buckets = [0.005, 0.1, 1, 10];
  const sample = fc.array(fc.record({ dialect: fc.constantFrom('openai-chat', 'anthropic'), model: fc.constantFrom('gpt-x', 'claude "q"\\n'), value: fc.double({ min: 0, max: 20, noNaN: true }) }), { maxLength: 40 });

  it('histogram and counter, any sequence of observations', async () => {
    await fc.assert(
      fc.asyncProperty(sample, async (obs) => {
        const ours = new Registry();
        const theirs = new Registry();
        const fh = new FastHistogram('h_seconds', 'help', buckets);
        const fcnt = new FastCounter('c_total', 'help');
        fh.registerOn(ours);
        fcnt.registerOn(ours);
        const ph = new Histogram({ name: 'h_seconds', help: 'help', labelNames: ['dialect', 'model'], buckets, registers: [theirs] });
        const pc = new Counter({ name: 'c_total', help: 'help', labelNames: ['dialect', 'model'], registers: [theirs] });
        for (const o of obs) {
          const labels = { dialect: o.dialect, model: o.model };
          fh.observe(`${o.dialect}\u0000${o.model}`, () => labels, o.value);
          ph.observe(labels, o.value);
          fcnt.inc(`${o.dialect}\u0000${o.model}`, () => labels, 2);
          pc.inc(labels, 2);
        }
        const text = await ours.metrics();
        expect(normalise(text)).toEqual(normalise(await theirs.metrics()));
        expect(text).toContain('# TYPE h_seconds histogram');
        expect(text).toContain('# TYPE c_total counter');
      }),
      { numRuns: 100 },
    );
  });
});
