import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { loadDirectory } from '../directory.js';
import { clock, count, money, ms } from '../format.js';
import type { Call } from '../types.js';
import { Card, DataTable, ErrorNote, Loading, Page, useLoad } from '../ui.js';

const EVERY_MS = 5000;

/** The latest calls from the usage ledger (every gateway instance writes there), refreshed every few seconds. */
export function LivePage() {
  const [paused, setPaused] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (paused) return;
    const t = setInterval(() => setTick((n) => n + 1), EVERY_MS);
    return () => clearInterval(t);
  }, [paused]);
  const dir = useLoad(loadDirectory, []);
  const { data, error, loading } = useLoad(() => get<{ data: Call[] }>('/admin/calls?limit=50'), [tick]);
  return (
    <Page
      title="Live calls"
      intro="The latest 50 calls, newest first, as the usage ledger records them (within a second of their end), with their security findings (each detector and reason when the audit log is on)."
      actions={
        <button type="button" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
      }
    >
      <ErrorNote error={error} />
      {loading && !data && <Loading />}
      {data && (
        <Card>
          {data.data.length === 0 ? (
            <p class="empty">No calls yet.</p>
          ) : (
            <DataTable label="Latest calls" columns={['Time', 'Person', 'Route', 'Status', { label: 'Latency', num: true }, { label: 'Tokens in / out', num: true }, { label: 'Cost', num: true }, 'Security']}>
              {data.data.map((c) => (
                <tr key={c.requestId} title={c.requestId}>
                  <td>{clock(c.ts)}</td>
                  <td>{dir.data?.user(c.userId) ?? c.userId ?? '—'}</td>
                  <td>
                    <span class="mono">{c.alias ?? '?'}</span>
                    {c.cacheHit ? (
                      <span class="badge cached"> cache</span>
                    ) : (
                      c.provider && (
                        <span class="muted">
                          {' '}
                          → {c.provider}/{c.model}
                        </span>
                      )
                    )}
                    <div class="muted small">{c.dialect}</div>
                  </td>
                  <td>
                    <span class={`badge ${c.status === 'completed' ? 'active' : 'revoked'}`}>{c.status}</span>
                    {c.errorKind && <div class="muted small">{c.errorKind}</div>}
                  </td>
                  <td class="num">
                    {ms(c.latencyMs)}
                    {c.ttftMs !== undefined && <div class="muted small">first token {ms(c.ttftMs)}</div>}
                  </td>
                  <td class="num">
                    {count(c.inputTokens)} / {count(c.outputTokens)}
                  </td>
                  <td class="num">{money(c.costUsd)}</td>
                  <td>
                    <SecurityCell call={c} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      )}
    </Page>
  );
}

/** The call's strongest firewall action and, when the audit log is on, each finding (detector and reason). */
function SecurityCell({ call }: { call: Call }) {
  if (!call.firewallAction && !call.findings?.length) return <span class="muted">—</span>;
  return (
    <>
      {call.firewallAction && <span class={`badge ${call.firewallAction === 'block' ? 'revoked' : 'pending'}`}>{call.firewallAction}</span>}
      {call.findings?.length ? (
        <ul class="findings muted small">
          {call.findings.map((f, i) => (
            <li key={i}>
              {f.source.replace(/_/g, ' ')}
              {f.category ? `: ${f.category}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
