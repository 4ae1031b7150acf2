// The patient chart: who the child is (age, weight, programs), their pain over time as a chart
// and as a table, a form to record a new score, and the timeline of everything charted.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, can, request, type User } from '../api';
import { PROGRAMS, formatAge, formatWhen, isPainCode } from '../clinical';
import type { ChartObservation } from '../pain_series';
import { PainChart } from '../components/pain_chart';
import { PainEntryForm } from '../components/pain_entry_form';
import { ObservationTable } from '../components/observation_table';
import { Timeline, type TimelineItem } from '../components/timeline';
import { AssessmentTable } from '../components/assessment_table';
import { RetractAssessmentForm, type RetractTarget } from '../components/retract_assessment_form';
import type { AdministrationSummary } from '../assessments';
import { ConsultRequestForm } from '../components/consult_forms';

interface Summary {
  id: string;
  mrn: string;
  name: string;
  birthDate: string;
  sex: string | null;
  age: { years: number; months: number; totalMonths: number; days?: number };
  weight: { value: number; unit: string; effective: string } | null;
  episodes: { id: string; program: string; status: string; start: string; end: string | null; reason: string }[];
  acute_consult?: { id: string; status: 'requested' | 'accepted'; location: string } | null;
}

export function PatientChartPage({ id, user }: { id: string; user: User }) {
  const charts = can(user, 'write_observation'); // record scores, assessments, consult requests
  const [summary, setSummary] = useState<Summary | null>(null);
  const [items, setItems] = useState<TimelineItem[]>([]);
  const [olderLeftOut, setOlderLeftOut] = useState(false); // the timeline holds the newest 500 entries
  const [administrations, setAdministrations] = useState<AdministrationSummary[]>([]);
  const [error, setError] = useState('');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const [version, setVersion] = useState(0);
  const [requesting, setRequesting] = useState(false);
  const [requested, setRequested] = useState(false);
  const [retracting, setRetracting] = useState<RetractTarget | null>(null);

  useEffect(() => {
    setError('');
    Promise.all([
      request<Summary>('GET', `/api/v1/patients/${id}/summary`),
      request<{ items: TimelineItem[]; more?: boolean }>('GET', `/api/v1/patients/${id}/timeline?limit=500`),
      request<{ administrations: AdministrationSummary[] }>('GET', `/api/v1/patients/${id}/administrations`),
    ]).then(
      ([s, t, a]) => {
        setSummary(s);
        setItems(t.items);
        setOlderLeftOut(Boolean(t.more));
        setAdministrations(a.administrations);
      },
      (err) => setError(err instanceof ApiError ? err.message : 'The chart could not be loaded.'),
    );
  }, [id, version]);

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!summary) return <p class="loading">Loading chart…</p>;

  const pain = items.filter((i) => i.kind === 'observation' && isPainCode(i.code!)) as unknown as ChartObservation[];
  const active = summary.episodes.filter((e) => e.status === 'active');

  return (
    <section aria-labelledby="patient-name">
      <header class="card patient-header">
        <div class="section-head">
          <h1 id="patient-name">{summary.name}</h1>
          {charts && !summary.acute_consult && !requested && (
            <button type="button" class="no-print" onClick={() => setRequesting(true)}>
              Request acute pain consult
            </button>
          )}
        </div>
        {summary.acute_consult && !requested && (
          <p>
            On the <a href="#/acute">acute pain service census</a>: consult {summary.acute_consult.status}
            {summary.acute_consult.location ? `, ${summary.acute_consult.location}` : ''}.
          </p>
        )}
        {requested && (
          <p role="status">
            The acute pain service has the request: it is on the <a href="#/acute">census</a> until accepted.
          </p>
        )}
        <dl>
          <div>
            <dt>MRN</dt>
            <dd>{summary.mrn}</dd>
          </div>
          <div>
            <dt>Age</dt>
            <dd data-testid="age">{formatAge(summary.age)}</dd>
          </div>
          <div>
            <dt>Born</dt>
            <dd>{summary.birthDate}</dd>
          </div>
          <div>
            <dt>Sex</dt>
            <dd>{summary.sex ?? "not recorded"}</dd>
          </div>
          <div>
            <dt>Weight</dt>
            <dd data-testid="weight">
              {summary.weight ? (
                <>
                  {summary.weight.value} {summary.weight.unit} <small>({formatWhen(summary.weight.effective)})</small>
                </>
              ) : (
                'not recorded'
              )}
            </dd>
          </div>
          <div>
            <dt>Active programs</dt>
            <dd>
              {active.length === 0
                ? 'none'
                : active.map((e) => (
                    <span class="pill" key={e.id}>
                      {PROGRAMS[e.program] ?? e.program} since {e.start}
                    </span>
                  ))}
            </dd>
          </div>
        </dl>
      </header>

      <div class="columns">
        <section class="card" aria-labelledby="pain-title">
          <div class="section-head">
            <h2 id="pain-title">Pain scores</h2>
            <div role="group" aria-label="View" class="toggle">
              <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
                Chart
              </button>
              <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
                Table
              </button>
            </div>
          </div>
          {view === 'chart' ? <PainChart observations={pain} /> : <ObservationTable observations={pain} onRetract={charts ? setRetracting : undefined} />}
        </section>
        {charts && (
          <PainEntryForm patientId={summary.id} ageMonths={summary.age.totalMonths} onSaved={() => setVersion((v) => v + 1)} />
        )}
      </div>

      <section class="card" aria-labelledby="assessments-title">
        <div class="section-head">
          <h2 id="assessments-title">Scales and questionnaires</h2>
          {charts && (
            <a class="button" href={`#/patients/${summary.id}/assess`}>
              New assessment
            </a>
          )}
        </div>
        <AssessmentTable list={administrations} onRetract={charts ? setRetracting : undefined} />
      </section>

      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <Timeline items={items} onRetract={charts ? setRetracting : undefined} />
        {olderLeftOut && <p class="muted">The newest {items.length} entries are shown; older ones are in the FHIR history.</p>}
      </section>
      {retracting && (
        <RetractAssessmentForm
          patientId={summary.id}
          target={retracting}
          onClose={() => setRetracting(null)}
          onRetracted={() => {
            setRetracting(null);
            setVersion((v) => v + 1);
          }}
        />
      )}
      {requesting && (
        <ConsultRequestForm
          patient={{ id: summary.id, name: summary.name }}
          onClose={() => setRequesting(false)}
          onRequested={() => {
            setRequesting(false);
            setRequested(true);
          }}
        />
      )}
    </section>
  );
}
