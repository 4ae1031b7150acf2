// The night's small records from the census, in page dialogs rather than the browser's prompt():
// a prompt held one line, lost what was typed when the session had ended, and said nothing when
// left empty (an outside review). A daily round note, and what was done about an alert.
import { useState } from 'preact/hooks';
import { request } from '../api';
import { DialogForm } from './dialog_form';
import { problemText } from '../problem_text';

export function RoundNoteForm({ consultId, name, onClose, onSaved }: { consultId: string; name: string; onClose: () => void; onSaved: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    if (!text.trim()) {
      setError('Write the note first: what was found and the plan.');
      return;
    }
    try {
      await request('POST', `/api/v1/acute/consults/${consultId}/notes`, { text });
      onSaved();
    } catch (err) {
      setError(problemText(err, {}, 'The note was not saved.'));
    }
  }
  return (
    <DialogForm id="round-note" title={`Today's round note for ${name}`} submitLabel="Save the note" onSubmit={submit} onClose={onClose} error={error}>
      <label for="round-note-text">Note (charted on the child's timeline)</label>
      <textarea id="round-note-text" rows={6} value={text} onInput={(e) => setText(e.currentTarget.value)} />
    </DialogForm>
  );
}

export function AcknowledgeForm({ alertId, message, name, onClose, onDone }: { alertId: string; message: string; name: string; onClose: () => void; onDone: () => void }) {
  const [action, setAction] = useState('');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    if (!action.trim()) {
      setError('Not acknowledged: say what was done (for example "PCA held, fellow paged").');
      return;
    }
    try {
      await request('POST', `/api/v1/acute/alerts/${alertId}/acknowledge`, { action_taken: action });
      onDone();
    } catch (err) {
      setError(problemText(err, {}, 'Not acknowledged.'));
    }
  }
  return (
    <DialogForm id="acknowledge" title={`Acknowledge the alert for ${name}`} submitLabel="Acknowledge" onSubmit={submit} onClose={onClose} error={error}>
      <p>{message}</p>
      <label for="acknowledge-action">What was done</label>
      <input id="acknowledge-action" placeholder="PCA held, fellow paged" value={action} onInput={(e) => setAction(e.currentTarget.value)} />
    </DialogForm>
  );
}
