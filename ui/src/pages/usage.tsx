import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { BarChart, type Series } from '../chart.js';
import { type Directory, loadDirectory } from '../directory.js';
import { count, dayLabel, longDay, money, percent, short } from '../format.js';
import type { Savings, Totals, UsageReport } from '../types.js';
import { Card, csv, DataTable, download, ErrorNote, Loading, Page, Stat, useLoad } from '../ui.js';

type Preset = 'this-month' | 'last-month' | 'last-7' | 'last-30' | 'custom';
type By = 'user' | 'team' | 'model' | 'provider';
type Metric = 'cost' | 'tokens';

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY = 86_400_000;

/** The UTC days a preset covers, both included. */
export function rangeOf(preset: Preset, now = Date.now()): { from: string; to: string } {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (preset) {
    case 'last-month':
      return { from: iso(Date.UTC(y, m - 1, 1)), to: iso(Date.UTC(y, m, 0)) };
    case 'last-7':
      return { from: iso(now - 6 * DAY), to: iso(now) };
    case 'last-30':
      return { from: iso(now - 29 * DAY), to: iso(now) };
    default:
      return { from: iso(Date.UTC(y, m, 1)), to: iso(Date.UTC(y, m + 1, 0)) };
  }
}

/** Every UTC day from `from` to `to`, so days without calls show as empty bars, not as gaps closed up. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && out.length < 400; t += DAY) out.push(iso(t));
  return out;
}

const BY_LABEL: Record<By, string> = { user: 'person', team: 'team', model: 'model', provider: 'provider' };
const tokensOf = (t: Totals) => t.inputTokens + t.outputTokens + t.cacheReadTokens + t.cacheWriteTokens;

/** Groups × splits → the chart's series (one per split value), largest series first. */
function pivot(groups: Totals[], labelsOf: (g: string) => string, splitName: (s: string) => string, value: (t: Totals) => number, order?: string[]): { labels: string[]; keys: string[]; series: Series[] } {
  const keys = order ?? [...new Set(groups.map((g) => g.group ?? ''))];
  const index = new Map(keys.map((k, i) => [k, i]));
  const bySplit = new Map<string, number[]>();
  for (const g of groups) {
    const i = index.get(g.group ?? '');
    if (i === undefined) continue;
    const split = g.split ?? '';
    let data = bySplit.get(split);
    if (!data) bySplit.set(split, (data = keys.map(() => 0)));
    data[i] = (data[i] ?? 0) + value(g);
  }
  const series = [...bySplit.entries()]
    .map(([split, data]) => ({ label: splitName(split), data }))
    .sort((a, b) => b.data.reduce((n, v) => n + v, 0) - a.data.reduce((n, v) => n + v, 0));
  return { labels: keys.map(labelsOf), keys, series };
}

export function UsagePage() {
  const [preset, setPreset] = useState<Preset>('this-month');
  const [custom, setCustom] = useState(() => rangeOf('this-month'));
  const [by, setBy] = useState<By>('user');
  const [metric, setMetric] = useState<Metric>('cost');
  const range = preset === 'custom' ? custom : rangeOf(preset);
  const q = `from=${range.from}&to=${range.to}`;
  const { data, error, loading } = useLoad(async () => {
    const [people, overTime, sessions, savings, dir] = await Promise.all([
      get<UsageReport>(`/admin/usage?${q}&group_by=user&split_by=model`),
      get<UsageReport>(`/admin/usage?${q}&group_by=day&split_by=${by}`),
      get<UsageReport>(`/admin/usage?${q}&group_by=session`),
      get<Savings>(`/admin/usage/savings?${q}`),
      loadDirectory(),
    ]);
    return { people, overTime, sessions, savings, dir };
  }, [q, by]);

  const value = metric === 'cost' ? (t: Totals) => t.costUsd : tokensOf;
  const fmt = metric === 'cost' ? money : short;
  const splitName = (dir: Directory) => (s: string) => (by === 'user' ? dir.user(s) : by === 'team' ? dir.team(s) : s || '(none)');

  return (
    <Page title="Usage and cost" intro="Who spent what, on which model, over the days you pick. Times and days are UTC; amounts are USD at the gateway's prices.">
      <form class="controls" onSubmit={(e) => e.preventDefault()} aria-label="Period and grouping">
        <label>
          Period
          <select value={preset} onChange={(e) => setPreset(e.currentTarget.value as Preset)}>
            <option value="this-month">This month</option>
            <option value="last-month">Last month</option>
            <option value="last-7">Last 7 days</option>
            <option value="last-30">Last 30 days</option>
            <option value="custom">Custom…</option>
          </select>
        </label>
        {preset === 'custom' && (
          <>
            <label>
              From
              <input type="date" value={custom.from} max={custom.to} onChange={(e) => e.currentTarget.value && setCustom({ ...custom, from: e.currentTarget.value })} />
            </label>
            <label>
              To
              <input type="date" value={custom.to} min={custom.from} onChange={(e) => e.currentTarget.value && setCustom({ ...custom, to: e.currentTarget.value })} />
            </label>
          </>
        )}
        <label>
          Over time, by
          <select value={by} onChange={(e) => setBy(e.currentTarget.value as By)}>
            <option value="user">Person</option>
            <option value="team">Team</option>
            <option value="model">Model</option>
            <option value="provider">Provider</option>
          </select>
        </label>
        <fieldset class="toggle">
          <legend>Show</legend>
          {(['cost', 'tokens'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="metric" value={m} checked={metric === m} onChange={() => setMetric(m)} />
              {m === 'cost' ? 'Cost' : 'Tokens'}
            </label>
          ))}
        </fieldset>
        <p class="range" aria-live="polite">
          {longDay(range.from)} – {longDay(range.to)}
        </p>
      </form>
      <ErrorNote error={error} />
      {loading && !data && <Loading />}
      {data && <UsageBody data={data} value={value} fmt={fmt} metric={metric} by={by} splitName={splitName(data.dir)} range={range} />}
    </Page>
  );
}

function UsageBody({
  data,
  value,
  fmt,
  metric,
  by,
  splitName,
  range,
}: {
  data: { people: UsageReport; overTime: UsageReport; sessions: UsageReport; savings: Savings; dir: Directory };
  value: (t: Totals) => number;
  fmt: (n: number) => string;
  metric: Metric;
  by: By;
  splitName: (s: string) => string;
  range: { from: string; to: string };
}) {
  const { people, overTime, sessions, savings, dir } = data;
  const total = people.total;
  const perPerson = pivot(people.groups, (id) => dir.user(id), (m) => m || '(no model)', value);
  const dayKeys = days(range.from, range.to);
  const perDay = pivot(overTime.groups, dayLabel, splitName, value, dayKeys);
  const saved = savings.responseCache.savedUsd + savings.promptCache.savedUsd;
  const exportPeople = () =>
    download(
      `usage-${range.from}-${range.to}-by-person-and-model.csv`,
      csv(
        ['from', 'to', 'user_id', 'user', 'model', 'requests', 'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'cost_usd', 'errors'],
        people.groups.map((g) => [range.from, range.to, g.group, dir.user(g.group), g.split, g.requests, g.inputTokens, g.outputTokens, g.cacheReadTokens, g.cacheWriteTokens, g.costUsd, g.errors]),
      ),
    );
  const exportDays = () =>
    download(
      `usage-${range.from}-${range.to}-per-day-by-${by}.csv`,
      csv(
        ['day', by, 'requests', 'input_tokens', 'output_tokens', 'cost_usd'],
        overTime.groups.map((g) => [g.group, splitName(g.split ?? ''), g.requests, g.inputTokens, g.outputTokens, g.costUsd]),
      ),
    );
  return (
    <>
      <div class="stats">
        <Stat label="Cost" value={money(total.costUsd)} />
        <Stat label="Calls" value={count(total.requests)} note={total.errors ? `${count(total.errors)} failed` : undefined} />
        <Stat label="Tokens" value={short(tokensOf(total))} note={`${short(total.inputTokens)} in · ${short(total.outputTokens)} out`} />
        <Stat label="Saved by caches (est.)" value={money(saved)} note={`${count(savings.responseCache.hits)} cached answers (${percent(savings.responseCache.hits, savings.responseCache.requests)}) · ${short(savings.promptCache.readTokens)} prompt-cache tokens`} />
      </div>
      <Card
        title={`${metric === 'cost' ? 'Spend' : 'Tokens'} per person and model`}
        id="chart-people"
        actions={
          <button type="button" onClick={exportPeople}>
            Download CSV
          </button>
        }
      >
        <BarChart title={`${metric === 'cost' ? 'Spend' : 'Tokens'} per person, by model`} labels={perPerson.labels} series={perPerson.series} horizontal format={fmt} />
      </Card>
      <Card
        title={`${metric === 'cost' ? 'Spend' : 'Tokens'} per day, by ${BY_LABEL[by]}`}
        id="chart-days"
        actions={
          <button type="button" onClick={exportDays}>
            Download CSV
          </button>
        }
      >
        <BarChart title={`${metric === 'cost' ? 'Spend' : 'Tokens'} per day, by ${BY_LABEL[by]}`} labels={perDay.labels} series={perDay.series} format={fmt} />
      </Card>
      <div class="two">
        <Card title="Top sessions" id="top-sessions">
          <TopSessions report={sessions} />
        </Card>
        <Card title="Cache savings (estimated)" id="savings">
          <dl class="facts">
            <dt>Answers from the response cache</dt>
            <dd>
              {count(savings.responseCache.hits)} of {count(savings.responseCache.requests)} calls · {money(savings.responseCache.savedUsd)} not spent
            </dd>
            <dt>Prompt-cache reads</dt>
            <dd>
              {short(savings.promptCache.readTokens)} tokens · {money(savings.promptCache.savedUsd)} less than at the input price
            </dd>
          </dl>
          <p class="hint">A cached answer is priced as if the model asked for had been called with the same tokens.</p>
        </Card>
      </div>
    </>
  );
}

function TopSessions({ report }: { report: UsageReport }) {
  const top = report.groups.filter((g) => g.group).slice(0, 10);
  if (top.length === 0) return <p class="empty">No calls carried a session id (header x-tokligence-session) in this period.</p>;
  return (
    <DataTable label="Top sessions" columns={['Session', { label: 'Calls', num: true }, { label: 'Tokens', num: true }, { label: 'Cost', num: true }]}>
      {top.map((s) => (
        <tr key={s.group}>
          <td class="mono">{s.group}</td>
          <td class="num">{count(s.requests)}</td>
          <td class="num">{short(tokensOf(s))}</td>
          <td class="num">{money(s.costUsd)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
