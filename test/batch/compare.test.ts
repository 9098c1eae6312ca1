/** `tokligence compare` numbers on a small known results file (values worked out by hand). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barChart, percentile, summarize, toCsv } from '../../src/batch/compare.js';
import { parseResults } from '../../src/batch/jsonl.js';
import { costOf, priceFor } from '../../src/routing/prices.js';
import { runCompareCli } from '../../src/cli/compare.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/batch/results-small.jsonl');

describe('percentile', () => {
  it('interpolates linearly between closest ranks', () => {
    expect(percentile([100, 200, 300, 400], 50)).toBe(250);
    expect(percentile([400, 100, 300, 200], 95)).toBeCloseTo(385, 10);
    expect(percentile([50, 150, 250], 50)).toBe(150);
    expect(percentile([50, 150, 250], 95)).toBeCloseTo(240, 10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarize (the known file)', () => {
  const lines = parseResults(readFileSync(FIXTURE, 'utf8'));

  it('skips the half-written last line and counts a repeated (id, model) once', () => {
    expect(lines).toHaveLength(10);
    const [a, b] = summarize(lines);
    expect(a).toMatchObject({ model: 'model-a', calls: 4, errors: 0, errorRate: 0, p50: 250, inputTokens: 100, outputTokens: 40, meanOutputTokens: 10 });
    expect(a?.p95).toBeCloseTo(385, 10);
    expect(a?.meanLatency).toBe(250);
    expect(a?.costUsd).toBeCloseTo(0.01, 12);
    expect(b).toMatchObject({ model: 'model-b', calls: 5, errors: 2, errorRate: 0.4, p50: 150, inputTokens: 90, outputTokens: 120, meanOutputTokens: 40 });
    expect(b?.p95).toBeCloseTo(240, 10);
    expect(b?.costUsd).toBeCloseTo(0.09, 12);
  });

  it('CSV has one raw-number row per model', () => {
    expect(toCsv(summarize(lines))).toBe(
      'model,calls,errors,error_rate,p50_ms,p95_ms,mean_ms,input_tokens,output_tokens,mean_output_tokens,cost_usd\n' +
        'model-a,4,0,0,250,385,250,100,40,10,0.01\n' +
        'model-b,5,2,0.4,150,240,150,90,120,40,0.09\n',
    );
  });
});

describe('tokligence compare (CLI function)', () => {
  it('prints the table and writes CSV and a self-contained HTML report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-compare-'));
    const out: string[] = [];
    runCompareCli(FIXTURE, { csv: join(dir, 'o.csv'), html: join(dir, 'r.html') }, (l) => out.push(l));
    const table = out[0] ?? '';
    expect(table.split('\n')[0]).toMatch(/^model\s+calls\s+errors\s+error_rate\s+p50_ms\s+p95_ms/);
    expect(table).toMatch(/model-a\s+4\s+0\s+0\.0%\s+250\.0\s+385\.0/);
    expect(table).toMatch(/model-b\s+5\s+2\s+40\.0%\s+150\.0\s+240\.0/);
    expect(readFileSync(join(dir, 'o.csv'), 'utf8')).toContain('model-b,5,2,0.4,150,240');
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain('<td>model-b</td>');
    expect(html).toContain('exp=ab1');
    // Air-gapped: no scripts, no external stylesheets, images or fonts.
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('escapes model names in SVG and HTML', () => {
    expect(barChart('t', ['<b>x</b>'], [{ name: 's', values: [1] }])).toContain('&#60;b&#62;x');
  });
});

describe('prices', () => {
  it('longest prefix wins; provider prefix ignored; unknown models cost 0', () => {
    expect(priceFor('openai/gpt-4o-mini-2024-07-18')).toMatchObject({ input: 0.15, output: 0.6 });
    expect(priceFor('gpt-4o-2024-08-06')).toMatchObject({ input: 2.5, output: 10 });
    // GPT-4o's cached input is half price, and OpenAI charges nothing extra for writing the cache.
    expect(costOf('gpt-4o', { inputTokens: 1_000_000, outputTokens: 100_000, cacheReadTokens: 1_000_000, cacheWriteTokens: 0 })).toBeCloseTo(2.5 + 1 + 1.25, 10);
    // Anthropic: reads at 10%, writes at 125% of input.
    expect(costOf('anthropic/claude-sonnet-4-5-20250929', { inputTokens: 0, outputTokens: 0, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 })).toBeCloseTo(0.3 + 3.75, 10);
    // A config table wins, longest prefix first.
    expect(priceFor('gpt-4o-mini', { 'gpt-4o': { input: 1, output: 1 }, 'gpt-4o-mini': { input: 2, output: 2 } })).toEqual({ input: 2, output: 2 });
    expect(costOf('some-local-model', { inputTokens: 1000, outputTokens: 1000, cacheReadTokens: 0, cacheWriteTokens: 0 })).toBe(0);
  });
});
