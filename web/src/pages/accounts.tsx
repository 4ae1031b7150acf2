// Accounts, for admins: who can sign in and as what; add a new starter, disable someone who has
// left (their open sessions end at once), enable them again, reset a forgotten password.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { DialogForm } from '../components/dialog_form';
import { problemText } from '../problem_text';

interface Account {
  username: string;
  role: string;
  active: boolean;
  staff_id: string;
  created: string;
}

const roles = [
  'admin',
  'physician',
  'nurse_practitioner',
  'nurse',
  'psychologist',
  'therapist',
  'acupuncturist',
  'trainee',
  'coordinator',
  'researcher',
];
const roleText = (role: string) => role.replace('_', ' ');

export function AccountsPage({ me }: { me: string }) {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<string | null>(null);

  async function load() {
    try {
      setAccounts((await request<{ users: Account[] }>('GET', '/api/v1/users')).users);
    } catch (err) {
      setError(problemText(err, {}, 'The accounts could not be loaded.'));
    }
  }
  useEffect(() => {
    load();
  }, []);

  async function setActive(a: Account, active: boolean) {
    if (!active && !confirm(`Disable ${a.username}? They are signed out at once and cannot sign in until enabled.`)) return;
    setError('');
    try {
      await request('POST', `/api/v1/users/${encodeURIComponent(a.username)}/${active ? 'enable' : 'disable'}`);
      setStatus(active ? `${a.username} can sign in again.` : `${a.username} is disabled and signed out.`);
      await load();
    } catch (err) {
      setError(problemText(err, {}, 'Nothing was changed.'));
    }
  }

  return (
    <section class="card">
      <h1>Accounts</h1>
      <p>
        Everyone who signs in, and what their role lets them do. Nothing here deletes an account: a disabled account keeps
        its audit trail.
      </p>
      <button type="button" onClick={() => setAdding(true)}>
        Add an account
      </button>
      {status && (
        <p class="notice" role="status">
          {status}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {accounts === null ? (
        !error && <p class="loading">Loading…</p>
      ) : (
        <table class="results accounts">
          <thead>
            <tr>
              <th>Username</th>
              <th>Role</th>
              <th>Status</th>
              <th>Created</th>
              <th>
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.username} class={a.active ? '' : 'disabled'}>
                <td>{a.username}</td>
                <td>{roleText(a.role)}</td>
                <td>{a.active ? 'active' : 'disabled'}</td>
                <td>{a.created.slice(0, 10)}</td>
                <td class="toggle">
                  {a.active ? (
                    a.username !== me && (
                      <button type="button" onClick={() => setActive(a, false)} aria-label={`Disable ${a.username}`}>
                        Disable
                      </button>
                    )
                  ) : (
                    <button type="button" onClick={() => setActive(a, true)} aria-label={`Enable ${a.username}`}>
                      Enable
                    </button>
                  )}
                  {a.username === me ? (
                    <a href="#/me">Change my password</a>
                  ) : (
                    <button type="button" onClick={() => setResetting(a.username)} aria-label={`Reset the password of ${a.username}`}>
                      Reset password
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {adding && (
        <AddAccountDialog
          onClose={() => setAdding(false)}
          onAdded={(name) => {
            setAdding(false);
            setStatus(`${name} can now sign in.`);
            load();
          }}
        />
      )}
      {resetting && (
        <ResetPasswordDialog
          username={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            setStatus(`${resetting} has a new password; their open sessions have ended. Tell them in person.`);
            setResetting(null);
          }}
        />
      )}
    </section>
  );
}

function AddAccountDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState('nurse');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await request('POST', '/api/v1/users', { username, role, password });
      onAdded(username);
    } catch (err) {
      setError(problemText(err, { username: 'Username', role: 'Role', password: 'Password' }));
    }
  }
  return (
    <DialogForm id="add-account" title="Add an account" submitLabel="Add account" onSubmit={submit} onClose={onClose} error={error}>
      <label for="new-username">Username</label>
      <input id="new-username" autocomplete="off" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
      <label for="new-role">Role</label>
      <select id="new-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
        {roles.map((r) => (
          <option value={r} key={r}>
            {roleText(r)}
          </option>
        ))}
      </select>
      <label for="new-password">First password (at least 10 characters)</label>
      <input id="new-password" type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
    </DialogForm>
  );
}

function ResetPasswordDialog({ username, onClose, onDone }: { username: string; onClose: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await request('PUT', `/api/v1/users/${encodeURIComponent(username)}/password`, { password });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? problemText(err, { password: 'New password' }) : 'Not changed.');
    }
  }
  return (
    <DialogForm id="reset-password" title={`New password for ${username}`} submitLabel="Set password" onSubmit={submit} onClose={onClose} error={error}>
      <label for="reset-password-input">New password (at least 10 characters)</label>
      <input id="reset-password-input" type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
    </DialogForm>
  );
}
