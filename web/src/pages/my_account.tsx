// My account: change one's own password. The current one is asked for, so a workstation left
// signed in does not let a passer-by take the account; the account's other sessions end.
import { useState } from 'preact/hooks';
import { request, type User } from '../api';
import { problemText } from '../problem_text';

export function MyAccountPage({ user }: { user: User }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setDone(false);
    if (next !== repeat) {
      setError('The two new passwords differ: type the same one twice.');
      return;
    }
    setError('');
    try {
      await request('POST', '/auth/password', { current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } catch (err) {
      setError(problemText(err, { current_password: 'Current password', new_password: 'New password' }, 'Not changed.'));
    }
  }

  return (
    <form class="card login" onSubmit={submit} aria-labelledby="my-account-title" noValidate>
      <h1 id="my-account-title">My account</h1>
      <p>
        Signed in as <strong>{user.username}</strong> ({user.role.replace('_', ' ')}).
      </p>
      <h2>Change my password</h2>
      <label for="current-password">Current password</label>
      <input id="current-password" type="password" autocomplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
      <label for="new-password-mine">New password (at least 10 characters)</label>
      <input id="new-password-mine" type="password" autocomplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />
      <label for="repeat-password">New password again</label>
      <input id="repeat-password" type="password" autocomplete="new-password" value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p class="notice" role="status">
          Your password is changed. Your other sessions have ended; this one stays signed in.
        </p>
      )}
      <button type="submit">Change password</button>
    </form>
  );
}
