// The day on a time grid: one row per patient or staff member, one block per session, placed by
// its start and end. Every block carries its discipline code and time as text, so colour is
// never the only cue; moved sessions get a heavy outline and the word "moved".
import { boardRows, clockMinutes, disciplineStyle, hourMarks, type BoardView, type SchedulePlan, type ScheduleInstance } from '../schedule_board';

export function ScheduleLegend({ disciplines }: { disciplines: string[] }) {
  return (
    <ul class="schedule-legend" aria-label="Disciplines">
      {disciplines.map((d) => {
        const st = disciplineStyle(d);
        return (
          <li key={d}>
            <span class="swatch" style={{ background: st.colour }}>
              {st.code}
            </span>{' '}
            {st.label}
          </li>
        );
      })}
      <li>
        <span class="swatch moved-swatch">moved</span> changed since the plan was solved or opened
      </li>
    </ul>
  );
}

export function ScheduleGrid(props: {
  instance: ScheduleInstance;
  plan: SchedulePlan;
  day: number;
  view: BoardView;
  moved: Set<number>;
}) {
  const { instance, plan, day, view, moved } = props;
  const from = clockMinutes(instance.day_window.from);
  const to = clockMinutes(instance.day_window.to);
  const step = instance.slot_minutes;
  const columns = Math.round((to - from) / step);
  const col = (clock: string) => Math.round((clockMinutes(clock) - from) / step) + 2; // column 1 holds names
  const rows = boardRows(instance, plan, day, view, moved);
  const template = { gridTemplateColumns: `11rem repeat(${columns}, minmax(0.9rem, 1fr))` };
  return (
    <div class="schedule-grid-wrap">
      <div class="schedule-grid" role="table" aria-label={`Schedule by ${view === 'patients' ? 'patient' : 'staff member'}`} style={template}>
        <div class="schedule-row schedule-head" role="row" style={template}>
          <div role="columnheader" class="schedule-name">
            {view === 'patients' ? 'Patient' : 'Staff member'}
          </div>
          {hourMarks(instance).map((h) => (
            <div key={h} role="columnheader" class="schedule-hour" style={{ gridColumn: `${col(h)} / span ${60 / step}` }}>
              {h}
            </div>
          ))}
        </div>
        {rows.map((r) => (
          <div class="schedule-row" role="row" key={r.id} data-row={r.id} style={template}>
            <div role="rowheader" class="schedule-name" title={r.name}>
              {r.name}
            </div>
            {r.away.map((w) => (
              <div
                role="cell"
                key={`away-${w.from}-${r.id}`}
                class="schedule-away"
                style={{ gridColumn: `${col(w.from)} / ${col(w.to)}` }}
                title={`${w.label || 'Busy'}: ${w.from}–${w.to}`}
              >
                {w.label || 'Busy'}
              </div>
            ))}
            {r.blocks.map((b) => (
              // Focusable, so a keyboard user can step through the day and hear each session
              // whole (the block itself is too narrow to print who and where).
              <div
                role="cell"
                tabIndex={0}
                key={`${b.index}-${r.id}`}
                class={`schedule-block${b.moved ? ' moved' : ''}`}
                data-session={b.index}
                style={{ gridColumn: `${col(b.start)} / ${col(b.end)}`, background: b.style.colour }}
                title={`${b.style.label}: ${b.start}–${b.end}, ${b.detail}${b.moved ? ' (moved)' : ''}`}
              >
                <strong>{b.style.code}{b.group && ' group'}</strong> <span class="block-time">{b.start}</span>
                {b.moved && <span class="moved-tag">moved</span>}
                <span class="visually-hidden">
                  {' '}
                  {b.style.label} until {b.end}, {b.detail}
                </span>
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
