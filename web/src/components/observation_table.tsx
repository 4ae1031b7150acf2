import { PAIN_SCALES, REPORTERS, formatWhen } from '../clinical';
import type { ChartObservation } from '../pain_series';
import type { RetractTarget } from './retract_assessment_form';

type Row = ChartObservation & { id?: string; derivedFrom?: string };

// onRetract: offered to those who chart (the server checks the role too), for scores charted by
// themselves; a score computed from an assessment is retracted with it, under "Scales".
export function ObservationTable({ observations, onRetract }: { observations: Row[]; onRetract?: (target: RetractTarget) => void }) {
  if (observations.length === 0) return <p>No pain scores recorded yet.</p>;
  return (
    <div class="scroll">
      <table class="observations">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Scale</th>
            <th scope="col">Score</th>
            <th scope="col">Reported by</th>
            <th scope="col">Status</th>
            {onRetract && <th scope="col" class="no-print"><span class="visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {observations.map((o, i) => (
            <tr key={o.id ?? i} class={o.status === 'entered-in-error' ? 'struck' : ''}>
              <td>{formatWhen(o.effective)}</td>
              <td>{PAIN_SCALES[o.code]?.short ?? o.code}</td>
              <td class="num">{o.value ?? '—'}</td>
              <td>{REPORTERS[o.reporter] ?? o.reporter}</td>
              <td>{o.status}</td>
              {onRetract && (
                <td class="no-print">
                  {o.id && !o.derivedFrom && o.status !== 'entered-in-error' && (
                    <button
                      type="button"
                      class="small"
                      aria-label={`Retract ${scoreLabel(o)}`}
                      onClick={() => onRetract({ id: o.id!, label: scoreLabel(o), score: true })}
                    >
                      Retract
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function scoreLabel(o: Row) {
  return `${PAIN_SCALES[o.code]?.short ?? o.code} ${o.value ?? ''} (${REPORTERS[o.reporter] ?? o.reporter}, ${formatWhen(o.effective)})`;
}
