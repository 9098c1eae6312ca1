import { useState } from 'preact/hooks';
import { ApiError, get } from '../api.js';
import { when } from '../format.js';
import { Card, ErrorNote, Loading, Page, useLoad } from '../ui.js';

interface AuditRow {
  seq: number;
  ts: number;
  tenant: string;
  kind: string;
  action: string;
  actor?: string;
  role?: string;
  route?: string;
  model?: string;
  decision?: string;
  status?: number;
  target?: string;
  findings?: Array<{ source: string; action: string; category?: string }>;
}

interface Verification {
  ok: boolean;
  rows?: number;
  message?: string;
}

export function AuditPage() {
  const [filter, setFilter] = useState({ kind: '', actor: '', from: '', to: '' });
  const [verified, setVerified] = useState<Verification>();
  const [verifyError, setVerifyError] = useState<unknown>();
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v)).toString();
  const { data, error, loading } = useLoad(() => get<{ data: AuditRow[] }>(`/admin/audit${query ? `?${query}` : ''}`), [query]);
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
            <ErrorNote error={verifyError} />
            {verified && (
              <p class={verified.ok ? 'ok' : 'error'} role="status">
                {verified.ok ? `The chain verifies${verified.rows !== undefined ? ` (${verified.rows} rows)` : ''}.` : `The chain is broken: ${verified.message}`}
              </p>
            )}
          </Card>
          <Card title="Rows" id="audit-rows">
            <form class="controls" onSubmit={(e) => e.preventDefault()} aria-label="Filter audit rows">
              <label>
                Kind
                <select value={filter.kind} onChange={(e) => setFilter({ ...filter, kind: e.currentTarget.value })}>
                  <option value="">All</option>
                  <option value="request">Calls</option>
                  <option value="security">Security</option>
                  <option value="admin">Admin actions</option>
                  <option value="retention">Retention</option>
                </select>
              </label>
              <label>
                From
                <input type="date" value={filter.from} onChange={(e) => setFilter({ ...filter, from: e.currentTarget.value })} />
              </label>
              <label>
                To
                <input type="date" value={filter.to} onChange={(e) => setFilter({ ...filter, to: e.currentTarget.value })} />
              </label>
              <a class="button" href={`/admin/audit/export?format=csv${query ? `&${query}` : ''}`} download>
                Export CSV
              </a>
              <a class="button" href={`/admin/audit/export?format=jsonl${query ? `&${query}` : ''}`} download>
                Export JSONL
              </a>
            </form>
            <ErrorNote error={error} />
            {loading && !data && <Loading />}
            {data && (
              <div class="table-wrap">
                <table class="data" aria-label="Audit rows">
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">Time</th>
                      <th scope="col">What</th>
                      <th scope="col">Who</th>
                      <th scope="col">Target</th>
                      <th scope="col">Decision</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.data.map((r) => (
                      <tr key={r.seq}>
                        <td class="num">{r.seq}</td>
                        <td>{when(r.ts)}</td>
                        <td>
                          <span class="mono">{r.action}</span>
                          <div class="muted small">{r.kind}</div>
                        </td>
                        <td>
                          {r.actor ?? '—'}
                          {r.role && <div class="muted small">{r.role}</div>}
                        </td>
                        <td class="mono">{r.target ?? r.model ?? r.route ?? '—'}</td>
                        <td>
                          {r.decision ?? '—'}
                          {r.findings?.length ? <div class="muted small">{r.findings.map((f) => `${f.source}: ${f.action}`).join(', ')}</div> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </>
      )}
    </Page>
  );
}
