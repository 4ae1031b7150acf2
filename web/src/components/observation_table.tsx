import { PAIN_SCALES, REPORTERS, formatWhen } from '../clinical';
import type { ChartObservation } from '../pain_series';

export function ObservationTable({ observations }: { observations: (ChartObservation & { id?: string })[] }) {
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
