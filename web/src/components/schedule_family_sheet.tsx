// The printable day for one child's family: big times, plain words, no codes, no navigation.
// The print stylesheet shows only these sheets, one child per page.
import { childDay, familyClock, familyDayTitle, type SchedulePlan, type ScheduleInstance } from '../schedule_board';

export function FamilySheet(props: {
  instance: ScheduleInstance;
  plan: SchedulePlan;
  patientId: string;
  day: number;
  synthetic: boolean;
  moved?: Set<number>;
}) {
  const { instance, plan, patientId, day, synthetic, moved } = props;
  const patient = instance.patients.find((p) => p.id === patientId);
  if (!patient) return null;
  const entries = childDay(instance, plan, patientId, day, moved);
  return (
    <article class="family-sheet" aria-label={`Day schedule for ${patient.name}`}>
      <h2>
        {patient.name} — {familyDayTitle(instance, day)}
      </h2>
      {synthetic && <p class="family-note">Synthetic demonstration data</p>}
      <table class="family-day">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">What</th>
            <th scope="col">Where</th>
            <th scope="col">With</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={i}>
              <td class="family-time">
                {familyClock(e.start)} – {familyClock(e.end)}
                {e.changed && <span class="family-changed">Changed</span>}
              </td>
              <td>{e.what}</td>
              <td>{e.where}</td>
              <td>{e.with}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(instance.unit?.name || instance.unit?.phone) && (
        <p class="family-contact">
          Questions about the day? Call {instance.unit?.name ?? 'the unit'}
          {instance.unit?.phone ? `: ${instance.unit.phone}` : ''}
        </p>
      )}
    </article>
  );
}
