import { useState } from 'preact/hooks';
import { type Me, all, canWrite, post } from '../api.js';
import { type Directory, loadDirectory } from '../directory.js';
import { FormEnd, MoneyField, list, num, useForm } from '../form.js';
import { money, when } from '../format.js';
import type { ApiKey } from '../types.js';
import { Card, ConfirmButton, DataTable, ErrorNote, Loading, Page, useLoad } from '../ui.js';


export function KeysPage({ me }: { me: Me }) {
  const [user, setUser] = useState('');
  const [created, setCreated] = useState<ApiKey & { key: string }>();
  const { data, error, loading, reload } = useLoad(async () => {
    const [keys, dir] = await Promise.all([all<ApiKey>(`/admin/keys${user ? `?user=${encodeURIComponent(user)}` : ''}`), loadDirectory()]);
    return { keys, dir };
  }, [user]);
  const writable = canWrite(me);
  return (
    <Page title="API keys" intro="Each key belongs to a person. A new key is shown once; revoking one refuses its next call.">
      {writable && data && (
        <CreateKey
          dir={data.dir}
          onCreated={(k) => {
            setCreated(k);
            reload();
          }}
        />
      )}
      {created && <NewKey created={created} dir={data?.dir} onDone={() => setCreated(undefined)} />}
      <Card
        title="Keys"
        id="keys-list"
        actions={
          data && (
            <label class="inline">
              Person
              <select value={user} onChange={(e) => setUser(e.currentTarget.value)}>
                <option value="">Everyone</option>
                {data.dir.users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          )
        }
      >
        <ErrorNote error={error} />
        {loading && !data && <Loading />}
        {data && <KeyTable keys={data.keys} dir={data.dir} writable={writable} onChange={reload} />}
      </Card>
    </Page>
  );
}

function KeyTable({ keys, dir, writable, onChange }: { keys: ApiKey[]; dir: Directory; writable: boolean; onChange: () => void }) {
  const [error, setError] = useState<unknown>();
  if (keys.length === 0) return <p class="empty">No keys yet.</p>;
  return (
    <>
      <ErrorNote error={error} />
      <DataTable label="API keys" columns={['Name', 'Person', 'Key', 'Models', 'Budget', 'Expires', 'Status', writable && 'Action']}>
        {keys.map((k) => (
          <tr key={k.id} data-key-id={k.id}>
            <td>{k.name ?? <span class="muted">(unnamed)</span>}</td>
            <td>{dir.user(k.userId)}</td>
            <td class="mono">tkl_{k.prefix}_…</td>
            <td>{k.models?.join(', ') ?? <span class="muted">any</span>}</td>
            <td>
              {[k.dailyBudget !== undefined && `${money(k.dailyBudget)}/day`, k.monthlyBudget !== undefined && `${money(k.monthlyBudget)}/month`].filter(Boolean).join(' · ') || <span class="muted">—</span>}
            </td>
            <td>{k.expiresAt ? when(k.expiresAt) : <span class="muted">never</span>}</td>
            <td>
              <span class={`badge ${k.status}`}>{k.status}</span>
            </td>
            {writable && (
              <td>
                {k.status === 'active' && (
                  <ConfirmButton
                    label="Revoke"
                    confirm={`Revoke ${k.name ?? k.prefix}?`}
                    onConfirm={async () => {
                      setError(undefined);
                      try {
                        await post(`/admin/keys/${encodeURIComponent(k.id)}/revoke`);
                        onChange();
                      } catch (e) {
                        setError(e);
                      }
                    }}
                  />
                )}
              </td>
            )}
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function CreateKey({ dir, onCreated }: { dir: Directory; onCreated: (k: ApiKey & { key: string }) => void }) {
  const [open, setOpen] = useState(false);
  const { error, busy, submit, invalid } = useForm(
    async (f) => {
      const s = (name: string) => String(f.get(name) ?? '');
      const body = {
        user: s('user'),
        ...(s('name').trim() ? { name: s('name').trim() } : {}),
        ...(list(s('models')).length ? { models: list(s('models')) } : {}),
        ...(num(s('expires')) !== undefined ? { expires_in_days: num(s('expires')) } : {}),
        ...(num(s('daily')) !== undefined ? { daily_budget: num(s('daily')) } : {}),
        ...(num(s('monthly')) !== undefined ? { monthly_budget: num(s('monthly')) } : {}),
      };
      onCreated(await post<ApiKey & { key: string }>('/admin/keys', body));
    },
    () => setOpen(false),
  );
  if (!open)
    return (
      <p>
        <button type="button" class="primary" onClick={() => setOpen(true)}>
          Create a key
        </button>
      </p>
    );
  return (
    <Card title="Create a key" id="create-key">
      {dir.users.length === 0 ? (
        <p class="empty">Add a person first (Users and teams), then give them a key.</p>
      ) : (
        <form class="form" onSubmit={submit}>
          <label>
            Person
            <select name="user" required aria-invalid={invalid('user')}>
              {dir.users
                .filter((u) => !u.disabled)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                    {u.email ? ` (${u.email})` : ''}
                  </option>
                ))}
            </select>
          </label>
          <label>
            Name <span class="muted">(optional)</span>
            <input name="name" maxLength={200} placeholder="Alice's laptop" aria-invalid={invalid('name')} />
          </label>
          <label>
            Models <span class="muted">(optional, comma-separated; * allowed)</span>
            <input name="models" placeholder="claude-*, gpt-4o" aria-invalid={invalid('models')} />
          </label>
          <label>
            Expires in days <span class="muted">(optional)</span>
            <input name="expires" type="number" min="1" step="1" inputMode="numeric" aria-invalid={invalid('expires_in_days')} />
          </label>
          <MoneyField label="Daily budget" name="daily" field="daily_budget" invalid={invalid} />
          <MoneyField label="Monthly budget" name="monthly" field="monthly_budget" invalid={invalid} />
          <FormEnd error={error} busy={busy} label="Create key" onCancel={() => setOpen(false)} />
        </form>
      )}
    </Card>
  );
}

function NewKey({ created, dir, onDone }: { created: ApiKey & { key: string }; dir?: Directory; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="card new-key" role="status" aria-live="polite">
      <h2>Key created for {dir?.user(created.userId) ?? created.userId}</h2>
      <p>
        <strong>Copy it now: it is shown only this once.</strong> The gateway keeps only its hash.
      </p>
      <p class="secret">
        <code id="new-key-secret">{created.key}</code>
      </p>
      <div class="buttons">
        <button
          type="button"
          class="primary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(created.key);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
