import { type ComponentType, render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Me, session, setSession, signIn, signOut } from './api.js';
import { ApprovalsPage } from './pages/approvals.js';
import { AuditPage } from './pages/audit.js';
import { HealthPage } from './pages/health.js';
import { KeysPage } from './pages/keys.js';
import { LivePage } from './pages/live.js';
import { PeoplePage } from './pages/people.js';
import { UsagePage } from './pages/usage.js';
import './styles.css';

interface Route {
  path: string;
  label: string;
  page: ComponentType<{ me: Me }>;
}

const ROUTES: Route[] = [
  { path: 'usage', label: 'Usage', page: UsagePage },
  { path: 'keys', label: 'Keys', page: KeysPage },
  { path: 'people', label: 'Users and teams', page: PeoplePage },
  { path: 'approvals', label: 'Approvals', page: ApprovalsPage },
  { path: 'audit', label: 'Audit', page: AuditPage },
  { path: 'live', label: 'Live', page: LivePage },
  { path: 'health', label: 'Health', page: HealthPage },
];

const current = () => {
  const path = location.hash.replace(/^#\/?/, '').split('?')[0];
  return ROUTES.find((r) => r.path === path) ?? (ROUTES[0] as Route);
};

function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const signedOut = () => setMe(null);
    session().then(
      (m) => {
        setSession(m, signedOut);
        setMe(m);
      },
      () => {
        setSession(undefined, signedOut);
        setMe(null);
      },
    );
    const onHash = () => setRoute(current());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  if (me === undefined) return <p class="loading">Loading…</p>;
  if (me === null)
    return (
      <SignIn
        onSignedIn={(m) => {
          setSession(m);
          setMe(m);
        }}
      />
    );
  const Page = route.page;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <div class="brand">
          Tokligence <span>console</span>
        </div>
        <nav aria-label="Console pages">
          <ul>
            {ROUTES.map((r) => (
              <li key={r.path}>
                <a href={`#/${r.path}`} aria-current={r.path === route.path ? 'page' : undefined}>
                  {r.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span class={`role ${me.role}`} title={me.actor}>
            {me.role}
          </span>
          <button
            type="button"
            class="link"
            onClick={async () => {
              await signOut().catch(() => {});
              setSession(undefined);
              setMe(null);
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        <Page me={me} key={route.path} />
      </main>
    </>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = 'Sign in · Tokligence console';
    // The page's one field: typing starts at once.
    field.current?.focus();
  }, []);
  return (
    <main class="sign-in">
      <form
        class="card"
        aria-labelledby="sign-in-title"
        onSubmit={async (e) => {
          e.preventDefault();
          const key = String(new FormData(e.currentTarget).get('key') ?? '');
          setBusy(true);
          setError(undefined);
          try {
            onSignedIn(await signIn(key));
          } catch (err) {
            setError(err instanceof ApiError ? err.message : 'The gateway did not answer');
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1 id="sign-in-title">Tokligence console</h1>
        <p>Usage and cost per person and model, keys, budgets, approvals and the audit trail of this gateway.</p>
        <label>
          API key or OIDC token
          <input name="key" type="password" autoComplete="off" required ref={field} aria-describedby="key-help" aria-invalid={error ? true : undefined} />
        </label>
        <p id="key-help" class="hint">
          The admin key (<code>TOKLIGENCE_ADMIN_KEY</code> or <code>admin.key</code> in the config), the API key of a user with the admin, tenant admin or viewer role, or,
          with <code>gateway.auth.type: oidc</code>, a token from your identity provider carrying one of those roles. It stays on the gateway: this browser keeps only a
          session cookie.
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
