// When a session ends mid-task (the shift's 8 hours, or an admin's reset), the page stays as it
// was, with whatever was being typed, and this dialog asks for the password again. The same person
// signing back in carries on and saves; anyone else signs out first and starts on a fresh page.
// Escape does nothing here: in every other dialog it means Cancel, and here Cancel would be
// "sign out and lose the page".
import { useState } from 'preact/hooks';
import { ApiError, login, type User } from '../api';
import { DialogForm } from './dialog_form';

export function SessionExpiredDialog({
  user,
  reason,
  onSignedIn,
  onSignOut,
}: {
  user: User;
  reason: string;
  onSignedIn: (u: User) => void;
  onSignOut: () => void;
}) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      onSignedIn(await login(user.username, password));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Sign-in failed.');
    }
  }
  return (
    <DialogForm id="session-expired" title="Sign in again" submitLabel="Sign in" onSubmit={submit} onClose={onSignOut} error={error} cancelLabel="Sign out" onEscape={() => {}}>
      <p class="notice" role="status">
        {reason} What you were entering is still on the page: sign in, then save it again.
      </p>
      <label for="again-username">Username</label>
      <input id="again-username" value={user.username} readOnly autocomplete="username" />
      <label for="again-password">Password</label>
      <input id="again-password" autoFocus type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
    </DialogForm>
  );
}
