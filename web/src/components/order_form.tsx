// Sign a new order for a child on the census, or a change to one that runs (a new version of the
// same order, with the reason). Every modality of the service: PCA/NCA, epidural and nerve
// catheters, spinal and single-shot blocks, scheduled doses, topical and non-drug therapies.
// The server checks the dose against the site formulary: a refusal shows the computed dose, the
// limit and its source; a soft-limit warning needs a reason, which is audited.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { weightText, type CensusRow } from '../census';
import { DialogForm } from './dialog_form';
import { buildOrder, defaultValues, doseFigures, fieldsFor, MODALITIES, valuesOf, type FormularyDrug, type Modality, type Values } from '../orders';
import { problemText } from '../problem_text';

interface Finding {
  severity: 'refuse' | 'warn';
  message: string;
  computed: { value: number; unit: string } | null;
  limit: { value: number; unit: string } | null;
  source: string;
}

export interface RunningOrder {
  id: string;
  version: number; // the version on screen: a change to an older one is refused (409)
  label: string;
  summary: string;
  order: any;
}

let formularyCache: Promise<FormularyDrug[]> | null = null;
function formulary() {
  formularyCache ??= request<{ drugs: FormularyDrug[] }>('GET', '/api/v1/acute/formulary').then(
    (r) => r.drugs,
    (e) => {
      formularyCache = null;
      throw e;
    },
  );
  return formularyCache;
}

export function OrderForm({
  row,
  changing,
  onClose,
  onSigned,
}: {
  row: CensusRow;
  changing?: RunningOrder;
  onClose: () => void;
  onSigned: () => void;
}) {
  const [drugs, setDrugs] = useState<FormularyDrug[] | null>(null);
  const [kind, setKind] = useState<Modality>(changing ? changing.order.kind : 'pca');
  const [values, setValues] = useState<Values>(changing ? valuesOf(changing.order) : {});
  const [changeReason, setChangeReason] = useState('');
  const [override, setOverride] = useState('');
  const [findings, setFindings] = useState<Finding[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    formulary().then(
      (d) => {
        setDrugs(d);
        if (!changing) setValues(defaultValues('pca', d, row.patient.age.totalMonths));
      },
      (e) => setError(e instanceof ApiError ? e.message : 'The formulary could not be loaded.'),
    );
  }, []);

  function chooseKind(k: Modality) {
    setKind(k);
    setValues(defaultValues(k, drugs ?? [], row.patient.age.totalMonths));
    setFindings([]);
    setError('');
  }

  function set(key: string, value: string) {
    setValues((v) => {
      const next = { ...v, [key]: value };
      // A new drug may not be given by the old route: start from its first one.
      if (kind === 'scheduled_dose' && key === 'drug') {
        const d = drugs?.find((x) => x.id === value);
        if (d && !d.routes.includes(next.route)) next.route = d.routes[0];
      }
      return next;
    });
  }

  async function sign(e: Event) {
    e.preventDefault();
    setError('');
    setFindings([]);
    if (changing && !changeReason.trim()) {
      setError('Say why the order changes: the reason is kept with the new version.');
      return;
    }
    try {
      await request('POST', '/api/v1/acute/orders', {
        patient: row.patient.id,
        consult: row.consult.id,
        order: buildOrder(kind, values),
        ...(changing ? { replaces: changing.id, replaces_version: changing.version, change_reason: changeReason.trim() } : {}),
        ...(override ? { override_reason: override } : {}),
      });
      onSigned();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        // The dose check travels beside the error: show every finding with its limit and source.
        const check = err.body?.dose_check;
        if (check) {
          setError(err.message);
          setFindings(check.findings);
        } else setError(problemText(err));
      } else setError(err instanceof ApiError ? err.message : 'Not signed.');
    }
  }

  const title = changing ? `Change ${changing.label}` : 'New order';
  const fields = drugs ? fieldsFor(kind, values, drugs) : [];
  const warnOnly = findings.some((f) => f.severity === 'warn') && !findings.some((f) => f.severity === 'refuse');

  return (
    <DialogForm
      id="order"
      title={`${title} for ${row.patient.name}`}
      submitLabel={changing ? 'Sign change' : 'Sign order'}
      onSubmit={sign}
      onClose={onClose}
      error={error && <DoseCheckProblems error={error} findings={findings} />}
    >
        <p>
          Weight {weightText(row)} · {row.consult.location}
        </p>
        {changing && <p class="muted">Now: {changing.summary}</p>}
        <label for="order-kind">Modality</label>
        {/* Chosen before the formulary came, a modality's fields were replaced by the PCA's
            defaults when it came (an epidural ordered as a PCA): nothing to choose until then. */}
        <select id="order-kind" value={kind} disabled={!!changing || !drugs} onChange={(e) => chooseKind(e.currentTarget.value as Modality)}>
          {MODALITIES.map((m) => (
            <option key={m.kind} value={m.kind}>
              {m.label}
            </option>
          ))}
        </select>
        {!drugs && !error && <p class="loading">Loading the formulary…</p>}
        {fields.map((f) => {
          const id = `order-${f.key}`;
          if (f.type === 'check')
            return (
              <label class="check" key={f.key}>
                <input id={id} type="checkbox" checked={values[f.key] === 'true'} onChange={(e) => set(f.key, String(e.currentTarget.checked))} />
                {f.label}
              </label>
            );
          return (
            <div key={f.key}>
              <label for={id}>{f.label}</label>
              {f.type === 'select' ? (
                <select id={id} value={values[f.key] ?? ''} onChange={(e) => set(f.key, e.currentTarget.value)}>
                  {f.options!.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  type={f.type === 'number' ? 'number' : 'text'}
                  step="any"
                  value={values[f.key] ?? ''}
                  onInput={(e) => set(f.key, e.currentTarget.value)}
                />
              )}
            </div>
          );
        })}
        <label for="order-indication">Indication (optional)</label>
        <input id="order-indication" value={values.indication ?? ''} onInput={(e) => set('indication', e.currentTarget.value)} />
        {changing && (
          <>
            <label for="order-change-reason">Reason for the change</label>
            <input id="order-change-reason" value={changeReason} onInput={(e) => setChangeReason(e.currentTarget.value)} />
          </>
        )}
        {warnOnly && (
          <>
            <label for="order-override">Reason to go above the usual limit</label>
            <input id="order-override" value={override} onInput={(e) => setOverride(e.currentTarget.value)} />
          </>
        )}
        <p class="muted">Limits are reference values the site's pharmacy must confirm.</p>
    </DialogForm>
  );
}

// The server's refusal: its message, and each finding with the dose, the limit and the source.
function DoseCheckProblems({ error, findings }: { error: string; findings: Finding[] }) {
  return (
    <div class="error" role="alert">
      <p>{error}</p>
      <ul>
        {findings.map((f) => (
          <li key={f.message}>
            <strong>{f.severity === 'refuse' ? 'Refused' : 'Needs a reason'}</strong> {f.message.replace(/^(Refused|Warning):\s*/, '')}
            {f.computed && f.limit && (
              <span>
                {' '}
                (ordered {doseFigures(f.computed.value, f.limit.value)[0]} {f.computed.unit}; limit{' '}
                {doseFigures(f.computed.value, f.limit.value)[1]} {f.limit.unit})
              </span>
            )}
            <br />
            <small>Source: {f.source}</small>
          </li>
        ))}
      </ul>
    </div>
  );
}

// Stop a running order: the reason is required and kept with the stopped version.
export function StopOrderForm({ row, order, onClose, onStopped }: { row: CensusRow; order: RunningOrder; onClose: () => void; onStopped: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  async function stop(e: Event) {
    e.preventDefault();
    if (!reason.trim()) {
      setError('Say why the order stops: the reason is kept with the order.');
      return;
    }
    try {
      await request('POST', `/api/v1/acute/orders/${order.id}/stop`, { reason: reason.trim() });
      onStopped();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Not stopped.');
    }
  }
  return (
    <DialogForm id="stop" title={`Stop ${order.label} for ${row.patient.name}`} submitLabel="Stop order" onSubmit={stop} onClose={onClose} error={error}>
        <p class="muted">{order.summary}</p>
        <label for="stop-reason">Reason for stopping</label>
        <input id="stop-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
    </DialogForm>
  );
}
