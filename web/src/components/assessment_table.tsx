import { assessmentRows, type AdministrationSummary, type AssessmentRow, type ReportCell } from '../assessments';
import type { RetractTarget } from './retract_assessment_form';

// onRetract: offered to those who chart (the server checks the role too).
export function AssessmentTable({ list, onRetract }: { list: AdministrationSummary[]; onRetract?: (target: RetractTarget) => void }) {
  function cell(row: AssessmentRow, who: 'self' | 'parent' | 'clinician') {
    const c: ReportCell | undefined = row[who];
    if (!c) return <td class="muted">—</td>;
    const label = `${row.name} ${c.total ?? '—'} (${who === 'self' ? 'child' : who}, ${row.day})`;
    return (
      <td>
        <strong>{c.total ?? '—'}</strong> {c.band && <small>{c.band}</small>}
        {onRetract && (
          <button type="button" class="small no-print" aria-label={`Retract ${label}`} data-administration={c.id} onClick={() => onRetract({ id: c.id, label })}>
            Retract
          </button>
        )}
      </td>
    );
  }
  const rows = assessmentRows(list);
  if (rows.length === 0) return <p>No questionnaires or scales administered yet.</p>;
  return (
    <div class="scroll">
      <table class="assessments">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Instrument</th>
            <th scope="col">Child</th>
            <th scope="col">Parent</th>
            <th scope="col">Clinician</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.day}</td>
              <td>{r.name}</td>
              {cell(r, 'self')}
              {cell(r, 'parent')}
              {cell(r, 'clinician')}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
