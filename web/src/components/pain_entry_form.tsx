// Record a 0-10 pain score. The browser does not pre-judge the number: the server's
// OperationOutcome is the one source of validation messages, shown beside the field.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { NRS_SELF_REPORT_MONTHS } from '../clinical';

function localNow() {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}


export function PainEntryForm({ patientId, ageMonths, onSaved }: { patientId: string; ageMonths?: number; onSaved: () => void }) {
  const young = ageMonths !== undefined && ageMonths < NRS_SELF_REPORT_MONTHS;
  const [score, setScore] = useState('');
  const [reporter, setReporter] = useState(young ? 'clinician' : 'self');
  // null: "now", the moment Save is pressed. A chart left open for hours must not back-date
  // its scores to when it was opened; a time the nurse typed is kept as typed.
  const [when, setWhen] = useState<string | null>(null);
  const [now, setNow] = useState(localNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(localNow()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setErrors([]);
    setSaved('');
    const value = score.trim() === '' ? undefined : Number(score);
    if (when === '') {
      setErrors(['Enter when the score was taken (or reload the chart for "now").']);
      return;
    }
    const at = when === null ? new Date() : new Date(when);
    setBusy(true);
    try {
      await request('POST', '/fhir/Observation', {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '72514-3' }] },
        subject: { reference: `Patient/${patientId}` },
        effectiveDateTime: at.toISOString(),
        ...(value === undefined ? {} : { valueQuantity: { value, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' } }),
        extension: [{ url: 'https://relief.example.org/fhir/StructureDefinition/reporter', valueCode: reporter }],
      });
      setSaved(`Saved: pain ${value}/10 at ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.`);
      setScore('');
      setWhen(null);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.problems.length ? err.problems.map((p) => p.message) : [err.message]);
      else setErrors(['The score could not be saved.']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card entry" onSubmit={submit} noValidate aria-labelledby="entry-title" data-keeps-work>
      <h2 id="entry-title">Record a pain score</h2>
      <label for="score">Pain now, 0 (none) to 10 (worst)</label>
      <input
        id="score"
        type="number"
        inputMode="numeric"
        value={score}
        onInput={(e) => setScore(e.currentTarget.value)}
        aria-invalid={errors.length > 0}
        aria-describedby={errors.length ? 'score-errors' : undefined}
      />
      <label for="reporter">Reported by</label>
      <select id="reporter" value={reporter} onChange={(e) => setReporter(e.currentTarget.value)}>
        <option value="self">the child</option>
        <option value="parent">a parent</option>
        <option value="clinician">nurse / clinician (observed)</option>
      </select>
      {young && (
        <p class="hint" id="score-age-hint">
          This child is under 8: the 0–10 scale is for self-report from 8 years. Use <strong>New assessment</strong> for
          FLACC, or FPS-R from 4 years.
        </p>
      )}
      <label for="when">When {when === null && <span class="hint">(now, unless you change it)</span>}</label>
      <input id="when" type="datetime-local" value={when ?? now} onInput={(e) => setWhen(e.currentTarget.value)} />
      {errors.length > 0 && (
        <ul id="score-errors" class="error" role="alert">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {saved && (
        <p class="ok" role="status">
          {saved}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Save score
      </button>
    </form>
  );
}
