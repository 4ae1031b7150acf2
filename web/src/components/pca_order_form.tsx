// Sign an IV opioid PCA for a child on the census. The server checks the dose against the site
// formulary: a refusal shows the computed dose, the limit and its source; a soft-limit warning
// needs a reason, which is audited.
import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import type { CensusRow } from '../census';

interface Finding {
  severity: 'refuse' | 'warn';
  message: string;
  computed: { value: number; unit: string } | null;
  limit: { value: number; unit: string } | null;
  source: string;
}

export function PcaOrderForm({ row, onClose, onSigned }: { row: CensusRow; onClose: () => void; onSigned: () => void }) {
  const [drug, setDrug] = useState('morphine');
  const [concentration, setConcentration] = useState('1');
  const [demand, setDemand] = useState('');
  const [lockout, setLockout] = useState('10');
  const [limit1h, setLimit1h] = useState('');
  const [limit4h, setLimit4h] = useState('');
  const [override, setOverride] = useState('');
  const [findings, setFindings] = useState<Finding[]>([]);
  const [error, setError] = useState('');

  const unit = drug === 'fentanyl' ? 'mcg' : 'mg';
  function order() {
    const amount = (v: string) => ({ value: Number(v), unit });
    return {
      kind: 'pca',
      pca: {
        drug,
        concentration: { value: Number(concentration), unit: unit === 'mcg' ? 'mcg_per_ml' : 'mg_per_ml' },
        demand_dose: amount(demand),
        lockout_min: Number(lockout),
        ...(limit1h ? { limit_1h: amount(limit1h) } : {}),
        ...(limit4h ? { limit_4h: amount(limit4h) } : {}),
      },
    };
  }

  async function sign(e: Event) {
    e.preventDefault();
    setError('');
    setFindings([]);
    try {
      await request('POST', '/api/v1/acute/orders', {
        patient: row.patient.id,
        consult: row.consult.id,
        order: order(),
        ...(override ? { override_reason: override } : {}),
      });
      onSigned();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        setError(err.message);
        // The dose check travels beside the error: show every finding with its limit and source.
        const check = err.body?.dose_check;
        if (check) setFindings(check.findings);
        else setError(err.problems.map((p) => `${p.field}: ${p.message}`).join('; ') || err.message);
      } else setError(err instanceof ApiError ? err.message : 'Not signed.');
    }
  }

  return (
    <div class="dialog-backdrop">
      <form class="card dialog" role="dialog" aria-labelledby="order-title" onSubmit={sign} noValidate>
        <h2 id="order-title">IV opioid PCA for {row.patient.name}</h2>
        <p>
          Weight {row.weight_kg ?? 'not recorded'} {row.weight_kg ? 'kg' : ''} · {row.consult.location}
        </p>
        <label for="pca-drug">Drug</label>
        <select id="pca-drug" value={drug} onChange={(e) => setDrug(e.currentTarget.value)}>
          <option value="morphine">morphine</option>
          <option value="hydromorphone">hydromorphone</option>
          <option value="fentanyl">fentanyl</option>
        </select>
        <label for="pca-concentration">Syringe concentration ({unit}/mL)</label>
        <input id="pca-concentration" type="number" step="any" value={concentration} onInput={(e) => setConcentration(e.currentTarget.value)} />
        <label for="pca-demand">Demand dose ({unit})</label>
        <input id="pca-demand" type="number" step="any" value={demand} onInput={(e) => setDemand(e.currentTarget.value)} />
        <label for="pca-lockout">Lockout (minutes)</label>
        <input id="pca-lockout" type="number" value={lockout} onInput={(e) => setLockout(e.currentTarget.value)} />
        <label for="pca-limit1">1-hour limit ({unit}, as programmed)</label>
        <input id="pca-limit1" type="number" step="any" value={limit1h} onInput={(e) => setLimit1h(e.currentTarget.value)} />
        <label for="pca-limit">4-hour limit ({unit}, as programmed)</label>
        <input id="pca-limit" type="number" step="any" value={limit4h} onInput={(e) => setLimit4h(e.currentTarget.value)} />
        {findings.some((f) => f.severity === 'warn') && !findings.some((f) => f.severity === 'refuse') && (
          <>
            <label for="pca-override">Reason to go above the usual limit</label>
            <input id="pca-override" value={override} onInput={(e) => setOverride(e.currentTarget.value)} />
          </>
        )}
        {error && (
          <div class="error" role="alert">
            <p>{error}</p>
            <ul>
              {findings.map((f) => (
                <li key={f.message}>
                  <strong>{f.severity === 'refuse' ? 'Refused' : 'Needs a reason'}</strong>{' '}
                  {f.message.replace(/^(Refused|Warning):\s*/, '')}
                  {f.computed && f.limit && (
                    <span>
                      {' '}
                      (ordered {f.computed.value} {f.computed.unit}; limit {f.limit.value} {f.limit.unit})
                    </span>
                  )}
                  <br />
                  <small>Source: {f.source}</small>
                </li>
              ))}
            </ul>
          </div>
        )}
        <p class="muted">Limits are reference values the site's pharmacy must confirm.</p>
        <div class="toggle">
          <button type="submit">Sign order</button>
          <button type="button" aria-pressed="false" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
