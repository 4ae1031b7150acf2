// The acute pain service's census and rounding board: every child on the service, what runs into
// them, their pain and sedation, alerts to acknowledge and reassessments due. Sortable and
// filterable; printable as the shift hand-off list; prescribers order from here.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, can, request, type User } from '../api';
import { formatWhen, newbornAge } from '../clinical';
import { AcknowledgeForm, RoundNoteForm } from '../components/round_forms';
import { filterCensus, painText, sedationText, sortCensus, weightText, type CensusRow, type SortKey } from '../census';
import { OrderForm, StopOrderForm, type RunningOrder } from '../components/order_form';
import { OrderHistory } from '../components/order_history';
import { BedsideAssessmentForm } from '../components/bedside_assessment_form';
import { SignOffForm } from '../components/consult_forms';

function age(a: CensusRow['patient']['age']) {
  return newbornAge(a, true) ?? (a.totalMonths < 24 ? `${a.totalMonths} mo` : `${a.years} y`);
}

export function AcuteCensusPage({ user }: { user: User }) {
  const [rows, setRows] = useState<CensusRow[] | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [sort, setSort] = useState<SortKey>('alerts');
  const [filter, setFilter] = useState('');
  const [flagged, setFlagged] = useState(false);
  // The dialog open, if any: a new order, a change or a stop of a running one, or its history.
  const [dialog, setDialog] = useState<{
    action: 'new' | 'change' | 'stop' | 'history' | 'assess' | 'sign-off' | 'note' | 'acknowledge';
    row: CensusRow;
    order?: RunningOrder;
    alert?: CensusRow['alerts'][number];
  } | null>(null);
  const [sedationScale, setSedationScale] = useState('poss');
  const [spo2Minimum, setSpo2Minimum] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const prescriber = can(user, 'prescribe');
  const charts = can(user, 'write_observation'); // bedside checks, round notes, acknowledgements

  useEffect(() => {
    request<{ patients: CensusRow[]; notice: string; monitoring: { sedation_scale: string; spo2_minimum?: number | null } }>(
      'GET',
      '/api/v1/acute/census',
    ).then(
      (r) => {
        setRows(r.patients);
        setNotice(r.notice);
        setSedationScale(r.monitoring.sedation_scale);
        setSpo2Minimum(r.monitoring.spo2_minimum ?? null);
      },
      (e) => setError(e instanceof ApiError ? e.message : 'The census could not be loaded.'),
    );
  }, [version]);

  // A failed action shows its reason above the census and reloads it: someone else may have
  // acted on the same child meanwhile, and the rows must show what is true now.
  function failed(e: unknown, fallback: string) {
    setError(e instanceof ApiError ? e.message : fallback);
    setVersion((v) => v + 1);
  }

  async function accept(consultId: string) {
    try {
      await request('POST', `/api/v1/acute/consults/${consultId}/accept`, {});
      setError('');
      setVersion((v) => v + 1);
    } catch (e) {
      failed(e, 'Not accepted.');
    }
  }

  function done() {
    setDialog(null);
    setVersion((v) => v + 1);
  }

  const problem = error && (
    <p class="error" role="alert">
      {error}
    </p>
  );
  if (!rows) return problem || <p class="loading">Loading the census…</p>;
  const shown = sortCensus(filterCensus(rows, filter, flagged), sort);

  return (
    <section aria-labelledby="census-title">
      <div class="section-head">
        <h1 id="census-title">Acute pain service census</h1>
        <div class="toggle no-print">
          <a class="button" href="#/acute/statistics">
            Service statistics
          </a>
          <button type="button" onClick={() => print()}>
            Print hand-off list
          </button>
        </div>
      </div>
      {problem}
      <p class="print-only">
        Hand-off list printed {formatWhen(new Date().toISOString())} by {user.username}: {shown.length} children.
      </p>
      <div class="card search no-print" role="search">
        <div>
          <label for="census-filter">Filter (name, MRN, bed, modality)</label>
          <input id="census-filter" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </div>
        <div>
          <label for="census-sort">Sort by</label>
          <select id="census-sort" value={sort} onChange={(e) => setSort(e.currentTarget.value as SortKey)}>
            <option value="alerts">Most urgent first</option>
            <option value="location">Ward and bed</option>
            <option value="due">Reassessment due</option>
            <option value="pain">Pain, highest first</option>
            <option value="name">Name</option>
          </select>
        </div>
        <label class="check">
          <input type="checkbox" checked={flagged} onChange={(e) => setFlagged(e.currentTarget.checked)} />
          Only alerts and overdue reassessments
        </label>
      </div>
      <div class="scroll-x">
        <table class="census">
          <caption>
            {shown.length} of {rows.length} children on the service.{' '}
            {spo2Minimum === null ? 'SpO2 raises no alert: the site has not set a minimum.' : `SpO2 below ${spo2Minimum}% raises an alert.`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Child</th>
              <th scope="col">Bed</th>
              <th scope="col">Weight</th>
              <th scope="col">Running</th>
              <th scope="col">Pain</th>
              <th scope="col">Sedation</th>
              <th scope="col">RR</th>
              <th scope="col">SpO2</th>
              <th scope="col">Alerts and reassessments</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && rows.length > 0 && (
              <tr>
                <td colSpan={9}>No child on the service matches this filter.</td>
              </tr>
            )}
            {shown.map((r) => (
              <tr key={r.consult.id} class={r.alerts.length ? 'alerting' : ''} data-patient={r.patient.id}>
                <td class="long">
                  <a href={`#/patients/${r.patient.id}`}>{r.patient.name}</a>
                  <br />
                  <small>
                    {r.patient.mrn} · {age(r.patient.age)} · {r.consult.reason.replace(/_/g, ' ')}
                    {r.consult.oncology ? ' · oncology' : ''}
                    {r.consult.status === 'requested' ? ` · requested (${r.consult.urgency}), not yet accepted` : ''}
                  </small>
                  <div class="no-print row-actions">
                    {charts && (
                      <button type="button" class="small" onClick={() => setDialog({ action: 'assess', row: r })}>
                        Bedside check
                      </button>
                    )}
                    {r.consult.status === 'requested' && prescriber && (
                      <button type="button" class="small" onClick={() => accept(r.consult.id)}>
                        Accept consult
                      </button>
                    )}
                    {r.consult.status === 'active' && charts && (
                      <button type="button" class="small" onClick={() => setDialog({ action: 'note', row: r })}>
                        Round note
                      </button>
                    )}
                    {r.consult.status === 'active' && prescriber && (
                      <button type="button" class="small" onClick={() => setDialog({ action: 'sign-off', row: r })}>
                        Sign off
                      </button>
                    )}
                  </div>
                </td>
                <td class="short" data-label="Bed">{r.consult.location}</td>
                <td class="num" data-label="Weight" title={weightText(r)}>{r.weight_kg === null ? '—' : `${r.weight_kg} kg`}</td>
                <td class="long" data-label="Running">
                  {r.orders.length === 0
                    ? '—'
                    : r.orders.map((o) => (
                        <div key={o.id} class="order-line">
                          <span title={o.summary}>{o.summary}</span>
                          <span class="no-print">
                            {prescriber && (
                              <>
                                {/* Named with what they act on: a screen reader heard only "Change", "Stop". */}
                                <button
                                  type="button"
                                  class="small"
                                  aria-label={`Change ${o.summary} for ${r.patient.name}`}
                                  onClick={() => setDialog({ action: 'change', row: r, order: o })}
                                >
                                  Change
                                </button>
                                <button
                                  type="button"
                                  class="small"
                                  aria-label={`Stop ${o.summary} for ${r.patient.name}`}
                                  onClick={() => setDialog({ action: 'stop', row: r, order: o })}
                                >
                                  Stop
                                </button>
                              </>
                            )}
                            <button
                              type="button"
                              class="small"
                              aria-label={`History of ${o.summary} for ${r.patient.name}`}
                              onClick={() => setDialog({ action: 'history', row: r, order: o })}
                            >
                              History
                            </button>
                          </span>
                        </div>
                      ))}
                  {prescriber && (
                    <button type="button" class="small no-print" onClick={() => setDialog({ action: 'new', row: r })}>
                      New order
                    </button>
                  )}
                </td>
                <td class="num" data-label="Pain">{painText(r.latest_pain)}</td>
                <td class="short" data-label="Sedation">{sedationText(r.latest_sedation)}</td>
                <td class="num" data-label="RR">{r.latest_respiratory_rate?.value ?? '—'}</td>
                <td class="num" data-label="SpO2">{r.latest_spo2?.value != null ? `${r.latest_spo2.value}%` : '—'}</td>
                <td class="long" data-label="Alerts">
                  {r.alerts.map((a) => (
                    <div key={a.id} class="alert" role="alert">
                      <strong>{a.alert.message}</strong>
                      {charts && (
                        <button
                          type="button"
                          class="small no-print"
                          aria-label={`Acknowledge for ${r.patient.name}: ${a.alert.message}`}
                          onClick={() => setDialog({ action: 'acknowledge', row: r, alert: a })}
                        >
                          Acknowledge
                        </button>
                      )}
                    </div>
                  ))}
                  {r.due.map((d) => (
                    <div key={d.due} class={d.overdue ? 'overdue' : ''}>
                      {d.overdue ? 'OVERDUE: ' : 'Due '}
                      {d.rule.startsWith('pain/') ? 'reassess pain' : d.message} by {formatWhen(d.due)}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">{notice}</p>
      {dialog && (dialog.action === 'new' || dialog.action === 'change') && (
        <OrderForm row={dialog.row} changing={dialog.order} onClose={() => setDialog(null)} onSigned={done} />
      )}
      {dialog?.action === 'stop' && dialog.order && (
        <StopOrderForm row={dialog.row} order={dialog.order} onClose={() => setDialog(null)} onStopped={done} />
      )}
      {dialog?.action === 'assess' && (
        <BedsideAssessmentForm row={dialog.row} sedationScale={sedationScale} onClose={() => setDialog(null)} onSaved={done} />
      )}
      {dialog?.action === 'sign-off' && (
        <SignOffForm consultId={dialog.row.consult.id} name={dialog.row.patient.name} onClose={() => setDialog(null)} onSignedOff={done} />
      )}
      {dialog?.action === 'note' && (
        <RoundNoteForm consultId={dialog.row.consult.id} name={dialog.row.patient.name} onClose={() => setDialog(null)} onSaved={done} />
      )}
      {dialog?.action === 'acknowledge' && dialog.alert && (
        <AcknowledgeForm
          alertId={dialog.alert.id}
          message={dialog.alert.alert.message}
          name={dialog.row.patient.name}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.action === 'history' && dialog.order && (
        <OrderHistory row={dialog.row} order={dialog.order} onClose={() => setDialog(null)} />
      )}
    </section>
  );
}
