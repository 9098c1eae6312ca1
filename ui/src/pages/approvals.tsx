import { useState } from 'preact/hooks';
import { ApiError, type Me, get, post } from '../api.js';
import { loadDirectory } from '../directory.js';
import { when } from '../format.js';
import type { Approval } from '../types.js';
import { Card, DataTable, ErrorNote, Loading, Page, useLoad } from '../ui.js';

export function ApprovalsPage({ me }: { me: Me }) {
  const [status, setStatus] = useState<'pending' | 'approved' | 'denied' | ''>('pending');
  const [error, setError] = useState<unknown>();
  const { data, error: loadError, loading, reload } = useLoad(async () => {
    const [list, dir] = await Promise.all([get<{ data: Approval[] }>(`/admin/approvals${status ? `?status=${status}` : ''}`), loadDirectory()]);
    return { list: list.data, dir };
  }, [status]);
  // Admins, tenant admins and the people named in team.model_approval.admin_users decide.
  const writable = me.approver;
  const decide = async (a: Approval, decision: 'approve' | 'deny') => {
    setError(undefined);
    try {
      await post(`/admin/approvals/${encodeURIComponent(a.id)}/${decision}`, {});
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const off = loadError instanceof ApiError && loadError.status === 404;
  return (
    <Page title="Model approvals" intro="People ask to use a model that needs approval (team.model_approval); an admin approves or denies, and the decision is audited.">
      {off ? (
        <Card>
          <p class="empty">Model approval is not available on this gateway: {(loadError as Error).message}</p>
        </Card>
      ) : (
        <Card
          title="Requests"
          id="approvals"
          actions={
            <label class="inline">
              Show
              <select value={status} onChange={(e) => setStatus(e.currentTarget.value as typeof status)}>
                <option value="pending">Pending</option>
                <option value="approved">Approved</option>
                <option value="denied">Denied</option>
                <option value="">All</option>
              </select>
            </label>
          }
        >
          <ErrorNote error={loadError ?? error} />
          {loading && !data && <Loading />}
          {data &&
            (data.list.length === 0 ? (
              <p class="empty">No {status || ''} requests.</p>
            ) : (
              <DataTable label="Approval requests" columns={['Person', 'Model', 'Reason', 'Asked', 'Status', writable && status === 'pending' && 'Decision']}>
                {data.list.map((a) => (
                  <tr key={a.id} data-approval-id={a.id}>
                    <td>{data.dir.user(a.userId)}</td>
                    <td class="mono">{a.model}</td>
                    <td>{a.reason ?? <span class="muted">—</span>}</td>
                    <td>{when(a.requestedAt)}</td>
                    <td>
                      <span class={`badge ${a.status === 'approved' ? 'active' : a.status === 'denied' ? 'revoked' : 'pending'}`}>{a.status}</span>
                      {a.decidedBy && (
                        <div class="muted small">
                          by {data.dir.user(a.decidedBy)}
                          {a.decidedAt ? `, ${when(a.decidedAt)}` : ''}
                        </div>
                      )}
                    </td>
                    {writable && status === 'pending' && (
                      <td class="buttons">
                        <button type="button" class="primary" onClick={() => decide(a, 'approve')}>
                          Approve
                        </button>
                        <button type="button" class="danger" onClick={() => decide(a, 'deny')}>
                          Deny
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </DataTable>
            ))}
        </Card>
      )}
    </Page>
  );
}
