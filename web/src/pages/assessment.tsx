// Administer an instrument: the site's recommended scale first, items with their response scores
// (item wording only where the licence allows it), a live score with its band and the missing-data
// rule at work, then the charted result with the change against the patient's baseline.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { FPS_R_SELF_REPORT_MONTHS, formatAge } from '../clinical';
import { problemLines } from '../problem_text';

interface InstrumentSummary {
  id: string;
  version: string;
  name: string;
  reporters: string[];
  text_shipped: boolean;
}
interface Item {
  id: string;
  text?: string;
  responses: string[];
  response_labels?: Record<string, string>; // from the site's content pack, where loaded
}
interface Detail extends InstrumentSummary {
  items: Item[];
  range: [number, number] | null;
  licence: { status: string; notes?: string };
  content_source?: string;
}
interface Score {
  total: number | null;
  band: { label: string; action?: string } | null;
  missing_data: { rule: string; decision: string; answered: number; items: number; missing: string[]; reason?: string };
  subscales: Record<string, { name: string; value: number | null; decision: string }>;
  flags: { label: string }[];
  unverified: { note: string }[];
}

const REPORTER_LABEL: Record<string, string> = { self: 'the child', parent: 'a parent', clinician: 'clinician (observed)' };

function answerValue(code: string) {
  return /^-?\d+(\.\d+)?$/.test(code) ? Number(code) : code;
}

interface ChildOfForm {
  name: string;
  mrn: string;
  age: { years: number; months: number; totalMonths: number; days?: number };
}

export function AssessmentPage({ patientId, initial }: { patientId: string; initial?: string }) {
  const [instruments, setInstruments] = useState<InstrumentSummary[]>([]);
  const [recommended, setRecommended] = useState<{ instrument: string | null; reason: string; covers?: string[] } | null>(null);
  // Unknown until the child's age is read: a recommendation asked for before it (as if the child
  // could self-report) could answer last and preselect a self-report scale for a 3-year-old.
  const [selfReport, setSelfReport] = useState<boolean | null>(null);
  const [chosen, setChosen] = useState(initial ?? '');
  // The rest of the situation the site's table reads (a neonate in the NICU gets N-PASS; without
  // these the form could only say "no rule matches age 0 months").
  const [situation, setSituation] = useState({ in_nicu: false, ventilated: false, procedural: false, cognitive_impairment: false });
  // The user picked the instrument: a later recommendation no longer changes it.
  const [picked, setPicked] = useState(Boolean(initial));
  const [detail, setDetail] = useState<Detail | null>(null);
  const [reporter, setReporter] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [live, setLive] = useState<Score | null>(null);
  const [liveError, setLiveError] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [result, setResult] = useState<any>(null);
  const [errors, setErrors] = useState<string[]>([]);

  useEffect(() => {
    request<{ instruments: InstrumentSummary[] }>('GET', '/api/v1/instruments').then((r) => setInstruments(r.instruments));
  }, []);
  // Under 4 years no child self-reports a pain scale: the box starts unticked, so the record's
  // situation does not say a 2-year-old could (an outside review found it ticked for every age).
  // Who the form is for, in its heading (and so the tab's title): a form that writes to a chart
  // names the child, as every other one does (an outside review found "Assessment" alone).
  const [child, setChild] = useState<ChildOfForm | null>(null);
  useEffect(() => {
    request<ChildOfForm>('GET', `/api/v1/patients/${patientId}/summary`)
      .then((s) => {
        setChild(s);
        setSelfReport(s.age.totalMonths >= FPS_R_SELF_REPORT_MONTHS);
      })
      .catch(() => setSelfReport(false));
  }, [patientId]);
  useEffect(() => {
    if (selfReport === null) return;
    let stale = false;  // an answer to an earlier question must not overwrite this one's
    const facts = Object.entries(situation)
      .map(([k, v]) => `&${k}=${v}`)
      .join('');
    request('GET', `/api/v1/patients/${patientId}/recommendation?can_self_report=${selfReport}${facts}`).then((r) => {
      if (stale) return;
      setRecommended(r);
      if (!picked && r.instrument) setChosen(r.instrument);
    });
    return () => {
      stale = true;
    };
  }, [patientId, selfReport, situation]);
  useEffect(() => {
    if (!chosen) return;
    setDetail(null);
    setAnswers({});
    setLive(null);
    setResult(null);
    setErrors([]);
    // A scale chosen a moment ago answers late: its form must not replace the one chosen since
    // (the list said FLACC over the recommended scale's form).
    let stale = false;
    request<Detail>('GET', `/api/v1/instruments/${chosen}`).then((d) => {
      if (stale) return;
      setDetail(d);
      setReporter(d.reporters[0] ?? 'clinician');
    });
    return () => {
      stale = true;
    };
  }, [chosen]);

  // Live score as items are answered; the server applies the same rules it charts with.
  useEffect(() => {
    if (!detail) return;
    const body = { answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, answerValue(v)])), reporter };
    // Only the score of the answers now on the form: an earlier one answering late showed
    // the total before the last answer.
    let stale = false;
    request<Score>('POST', `/api/v1/instruments/${detail.id}/score`, body).then(
      (s) => {
        if (stale) return;
        setLive(s);
        setLiveError('');
      },
      (e) => {
        if (!stale) setLiveError(e instanceof ApiError ? e.message : 'cannot score');
      },
    );
    return () => {
      stale = true;
    };
  }, [detail, answers, reporter]);

  async function save(e: Event) {
    e.preventDefault();
    if (!detail) return;
    setErrors([]);
    try {
      const r = await request('POST', `/api/v1/patients/${patientId}/administrations`, {
        instrument: detail.id,
        version: detail.version,
        reporter,
        answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, answerValue(v)])),
        // The situation the recommendation on screen was made for, so the record says the same.
        situation: { can_self_report: selfReport === true, ...situation },
        ...(overrideReason ? { override_reason: overrideReason } : {}),
      });
      setResult(r);
    } catch (err) {
      setErrors(problemLines(err));
    }
  }

  // Another scale of the site's table instead of the recommended one needs a reason; a
  // questionnaire (FDI, PCS-C) is not chosen instead of a pain scale.
  const overriding =
    recommended?.instrument && chosen && chosen !== recommended.instrument && (recommended.covers ?? []).includes(chosen);
  const nameOf = (id: string) => instruments.find((i) => i.id === id)?.name ?? id;

  return (
    <section aria-labelledby="assess-title">
      <p>
        <a href={`#/patients/${patientId}`}>← Back to the chart</a>
      </p>
      <h1 id="assess-title">{child ? `Assessment for ${child.name}` : 'Assessment'}</h1>
      {child && (
        <p class="muted" data-testid="assessed-child">
          MRN {child.mrn} · {formatAge(child.age)}
        </p>
      )}
      <div class="card">
        <label class="check">
          <input type="checkbox" checked={selfReport === true} onChange={(e) => setSelfReport(e.currentTarget.checked)} />
          The child can self-report
        </label>
        {(
          [
            ['in_nicu', 'In the neonatal intensive care unit'],
            ['ventilated', 'Ventilated'],
            ['procedural', 'A procedure (pain during it)'],
            ['cognitive_impairment', 'Cognitive impairment'],
          ] as const
        ).map(([key, label]) => (
          <label class="check" key={key}>
            <input
              type="checkbox"
              checked={situation[key]}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setSituation((now) => ({ ...now, [key]: on }));
              }}
            />
            {label}
          </label>
        ))}
        {recommended && (
          <p data-testid="recommendation">
            {recommended.instrument ? (
              <>
                Recommended: <strong>{nameOf(recommended.instrument)}</strong> — {recommended.reason}
              </>
            ) : (
              recommended.reason
            )}
          </p>
        )}
        <label for="instrument">Instrument</label>
        <select
          id="instrument"
          value={chosen}
          onChange={(e) => {
            setPicked(true);
            setChosen(e.currentTarget.value);
          }}
        >
          <option value="">Choose…</option>
          {[...instruments].sort((a, b) => a.name.localeCompare(b.name)).map((i) => (
            <option value={i.id} key={i.id}>
              {i.name}
            </option>
          ))}
        </select>
        {overriding && (
          <>
            <label for="override">Why this scale instead of {nameOf(recommended!.instrument!)}? (required)</label>
            <input id="override" required aria-required="true" value={overrideReason} onInput={(e) => setOverrideReason(e.currentTarget.value)} />
          </>
        )}
      </div>

      {detail && !result && (
        <form class="columns" onSubmit={save} aria-label={detail.name} data-keeps-work>
          <div class="card">
            <h2>{detail.name}</h2>
            {!detail.text_shipped && !detail.content_source && (
              <p class="notice">
                Item wording is licensed and not shipped with Relief; items show their published numbers and response scores. A site
                can load the wording as a content pack.
              </p>
            )}
            <label for="reporter">Reported by</label>
            <select id="reporter" value={reporter} onChange={(e) => setReporter(e.currentTarget.value)}>
              {detail.reporters.map((r) => (
                <option value={r} key={r}>
                  {REPORTER_LABEL[r] ?? r}
                </option>
              ))}
            </select>
            {detail.items.map((item) => (
              <fieldset class="item" key={item.id}>
                <legend>
                  {/^\d+$/.test(item.id) ? `Item ${item.id}` : item.id.replace(/_/g, ' ')}
                  {item.text ? `: ${item.text}` : ''}
                </legend>
                <div class="responses">
                  {item.responses.map((code) => (
                    <label key={code} class={answers[item.id] === code ? 'chosen' : ''}>
                      <input
                        type="radio"
                        name={`item-${item.id}`}
                        value={code}
                        checked={answers[item.id] === code}
                        onChange={() => setAnswers({ ...answers, [item.id]: code })}
                      />
                      {code}
                      {item.response_labels?.[code] ? ` ${item.response_labels[code]}` : ''}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
          </div>
          <aside class="card live" aria-live="polite" aria-labelledby="live-title">
            <h2 id="live-title">Score</h2>
            {liveError && <p class="error">{liveError}</p>}
            {live && (
              <>
                <p class="big" data-testid="live-total">
                  {live.total ?? '—'}
                  {detail.range ? <small> / {detail.range[1]}</small> : null}
                </p>
                {/* A scale without bands (FPS-R, PedsQL) said "not scored yet" beside its score. */}
                {live.band ? (
                  <p data-testid="live-band">{live.band.label}</p>
                ) : (
                  live.total === null && <p data-testid="live-band">not scored yet</p>
                )}
                {live.band?.action && <p>{live.band.action}</p>}
                <p data-testid="live-missing">
                  {live.missing_data.answered} of {live.missing_data.items} answered — {live.missing_data.rule}:{' '}
                  <strong>{live.missing_data.decision.replace(/_/g, ' ')}</strong>
                  {live.missing_data.reason ? ` (${live.missing_data.reason})` : ''}
                </p>
                {Object.entries(live.subscales).map(([id, s]) => (
                  <p key={id}>
                    {s.name}: {s.value ?? '—'}
                  </p>
                ))}
                {live.flags.map((f) => (
                  <p class="error" key={f.label}>
                    {f.label}
                  </p>
                ))}
                {live.unverified.length > 0 && <p class="muted">Some facts behind this score are unverified: see the instrument notes.</p>}
              </>
            )}
            {errors.length > 0 && (
              <ul class="error" role="alert">
                {errors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
            <button type="submit">Save to the chart</button>
          </aside>
        </form>
      )}

      {result && (
        <div class="card" role="status">
          <h2>Saved</h2>
          <p data-testid="saved-total">
            {result.score.name}: {result.score.total ?? '—'} {result.score.band ? `(${result.score.band.label})` : ''}
          </p>
          {result.change.length > 0 && <h3>Against the baseline</h3>}
          <ul>
            {result.change.map((c: any) => (
              <li key={c.scale}>
                <strong>{result.score.subscales?.[c.scale]?.name ?? (c.scale === 'total' ? 'Total' : c.scale)}</strong>: {c.explanation}
              </li>
            ))}
          </ul>
          <a href={`#/patients/${patientId}`}>Back to the chart</a>
        </div>
      )}
    </section>
  );
}
