import { useState } from 'preact/hooks';
import { ApiError, type Me, get } from '../api.js';
import { loadDirectory } from '../directory.js';
import { when } from '../format.js';
import type { ListedAuditRow } from '../types.js';
import { Card, DataTable, ErrorNote, Loading, Page, useLoad } from '../ui.js';

interface Verification {
  ok: boolean;
  rows?: number;
  message?: string;
}

const PAGE_SIZES = [10, 50, 200];

/** The day after a `yyyy-mm-dd` date: the API's `to` is exclusive, the form's "To" day is included. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The admin API's filters for the form's values (empty fields left out). */
function filterQuery(f: { kind: string; actor: string; from: string; to: string }): string {
  const q = new URLSearchParams();
  if (f.kind) q.set('kind', f.kind);
  if (f.actor.trim()) q.set('actor', f.actor.trim());
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', dayAfter(f.to));
  return q.toString();
}

export function AuditPage({ me }: { me: Me }) {
  const [filter, setFilter] = useState({ kind: '', actor: '', from: '', to: '' });
  const [actor, setActor] = useState('');
  // Cursors of the pages before this one: paging back pops one.
  const [cursors, setCursors] = useState<string[]>([]);
  const [size, setSize] = useState(50);
  const [verified, setVerified] = useState<Verification>();
  const [verifyError, setVerifyError] = useState<unknown>();
  const query = filterQuery(filter);
  const cursor = cursors[cursors.length - 1];
  const { data, error, loading } = useLoad(
    () => get<{ data: ListedAuditRow[]; next_cursor: string | null }>(`/admin/audit?limit=${size}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    [query, cursor, size],
  );
  const refine = (change: Partial<typeof filter>) => {
    setFilter({ ...filter, ...change });
    setCursors([]);
  };
  const dir = useLoad(loadDirectory, []);
  const off = error instanceof ApiError && error.status === 404;
  return (
    <Page title="Audit trail" intro="Every call, security finding and admin action, in order, chained so that an edited, inserted or deleted row is found.">
      {off ? (
        <Card>
          <p class="empty">The audit log is not available on this gateway: {(error as Error).message}</p>
        </Card>
      ) : (
        <>
          <Card title="Integrity" id="audit-verify">
            {me.global ? (
              <p>
                <button
                  type="button"
                  class="primary"
                  onClick={async () => {
                    setVerifyError(undefined);
                    setVerified(undefined);
                    try {
                      setVerified(await get<Verification>('/admin/audit/verify'));
                    } catch (e) {
                      setVerifyError(e);
                    }
                  }}
                >
                  Verify the chain
                </button>
              </p>
            ) : (
              <p class="muted">The chain spans every tenant: an admin of the whole gateway verifies it.</p>
            )}
            <ErrorNote error={verifyError} />
            {verified && (
              <p class={verified.ok ? 'ok' : 'error'} role="status">
                {verified.ok ? `The chain verifies${verified.rows !== undefined ? ` (${verified.rows} rows)` : ''}.` : `The chain is broken: ${verified.message}`}
              </p>
            )}
          </Card>
          <Card title="Rows" id="audit-rows">
            <form
              class="controls"
              aria-label="Filter audit rows"
              onSubmit={(e) => {
                e.preventDefault();
                refine({ actor });
              }}
            >
              <label>
                Kind
                <select value={filter.kind} onChange={(e) => refine({ kind: e.currentTarget.value })}>
                  <option value="">All</option>
                  <option value="request">Calls</option>
                  <option value="security">Security</option>
                  <option value="admin">Admin actions</option>
                  <option value="retention">Retention</option>
                </select>
              </label>
              <label>
                Actor
                {/* Applied on Enter (Filter) or leaving the field, not per keystroke. */}
                <input type="search" value={actor} placeholder="user id or key" onInput={(e) => setActor(e.currentTarget.value)} onBlur={() => actor !== filter.actor && refine({ actor })} />
              </label>
              <label>
                From
                <input type="date" value={filter.from} onChange={(e) => refine({ from: e.currentTarget.value })} />
              </label>
              <label>
                To
                <input type="date" value={filter.to} onChange={(e) => refine({ to: e.currentTarget.value })} />
              </label>
              <button type="submit">Filter</button>
              <a class="button" href={`/admin/audit/export?format=csv${query ? `&${query}` : ''}`} download>
                Export CSV
              </a>
              <a class="button" href={`/admin/audit/export?format=jsonl${query ? `&${query}` : ''}`} download>
                Export JSON
              </a>
            </form>
            <ErrorNote error={error} />
            {loading && !data && <Loading />}
            {data &&
              (data.data.length === 0 ? (
                <p class="empty">No rows{query ? ' match these filters' : ''}.</p>
              ) : (
                <DataTable label="Audit rows" columns={['#', 'Time', 'What', 'Who', 'Target', 'Decision']}>
                  {data.data.map((r) => (
                    <tr key={r.seq} data-seq={r.seq}>
                      <td class="num">{r.seq}</td>
                      <td>{when(r.ts)}</td>
                      <td>
                        <span class="mono">{r.action}</span>
                        <div class="muted small">{r.kind}</div>
                      </td>
                      <td title={r.actor}>
                        {r.actor ? (dir.data?.user(r.actor) ?? r.actor) : '—'}
                        {r.role && <div class="muted small">{r.role}</div>}
                      </td>
                      <td class="mono">{r.target ?? r.model ?? r.route ?? '—'}</td>
                      <td>
                        {r.decision ?? '—'}
                        {r.findings?.length ? <div class="muted small">{r.findings.map((f) => `${f.source}: ${f.action}`).join(', ')}</div> : null}
                      </td>
                    </tr>
                  ))}
                </DataTable>
              ))}
            <nav class="pager" aria-label="Audit pages">
              <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous
              </button>
              <span class="muted small">Page {cursors.length + 1}</span>
              <label class="inline">
                Rows per page
                <select
                  value={size}
                  onChange={(e) => {
                    setSize(Number(e.currentTarget.value));
                    setCursors([]);
                  }}
                >
                  {PAGE_SIZES.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" disabled={!data?.next_cursor} onClick={() => data?.next_cursor && setCursors([...cursors, data.next_cursor])}>
                Next
              </button>
            </nav>
          </Card>
        </>
      )}
    </Page>
  );
}
