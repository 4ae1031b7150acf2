import { assessmentRows, type AdministrationSummary, type ReportCell } from '../assessments';

function cell(c?: ReportCell) {
  if (!c) return <td class="muted">—</td>;
  return (
    <td>
      <strong>{c.total ?? '—'}</strong> {c.band && <small>{c.band}</small>}
    </td>
  );
}

export function AssessmentTable({ list }: { list: AdministrationSummary[] }) {
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
              {cell(r.self)}
              {cell(r.parent)}
              {cell(r.clinician)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
