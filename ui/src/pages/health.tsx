import { ApiError, get } from '../api.js';
import { count, ms } from '../format.js';
import { Card, DataTable, ErrorNote, Loading, Page, useLoad } from '../ui.js';

interface Health {
  status: string;
  providers: Array<{ name: string; type: string; targets: Array<{ target: string; circuit: string; averageLatencyMs?: number; inFlight: number }> }>;
  store?: { kind: string; ok: boolean; latencyMs?: number; error?: string };
  rateLimit?: { backend: string; ok: boolean; errors: number; error?: string };
  cache?: { type: string; hits: number; misses: number; errors: number };
  ledger?: { written: number; failures: number; queued: number };
}

const badge = (ok: boolean, text?: string) => <span class={`badge ${ok ? 'active' : 'revoked'}`}>{text ?? (ok ? 'ok' : 'down')}</span>;

export function HealthPage() {
  const { data, error, loading } = useLoad(() => get<Health>('/admin/health'), []);
  const off = error instanceof ApiError && error.status === 404;
  return (
    <Page title="Health" intro="Providers and their circuit breakers as this gateway instance sees them; the store, Redis and the usage ledger.">
      {!off && <ErrorNote error={error} />}
      {off && <p class="empty">This gateway does not report health on the admin API yet.</p>}
      {loading && !data && <Loading />}
      {data && (
        <>
          <div class="stats">
            {data.store && (
              <div class="stat">
                <div class="stat-label">Store ({data.store.kind})</div>
                <div class="stat-value">{badge(data.store.ok)}</div>
                <div class="stat-note">{data.store.error ?? (data.store.latencyMs !== undefined ? ms(data.store.latencyMs) : '')}</div>
              </div>
            )}
            {data.rateLimit && (
              <div class="stat">
                <div class="stat-label">Rate limits ({data.rateLimit.backend})</div>
                <div class="stat-value">{badge(data.rateLimit.ok)}</div>
                <div class="stat-note">{data.rateLimit.error ?? ''}</div>
              </div>
            )}
            {data.ledger && (
              <div class="stat">
                <div class="stat-label">Usage ledger</div>
                <div class="stat-value">{badge(data.ledger.failures === 0 || data.ledger.queued === 0, data.ledger.failures === 0 || data.ledger.queued === 0 ? 'ok' : 'retrying')}</div>
                <div class="stat-note">
                  {count(data.ledger.written)} rows written · {count(data.ledger.queued)} queued
                </div>
              </div>
            )}
            {data.cache && (
              <div class="stat">
                <div class="stat-label">Response cache ({data.cache.type})</div>
                <div class="stat-value">{badge(data.cache.errors === 0, data.cache.errors === 0 ? 'ok' : `${data.cache.errors} errors`)}</div>
                <div class="stat-note">
                  {count(data.cache.hits)} hits · {count(data.cache.misses)} misses
                </div>
              </div>
            )}
          </div>
          <Card title="Providers" id="providers">
            <DataTable label="Providers and circuits" columns={['Provider', 'Target', 'Circuit', { label: 'Latency (avg)', num: true }, { label: 'In flight', num: true }]}>
              {data.providers.flatMap((p) =>
                (p.targets.length ? p.targets : [undefined]).map((t, i) => (
                  <tr key={`${p.name}-${t?.target ?? i}`}>
                    <td>{i === 0 && `${p.name} (${p.type})`}</td>
                    <td class="mono">{t?.target ?? <span class="muted">no calls yet</span>}</td>
                    <td>{t ? badge(t.circuit === 'closed', t.circuit.replace('_', '-')) : '—'}</td>
                    <td class="num">{t?.averageLatencyMs !== undefined ? ms(t.averageLatencyMs) : '—'}</td>
                    <td class="num">{t ? count(t.inFlight) : '—'}</td>
                  </tr>
                )),
              )}
            </DataTable>
          </Card>
        </>
      )}
    </Page>
  );
}
