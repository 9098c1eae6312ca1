import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';

const FILES = join(import.meta.dirname, '../../charts/tokligence/files');
const dashboard = JSON.parse(readFileSync(join(FILES, 'grafana-dashboard.json'), 'utf8'));
const alerts = parseYaml(readFileSync(join(FILES, 'prometheus-alerts.yaml'), 'utf8')) as { groups: Array<{ name: string; rules: Array<{ alert: string; expr: string; for?: string }> }> };

/** The metric names a PromQL expression selects; throws on a syntax error (the official Prometheus grammar). */
async function metricNames(expr: string): Promise<string[]> {
  // Grafana's own variables, as Grafana substitutes them before Prometheus sees the query.
  const promql = expr.replaceAll('$__rate_interval', '5m').replaceAll('$__interval', '1m');
  const { parser } = (await import('@prometheus-io/lezer-promql' as string)) as { parser: { parse(s: string): LezerTree } };
  const names: string[] = [];
  const errors: number[] = [];
  parser.parse(promql).iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.push(promql.slice(node.from, node.to));
    },
  });
  if (errors.length) throw new Error(`PromQL syntax error at ${errors[0]} in: ${promql}`);
  return names;
}
interface LezerNode {
  name: string;
  from: number;
  to: number;
  type: { isError: boolean };
  node: { parent: { name: string } | null };
}
interface LezerTree {
  iterate(spec: { enter(node: LezerNode): void }): void;
}

let exposed: Set<string>;
let close: () => Promise<void>;
beforeAll(async () => {
  // A real server: its /metrics after a few calls (success, an error, a cache hit), scraped over HTTP.
  const tk = new Tokligence({ env: {}, configFile: false, cache: { enabled: true } } as never);
  const server = createServer(tk, { logLevel: 'silent' });
  const listening = await server.listen(0, '127.0.0.1');
  close = async () => {
    await listening.close();
    await tk.close();
  };
  const call = (model: string) =>
    fetch(`${listening.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }) });
  await call('mock-1');
  await tk.flushCache();
  await call('mock-1');
  await call('nope/unknown');
  const text = await (await fetch(`${listening.url}/metrics`)).text();
  exposed = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    exposed.add(name!);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) exposed.add(`${name}${suffix}`);
  }
});
afterAll(() => close());

describe('Grafana dashboard and Prometheus alert rules', () => {
  it('the dashboard is valid JSON with a Prometheus datasource variable and queries on every panel', () => {
    expect(dashboard.uid).toBe('tokligence-gateway');
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }));
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(10);
    for (const panel of dashboard.panels) expect(panel.targets.length, panel.title).toBeGreaterThan(0);
  });

  it('the dashboard covers requests, errors, latency, tokens, cost, cache, budgets and security events', async () => {
    const used = new Set<string>();
    for (const panel of dashboard.panels) for (const t of panel.targets) for (const n of await metricNames(t.expr)) used.add(n);
    for (const m of [
      'tokligence_requests_total',
      'tokligence_errors_total',
      'tokligence_request_duration_seconds_bucket',
      'tokligence_tokens_total',
      'tokligence_cost_usd_total',
      'tokligence_cache_requests_total',
      'tokligence_security_events_total',
    ])
      expect(used, m).toContain(m);
  });

  it('every metric a dashboard panel queries exists in a real server\'s /metrics, and every query parses', async () => {
    for (const panel of dashboard.panels)
      for (const t of panel.targets) for (const name of await metricNames(t.expr)) expect(exposed.has(name), `${panel.title}: ${name} is not in /metrics`).toBe(true);
  });

  it('every alert rule parses and uses only metrics that exist in /metrics', async () => {
    const rules = alerts.groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(5);
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^Tokligence[A-Z]\w+$/);
      if (rule.for) expect(rule.for).toMatch(/^\d+[smh]$/);
      for (const name of await metricNames(rule.expr)) expect(exposed.has(name), `${rule.alert}: ${name} is not in /metrics`).toBe(true);
    }
  });

  it('the checks can fail: a misspelt metric and a broken query are caught', async () => {
    expect(exposed.has('tokligence_request_total')).toBe(false);
    await expect(metricNames('sum(rate(tokligence_requests_total[5m])')).rejects.toThrow(/syntax error/);
  });
});
