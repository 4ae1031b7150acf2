// Asking the acute pain service to see a child (from the chart), and signing a child off the
// service with the follow-up referral (from the census). The reasons are the seed's list.
import { useState } from 'preact/hooks';
import { request } from '../api';
import { DialogForm } from './dialog_form';
import { problemText } from '../problem_text';

export const CONSULT_REASONS: [string, string][] = [
  ['surgery', 'Surgery'],
  ['trauma_or_injury', 'Trauma or injury'],
  ['acute_exacerbation_of_chronic_pain', 'Acute exacerbation of chronic pain'],
  ['specific_illness', 'Specific illness'],
  ['headache', 'Headache'],
  ['acute_abdominal_pain', 'Acute abdominal pain'],
  ['limited_mobility', 'Limited mobility'],
  ['complication_of_treatment', 'Complication of treatment'],
];

function message(err: unknown, fallback: string) {
  return problemText(err, {}, fallback);
}

export function ConsultRequestForm({ patient, onClose, onRequested }: { patient: { id: string; name: string }; onClose: () => void; onRequested: () => void }) {
  const [reason, setReason] = useState('surgery');
  const [detail, setDetail] = useState('');
  const [oncology, setOncology] = useState(false);
  const [service, setService] = useState('');
  const [urgency, setUrgency] = useState('routine');
  const [location, setLocation] = useState('');
  const [error, setError] = useState('');

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    try {
      await request('POST', '/api/v1/acute/consults', {
        patient: patient.id,
        reason,
        detail,
        oncology,
        requesting_service: service,
        urgency,
        location,
      });
      onRequested();
    } catch (err) {
      setError(message(err, 'The consult was not requested.'));
    }
  }

  return (
    <DialogForm id="consult" title={`Acute pain service consult for ${patient.name}`} submitLabel="Request consult" onSubmit={submit} onClose={onClose} error={error}>
        <label for="consult-reason">Reason</label>
        <select id="consult-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
          {CONSULT_REASONS.map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
        <label for="consult-detail">Detail (procedure, injury, illness)</label>
        <input id="consult-detail" value={detail} onInput={(e) => setDetail(e.currentTarget.value)} />
        <label class="check">
          <input type="checkbox" checked={oncology} onChange={(e) => setOncology(e.currentTarget.checked)} />
          Oncology patient
        </label>
        <label for="consult-service">Requesting service</label>
        <input id="consult-service" value={service} onInput={(e) => setService(e.currentTarget.value)} />
        <label for="consult-urgency">Urgency</label>
        <select id="consult-urgency" value={urgency} onChange={(e) => setUrgency(e.currentTarget.value)}>
          <option value="routine">routine</option>
          <option value="urgent">urgent</option>
          <option value="emergent">emergent</option>
        </select>
        <label for="consult-location">Ward and bed</label>
        <input id="consult-location" value={location} onInput={(e) => setLocation(e.currentTarget.value)} />
    </DialogForm>
  );
}

export function SignOffForm({ consultId, name, onClose, onSignedOff }: { consultId: string; name: string; onClose: () => void; onSignedOff: () => void }) {
  const [followUp, setFollowUp] = useState('');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    try {
      await request('POST', `/api/v1/acute/consults/${consultId}/sign-off`, { follow_up: followUp });
      onSignedOff();
    } catch (err) {
      setError(message(err, 'Not signed off.'));
    }
  }
  return (
    <DialogForm id="signoff" title={`Sign ${name} off the acute pain service`} submitLabel="Sign off" onSubmit={submit} onClose={onClose} error={error}>
        <label for="signoff-follow-up">Follow-up referral</label>
        <input id="signoff-follow-up" placeholder="pain clinic in 2 weeks" value={followUp} onInput={(e) => setFollowUp(e.currentTarget.value)} />
    </DialogForm>
  );
}
