// The bedside check a nurse records for a child on the acute pain service: pain (with the scale
// used), sedation on the ward's scale (POSS or UMSS, a site setting), respiratory rate and SpO2.
// The server applies the monitoring rules and answers with any alert raised ("hold the opioid")
// and the reassessment that falls due; the form shows both before it closes.
import { useState } from 'preact/hooks';
import { request } from '../api';
import type { CensusRow } from '../census';
import { FLACC_FROM_MONTHS, formatWhen, PAIN_SCALES, painDefaultsForAge, REPORTERS } from '../clinical';
import { DialogForm } from './dialog_form';
import { problemText } from '../problem_text';
import { Modal } from './modal';

// Levels only: the POSS wording is © C. Pasero and comes with the site's pocket card or content
// pack (reference/clinical.md, licences); UMSS is 0-4 (Malviya 2002).
const SEDATION_LEVELS: Record<string, string[]> = { poss: ['S', '1', '2', '3', '4'], umss: ['0', '1', '2', '3', '4'] };

interface Outcome {
  raised: { id: string; alert: { message: string } }[];
  due: { due: string; message: string }[];
}

export function BedsideAssessmentForm({
  row,
  sedationScale,
  onClose,
  onSaved,
}: {
  row: CensusRow;
  sedationScale: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [pain, setPain] = useState('');
  // A toddler's check opens on FLACC by the nurse, not on the 0-10 self-report (an outside
  // review saved a 6 from a 2-year-old "child" on the NRS without changing anything).
  const defaults = painDefaultsForAge(row.patient.age.totalMonths);
  const [painCode, setPainCode] = useState(defaults.code);
  const [reporter, setReporter] = useState(defaults.reporter);
  const [sedation, setSedation] = useState('');
  const [rr, setRr] = useState('');
  const [spo2, setSpo2] = useState('');
  const [error, setError] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const levels = SEDATION_LEVELS[sedationScale] ?? SEDATION_LEVELS.poss;

  async function save(e: Event) {
    e.preventDefault();
    setError('');
    const number = (s: string) => (s.trim() === '' ? undefined : Number(s));
    const body = {
      patient: row.patient.id,
      pain: number(pain),
      pain_code: painCode,
      reporter,
      ...(sedation ? { sedation: { scale: sedationScale, level: sedation } } : {}),
      respiratory_rate: number(rr),
      spo2: number(spo2),
    };
    if (body.pain === undefined && !sedation && body.respiratory_rate === undefined && body.spo2 === undefined) {
      setError('Enter at least one of pain, sedation, respiratory rate or SpO2.');
      return;
    }
    try {
      setOutcome(await request<Outcome>('POST', '/api/v1/acute/assessments', body));
    } catch (err) {
      setError(problemText(err));
    }
  }

  if (outcome)
    return (
      <Modal labelledBy="assessed-title" onClose={onSaved}>
          <h2 id="assessed-title">Saved for {row.patient.name}</h2>
          {outcome.raised.map((a) => (
            <p key={a.id} class="alert" role="alert">
              <strong>{a.alert.message}</strong>
            </p>
          ))}
          {outcome.due.map((d) => (
            <p key={d.due}>
              {d.message} (by {formatWhen(d.due)})
            </p>
          ))}
          {outcome.raised.length === 0 && outcome.due.length === 0 && <p>No alert; nothing falls due.</p>}
          <button type="button" onClick={onSaved}>
            Done
          </button>
      </Modal>
    );

  return (
    <DialogForm id="assess" title={`Bedside check for ${row.patient.name}`} submitLabel="Save check" onSubmit={save} onClose={onClose} error={error}>
        <p class="muted">{row.consult.location}</p>
        {row.patient.age.totalMonths < FLACC_FROM_MONTHS && (
          <p class="note" data-testid="newborn-scales">
            For a newborn, score pain on NIPS or N-PASS in a{' '}
            <a href={`#/patients/${row.patient.id}/assess`}>full assessment</a> (FLACC and the 0-10 scales here are for
            2 months and older); its score reaches this census and starts the reassessment timer. Sedation, RR and SpO2
            are recorded here.
          </p>
        )}
        <label for="assess-pain">Pain score (0-10)</label>
        <input id="assess-pain" type="number" min="0" max="10" step="1" value={pain} onInput={(e) => setPain(e.currentTarget.value)} />
        <label for="assess-pain-scale">Pain scale</label>
        <select id="assess-pain-scale" value={painCode} onChange={(e) => setPainCode(e.currentTarget.value)}>
          {Object.entries(PAIN_SCALES).map(([code, s]) => (
            <option key={code} value={code}>
              {s.name}
            </option>
          ))}
        </select>
        <label for="assess-reporter">Reported by</label>
        <select id="assess-reporter" value={reporter} onChange={(e) => setReporter(e.currentTarget.value)}>
          {Object.entries(REPORTERS).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
        <label for="assess-sedation">Sedation ({sedationScale.toUpperCase()} level)</label>
        <select id="assess-sedation" value={sedation} onChange={(e) => setSedation(e.currentTarget.value)}>
          <option value="">not assessed</option>
          {levels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        <label for="assess-rr">Respiratory rate (/min)</label>
        <input id="assess-rr" type="number" min="0" step="1" value={rr} onInput={(e) => setRr(e.currentTarget.value)} />
        <label for="assess-spo2">SpO2 (%)</label>
        <input id="assess-spo2" type="number" min="0" max="100" step="1" value={spo2} onInput={(e) => setSpo2(e.currentTarget.value)} />
    </DialogForm>
  );
}
