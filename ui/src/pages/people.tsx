import { useState } from 'preact/hooks';
import { type Me, all, canWrite, post } from '../api.js';
import { type Directory, loadDirectory } from '../directory.js';
import { FormEnd, MoneyField, num, useForm } from '../form.js';
import { money, when } from '../format.js';
import type { BudgetPeriod, BudgetStatus } from '../types.js';
import { Card, ConfirmButton, DataTable, ErrorNote, Loading, Page, useLoad } from '../ui.js';

export function PeoplePage({ me }: { me: Me }) {
  const { data, error, loading, reload } = useLoad(async () => {
    const [users, teams, dir] = await Promise.all([all<BudgetStatus>('/admin/budgets/users'), all<BudgetStatus>('/admin/budgets/teams'), loadDirectory()]);
    return { users, teams, dir };
  }, []);
  const writable = canWrite(me);
  return (
    <Page title="Users and teams" intro="Budgets in USD, today and this month (UTC), with what is left. A cap marked default comes from the gateway's team.quotas.">
      <ErrorNote error={error} />
      {loading && !data && <Loading />}
      {data && (
        <>
          <Card title="Teams" id="teams">
            <BudgetTable rows={data.teams} dir={data.dir} kind="team" />
            {writable && <CreateTeam onCreated={reload} />}
          </Card>
          <Card title="Users" id="users">
            <BudgetTable rows={data.users} dir={data.dir} kind="user" writable={writable} onChange={reload} />
            {writable && <CreateUser dir={data.dir} onCreated={reload} />}
          </Card>
        </>
      )}
    </Page>
  );
}

function Budget({ p }: { p: BudgetPeriod }) {
  if (p.limit === undefined)
    return (
      <span>
        {money(p.spent)} spent <span class="muted">· no cap</span>
      </span>
    );
  const used = p.limit > 0 ? Math.min(1, p.spent / p.limit) : 1;
  return (
    <div class="budget">
      <div>
        <strong>{money(p.left ?? 0)}</strong> left of {money(p.limit)}
        {p.source === 'default' && <span class="muted"> (default)</span>}
      </div>
      <meter min={0} max={1} low={0.75} high={0.9} optimum={0} value={used} aria-label={`${Math.round(used * 100)}% used`} />
      <div class="muted small">
        {money(p.spent)} spent{p.reserved > 0 ? ` · ${money(p.reserved)} leased to gateways` : ''} · resets {when(Date.parse(p.resetsAt))}
      </div>
    </div>
  );
}

function BudgetTable({ rows, dir, kind, writable, onChange }: { rows: BudgetStatus[]; dir: Directory; kind: 'user' | 'team'; writable?: boolean; onChange?: () => void }) {
  const [error, setError] = useState<unknown>();
  if (rows.length === 0) return <p class="empty">No {kind}s yet.</p>;
  const users = new Map(dir.users.map((u) => [u.id, u]));
  return (
    <>
      <ErrorNote error={error} />
      <DataTable label={kind === 'user' ? 'Users and their budgets' : 'Teams and their budgets'} columns={['Name', kind === 'user' && 'Team', 'This month', 'Today', kind === 'user' && 'Status', writable && 'Action']}>
        {rows.map((r) => {
          const u = users.get(r.id);
          return (
            <tr key={r.id}>
              <th scope="row">
                {r.name}
                {u?.email && <div class="muted small">{u.email}</div>}
                {u?.role && <div class="muted small">{u.role}</div>}
              </th>
              {kind === 'user' && <td>{r.teamId ? dir.team(r.teamId) : <span class="muted">—</span>}</td>}
              <td>
                <Budget p={r.monthly} />
              </td>
              <td>
                <Budget p={r.daily} />
              </td>
              {kind === 'user' && (
                <td>
                  <span class={`badge ${r.disabled ? 'revoked' : 'active'}`}>{r.disabled ? 'disabled' : 'active'}</span>
                </td>
              )}
              {writable && (
                <td>
                  {r.disabled ? (
                    <button type="button" onClick={() => post(`/admin/users/${encodeURIComponent(r.id)}/enable`).then(onChange, setError)}>
                      Enable
                    </button>
                  ) : (
                    <ConfirmButton label="Disable" confirm={`Disable ${r.name}? Their keys stop working at once.`} onConfirm={() => post(`/admin/users/${encodeURIComponent(r.id)}/disable`).then(onChange, setError)} />
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}

function CreateUser({ dir, onCreated }: { dir: Directory; onCreated: () => void }) {
  const { error, busy, submit, invalid } = useForm(async (f) => {
    const s = (n: string) => String(f.get(n) ?? '').trim();
    await post('/admin/users', {
      name: s('name'),
      ...(s('email') ? { email: s('email') } : {}),
      ...(s('team') ? { team: s('team') } : {}),
      ...(num(s('quota')) !== undefined ? { quota: num(s('quota')) } : {}),
      ...(num(s('daily')) !== undefined ? { daily_quota: num(s('daily')) } : {}),
    });
  }, onCreated);
  return (
    <details class="add">
      <summary>Add a user</summary>
      <form class="form" onSubmit={submit}>
        <label>
          Name
          <input name="name" required maxLength={64} aria-invalid={invalid('name')} />
        </label>
        <label>
          Email <span class="muted">(optional)</span>
          <input name="email" type="email" aria-invalid={invalid('email')} />
        </label>
        <label>
          Team <span class="muted">(optional)</span>
          <select name="team" aria-invalid={invalid('team')}>
            <option value="">No team</option>
            {dir.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <MoneyField label="Monthly budget" name="quota" field="quota" invalid={invalid} />
        <MoneyField label="Daily budget" name="daily" field="daily_quota" invalid={invalid} />
        <FormEnd error={error} busy={busy} label="Add user" />
      </form>
    </details>
  );
}

function CreateTeam({ onCreated }: { onCreated: () => void }) {
  const { error, busy, submit, invalid } = useForm(async (f) => {
    const s = (n: string) => String(f.get(n) ?? '').trim();
    await post('/admin/teams', {
      name: s('name'),
      ...(num(s('monthly')) !== undefined ? { monthly_budget: num(s('monthly')) } : {}),
      ...(num(s('daily')) !== undefined ? { daily_budget: num(s('daily')) } : {}),
    });
  }, onCreated);
  return (
    <details class="add">
      <summary>Add a team</summary>
      <form class="form" onSubmit={submit}>
        <label>
          Name
          <input name="name" required maxLength={64} aria-invalid={invalid('name')} />
        </label>
        <MoneyField label="Monthly budget" name="monthly" field="budget" invalid={invalid} />
        <MoneyField label="Daily budget" name="daily" field="daily_budget" invalid={invalid} />
        <FormEnd error={error} busy={busy} label="Add team" />
      </form>
    </details>
  );
}
