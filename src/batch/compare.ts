/**
 * `tokligence compare`: per-model statistics of a results file, as a table, CSV, and a
 * self-contained HTML report with inline SVG charts (no scripts, no CDN: it opens air-gapped).
 */
import type { ResultLine } from './jsonl.js';

export interface ModelSummary {
  model: string;
  calls: number;
  errors: number;
  errorRate: number;
  /** Latency percentiles over successful calls, ms (linear interpolation between closest ranks). */
  p50: number;
  p95: number;
  meanLatency: number;
  inputTokens: number;
  outputTokens: number;
  meanOutputTokens: number;
  costUsd: number;
}

/** Percentile with linear interpolation (numpy's default): p95 of [100,200,300,400] is 385. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (rank - lo);
}

/** Group by model, in first-seen order. If a (row, model) appears twice, the last line wins. */
export function summarize(lines: ResultLine[]): ModelSummary[] {
  const latest = new Map<string, ResultLine>();
  for (const l of lines) latest.set(`${l.id}\u0000${l.model}`, l);
  const byModel = new Map<string, ResultLine[]>();
  for (const l of latest.values()) byModel.set(l.model, [...(byModel.get(l.model) ?? []), l]);
  return [...byModel].map(([model, rows]) => {
    const ok = rows.filter((r) => r.ok);
    const latencies = ok.map((r) => r.latency_ms);
    const sum = (f: (r: ResultLine) => number) => rows.reduce((n, r) => n + (f(r) || 0), 0);
    const outputTokens = sum((r) => r.output_tokens);
    return {
      model,
      calls: rows.length,
      errors: rows.length - ok.length,
      errorRate: (rows.length - ok.length) / rows.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      meanLatency: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : Number.NaN,
      inputTokens: sum((r) => r.input_tokens),
      outputTokens,
      meanOutputTokens: ok.length ? outputTokens / ok.length : 0,
      costUsd: sum((r) => r.cost_usd),
    };
  });
}

const fmt = (n: number, digits = 1) => (Number.isNaN(n) ? '-' : n.toFixed(digits));

const COLUMNS: Array<[string, (s: ModelSummary) => string]> = [
  ['model', (s) => s.model],
  ['calls', (s) => String(s.calls)],
  ['errors', (s) => String(s.errors)],
  ['error_rate', (s) => `${fmt(s.errorRate * 100)}%`],
  ['p50_ms', (s) => fmt(s.p50)],
  ['p95_ms', (s) => fmt(s.p95)],
  ['mean_ms', (s) => fmt(s.meanLatency)],
  ['input_tokens', (s) => String(s.inputTokens)],
  ['output_tokens', (s) => String(s.outputTokens)],
  ['mean_output_tokens', (s) => fmt(s.meanOutputTokens)],
  ['cost_usd', (s) => s.costUsd.toFixed(6)],
];

/** A plain-text table for the terminal. */
export function formatTable(summaries: ModelSummary[]): string {
  const rows = [COLUMNS.map(([h]) => h), ...summaries.map((s) => COLUMNS.map(([, f]) => f(s)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ')).join('\n');
}

/** CSV with raw numbers (error_rate as a fraction), one row per model. */
export function toCsv(summaries: ModelSummary[]): string {
  const header = 'model,calls,errors,error_rate,p50_ms,p95_ms,mean_ms,input_tokens,output_tokens,mean_output_tokens,cost_usd';
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const n = (v: number) => (Number.isNaN(v) ? '' : String(Math.round(v * 1e6) / 1e6));
  const lines = summaries.map((s) =>
    [q(s.model), s.calls, s.errors, n(s.errorRate), n(s.p50), n(s.p95), n(s.meanLatency), s.inputTokens, s.outputTokens, n(s.meanOutputTokens), n(s.costUsd)].join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

/** A horizontal bar chart as inline SVG; several series per model are drawn as grouped bars. */
export function barChart(title: string, labels: string[], series: Array<{ name: string; values: number[] }>, unit = ''): string {
  const barH = 14;
  const gap = 10;
  const labelW = 200;
  const plotW = 420;
  const groupH = series.length * barH + gap;
  const height = 30 + labels.length * groupH + (series.length > 1 ? 20 : 0);
  const max = Math.max(1e-9, ...series.flatMap((s) => s.values.filter((v) => Number.isFinite(v))));
  const parts: string[] = [];
  parts.push(`<text x="0" y="16" font-weight="bold">${esc(title)}</text>`);
  labels.forEach((label, i) => {
    const y0 = 28 + i * groupH;
    parts.push(`<text x="${labelW - 8}" y="${y0 + (series.length * barH) / 2 + 4}" text-anchor="end">${esc(label)}</text>`);
    series.forEach((s, j) => {
      const v = s.values[i] ?? Number.NaN;
      const w = Number.isFinite(v) ? Math.max(1, (v / max) * plotW) : 0;
      const y = y0 + j * barH;
      parts.push(`<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${PALETTE[j % PALETTE.length]}"><title>${esc(`${label} ${s.name}: ${fmt(v, 2)}${unit}`)}</title></rect>`);
      parts.push(`<text x="${labelW + w + 4}" y="${y + barH - 4}" font-size="11">${Number.isFinite(v) ? esc(`${fmt(v, v < 1 ? 4 : 1)}${unit}`) : 'n/a'}</text>`);
    });
  });
  if (series.length > 1)
    series.forEach((s, j) => {
      const x = labelW + j * 110;
      parts.push(`<rect x="${x}" y="${height - 14}" width="10" height="10" fill="${PALETTE[j % PALETTE.length]}"/><text x="${x + 14}" y="${height - 5}" font-size="11">${esc(s.name)}</text>`);
    });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + plotW + 90}" height="${height}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="${esc(title)}">${parts.join('')}</svg>`;
}

/** The whole report: summary table and charts, one file, no external resources. */
export function toHtml(summaries: ModelSummary[], meta: { source: string; generatedAt?: Date; tags?: Record<string, string[]> } = { source: '' }): string {
  const labels = summaries.map((s) => s.model);
  const charts = [
    barChart('Latency (ms, successful calls)', labels, [
      { name: 'p50', values: summaries.map((s) => s.p50) },
      { name: 'p95', values: summaries.map((s) => s.p95) },
    ], ' ms'),
    barChart('Cost (USD, total)', labels, [{ name: 'cost', values: summaries.map((s) => s.costUsd) }], ' $'),
    barChart('Tokens (total)', labels, [
      { name: 'input', values: summaries.map((s) => s.inputTokens) },
      { name: 'output', values: summaries.map((s) => s.outputTokens) },
    ]),
    barChart('Error rate (%)', labels, [{ name: 'errors', values: summaries.map((s) => s.errorRate * 100) }], '%'),
  ];
  const table = `<table><thead><tr>${COLUMNS.map(([h]) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${summaries
    .map((s) => `<tr>${COLUMNS.map(([, f]) => `<td>${esc(f(s))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
  const tags = Object.entries(meta.tags ?? {})
    .map(([k, v]) => `<code>${esc(k)}=${esc(v.join('|'))}</code>`)
    .join(' ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tokligence comparison: ${esc(meta.source)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ddd;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}th{background:#f3f4f6}.charts svg{display:block;margin:1.5rem 0}</style>
</head><body>
<h1>Model comparison</h1>
<p>Source: <code>${esc(meta.source)}</code> · generated ${esc((meta.generatedAt ?? new Date()).toISOString())}${tags ? ` · tags ${tags}` : ''}</p>
${table}
<div class="charts">${charts.join('\n')}</div>
<p><small>Latency percentiles are over successful calls (linear interpolation). Cost is estimated from token usage and a list-price table; unknown models count as 0.</small></p>
</body></html>
`;
}
