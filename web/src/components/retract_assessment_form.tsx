// Retracting an administration charted in error (the wrong child, the wrong answers): the server
// marks it and its scores entered-in-error as new versions, so it leaves the chart and is no
// baseline, and the record still shows what was charted and who retracted it.
import { useState } from 'preact/hooks';
import { request } from '../api';
import { DialogForm } from './dialog_form';
import { problemText } from '../problem_text';

export interface RetractTarget {
  id: string;
  label: string; // "FLACC 6 (clinician, 2026-11-23)"
  score?: boolean; // a single score charted by itself, not an administration
}

export function RetractAssessmentForm({
  patientId,
  target,
  onClose,
  onRetracted,
}: {
  patientId: string;
  target: RetractTarget;
  onClose: () => void;
  onRetracted: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    if (!reason.trim()) {
      setError('Say why it is in error, e.g. charted for the wrong child.');
      return;
    }
    try {
      const what = target.score ? 'observations' : 'administrations';
      await request('POST', `/api/v1/patients/${patientId}/${what}/${target.id}/entered-in-error`, { reason });
      onRetracted();
    } catch (err) {
      setError(problemText(err, {}, 'The assessment was not retracted.'));
    }
  }

  return (
    <DialogForm id="retract" title={`Retract ${target.label}`} submitLabel="Retract" onSubmit={submit} onClose={onClose} error={error}>
      <p>
        {target.score
          ? 'It leaves the pain chart and is no longer the latest pain score.'
          : 'It leaves the chart with its score and is no longer the baseline for change.'}{' '}
        Nothing is deleted: the record keeps what was charted, and who retracted it and why.
      </p>
      <label for="retract-reason">Why is it in error?</label>
      <textarea id="retract-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
    </DialogForm>
  );
}
