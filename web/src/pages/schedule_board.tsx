// The unit's schedule board: open the unit's own file (or generate a demo unit), solve it or open
// a saved plan, see each day by patient or by staff member, report a sick call or a child off the
// unit and see what the repair moved, save the plan and the changed unit, and print each child's day for the family.
// Instances and plans live in this page and in the coordinator's files; the server computes.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request, type Problem } from '../api';
import { FamilySheet } from '../components/schedule_family_sheet';
import { ScheduleGrid, ScheduleLegend } from '../components/schedule_grid';
import {
  childSessionsShort,
  familyDayTitle,
  shortfallText,
  lastStart,
  sickCallStart,
  explanationLines,
  movedSessions,
  readableText,
  sessionsLost,
  type Explanation,
  staffOnDay,
  type BoardView,
  type SchedulePlan,
  type ScheduleInstance,
  type Shortfall,
} from '../schedule_board';
import { downloadJson, FileProblem, parseJsonFile, savedFileName } from '../schedule_files';

interface SolveAnswer {
  plan: SchedulePlan;
  summary: { status: string; objective: number; bound: number; seconds: number; sessions: number };
}
interface CheckAnswer {
  instance: ScheduleInstance;
  summary: { patients: number; staff: number; days: string[]; sessions_prescribed: number };
}
interface ValidationReport {
  feasible: boolean;
  hard_violations: number;
  violations?: { rule: string; message: string }[];
}
interface RepairAnswer {
  plan: SchedulePlan;
  moved: string[];
  shortfalls: Shortfall[];
  instance: ScheduleInstance;
  summary: { seconds: number };
}

// The board as it was when the coordinator last left the page: going to a chart and back must
// not lose a solved and repaired day. Kept in this tab's memory only (never in the browser's
// storage: a unit file names children), so a reload or sign-out clears it.
// The board before a change, to undo it: a sick call entered for the wrong person could
// otherwise only be taken back by reopening the files, losing every correct change since.
interface BoardState {
  what: string;  // the change it came before, as the status said it
  changed: boolean;
  instance: ScheduleInstance;
  plan: SchedulePlan;
  published: SchedulePlan | null;
  moved: Set<number>;
  movedText: string[];
}

interface BoardMemory {
  undo: BoardState[];
  unitFile: string;
  changed: boolean;
  instance: ScheduleInstance | null;
  plan: SchedulePlan | null;
  published: SchedulePlan | null;
  moved: Set<number>;
  movedText: string[];
  day: number;
  view: BoardView;
  status: string;
}
let remembered: BoardMemory | null = null;
export function forgetBoard() {
  remembered = null;
}

export function SchedulePage() {
  const [patients, setPatients] = useState(12);
  const [staffCount, setStaffCount] = useState(30);
  const [demoDays, setDemoDays] = useState(1);
  const [seconds, setSeconds] = useState(5);
  // Where the unit came from: '' for a generated demo unit, else the file's name.
  const [unitFile, setUnitFile] = useState(remembered?.unitFile ?? '');
  const [changed, setChanged] = useState(remembered?.changed ?? false);
  const [instance, setInstance] = useState<ScheduleInstance | null>(remembered?.instance ?? null);
  const [plan, setPlanState] = useState<SchedulePlan | null>(remembered?.plan ?? null);
  // The plan as solved or opened, before any repair: what the families were given. The board
  // marks every session changed since, however many repairs came between.
  const [published, setPublished] = useState<SchedulePlan | null>(remembered?.published ?? null);
  const [moved, setMoved] = useState<Set<number>>(remembered?.moved ?? new Set());
  const [movedText, setMovedText] = useState<string[]>(remembered?.movedText ?? []);
  const [undo, setUndo] = useState<BoardState[]>(remembered?.undo ?? []);
  const [day, setDay] = useState(remembered?.day ?? 0);
  const [view, setView] = useState<BoardView>(remembered?.view ?? 'patients');
  const [sick, setSick] = useState('');
  const [sickFrom, setSickFrom] = useState(''); // '' = the whole day
  const [offChild, setOffChild] = useState('');
  const [offFrom, setOffFrom] = useState('09:00');
  const [offTo, setOffTo] = useState('10:30');
  const [child, setChild] = useState('');
  const [printing, setPrinting] = useState('');
  const [busy, setBusy] = useState('');
  // A solve runs to its time limit unless it proves its plan optimal: show the time going by.
  const [limit, setLimit] = useState(0);
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    if (!busy || !limit) return;
    const began = Date.now();
    setElapsed(0);
    const timer = setInterval(() => setElapsed((Date.now() - began) / 1000), 250);
    return () => clearInterval(timer);
  }, [busy, limit]);
  const [status, setStatusText] = useState(remembered?.status ?? '');
  // A status that reports a loss or a broken plan reads as a warning, not in the success colour.
  const [warning, setWarning] = useState(false);
  function setStatus(text: string, warn = false) {
    setStatusText(text);
    setWarning(warn);
  }
  const [brokenRules, setBrokenRules] = useState<string[]>([]);
  // Written on every render, so what was last shown is what comes back.
  remembered = { undo, unitFile, changed, instance, plan, published, moved, movedText, day, view, status };
  const [error, setError] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [why, setWhy] = useState<string[]>([]);

  // An explanation belongs to the plan it was asked about.
  function setPlan(next: SchedulePlan | null) {
    setPlanState(next);
    setWhy([]);
    setBrokenRules([]);
  }

  async function explainShortfalls() {
    if (!instance || !plan) return;
    const answer = await run(
      'Looking for why',
      // At least the server's own 10 s: proving that a full day cannot take one more session is
      // harder than solving it, and a solve's few seconds mostly answered "not decided".
      () => request<Explanation>('POST', '/api/v1/schedule/explain', { instance, plan, time_limit_s: Math.max(seconds, 10) }),
      Math.max(seconds, 10),
    );
    if (answer) setWhy(explanationLines(instance, answer));
  }

  async function run<T>(what: string, call: () => Promise<T>, seconds = 0): Promise<T | null> {
    setLimit(seconds);
    setBusy(what);
    setError('');
    setProblems([]);
    try {
      return await call();
    } catch (err) {
      setStatus('');
      if (err instanceof ApiError && err.problems.length > 0) {
        // The list below names each problem at its place; the server's one-line summary repeats them.
        const n = err.problems.length;
        setError(`${what}: ${n} problem${n === 1 ? '' : 's'} to fix first.`);
        setProblems(err.problems);
      } else if (err instanceof ApiError || err instanceof FileProblem) {
        setError(err.message);
      } else {
        setError(`${what} failed.`);
      }
      return null;
    } finally {
      setBusy('');
    }
  }

  function useUnit(unit: ScheduleInstance, file: string) {
    setInstance(unit);
    setUnitFile(file);
    setChanged(false);
    setPlan(null);
    setPublished(null);
    setMoved(new Set());
    setMovedText([]);
    setDay(0);
    setPrinting('');
    setChild(unit.patients[0]?.id ?? '');
    setUndo([]);
  }

  // Keeps the board as it is, before `what` changes it.
  function remember(what: string) {
    if (!instance || !plan) return;
    setUndo((list) => [...list, { what, changed, instance, plan, published, moved, movedText }]);
  }

  function undoLast() {
    const last = undo[undo.length - 1];
    if (!last) return;
    setUndo(undo.slice(0, -1));
    setInstance(last.instance);
    setPlan(last.plan);
    setPublished(last.published);
    setMoved(last.moved);
    setMovedText(last.movedText);
    setChanged(last.changed);
    setStatus(`Undone: ${last.what}. The board is as it was before it.`);
  }

  async function loadDemo() {
    const unit = await run('Loading the demo unit', () =>
      request<ScheduleInstance>('GET', `/api/v1/schedule/demo?patients=${patients}&staff=${staffCount}&days=${demoDays}&seed=1`),
    );
    if (!unit) return;
    useUnit(unit, '');
    setStatus(`Demo unit loaded: ${unit.patients.length} children, ${unit.staff.length} staff, ${unit.days.length} day${unit.days.length === 1 ? '' : 's'}.`);
  }

  // The unit's own file: the server reads it as the solver will and names every problem in it.
  async function openUnit(file: File | undefined) {
    if (!file) return;
    const checked = await run(`Reading ${file.name}`, async () => {
      const unit = parseJsonFile(file.name, await file.text(), 'unit');
      return request<CheckAnswer>('POST', '/api/v1/schedule/check', { instance: unit });
    });
    if (!checked) return;
    const { summary } = checked;
    useUnit(checked.instance, file.name);
    setStatus(
      `${file.name} opened: ${summary.patients} children, ${summary.staff} staff, ${summary.days.join(', ')}; ` +
        `${summary.sessions_prescribed} sessions prescribed.`,
    );
  }

  // A plan saved earlier for this unit: the validator checks it before it is shown.
  async function openPlan(file: File | undefined) {
    if (!file || !instance) return;
    const opened = await run(`Reading ${file.name}`, async () => {
      const saved = parseJsonFile(file.name, await file.text(), 'plan') as SchedulePlan;
      const report = await request<ValidationReport>('POST', '/api/v1/schedule/validate', { instance, plan: saved });
      return { saved, report };
    });
    if (!opened) return;
    const { saved, report } = opened;
    setUndo([]);
    setPlan({ ...saved, shortfalls: saved.shortfalls ?? [] });
    setPublished({ ...saved, shortfalls: saved.shortfalls ?? [] });
    setMoved(new Set());
    setMovedText([]);
    setStatus(
      report.feasible
        ? `${file.name} opened: ${saved.sessions.length} sessions, every hard rule kept.`
        : `${file.name} opened: ${saved.sessions.length} sessions, but it breaks ${report.hard_violations} hard rule` +
            `${report.hard_violations === 1 ? '' : 's'} for this unit (solve again, starting from it, to fix them).`,
      !report.feasible,
    );
    setBrokenRules((report.violations ?? []).map((v) => v.message));
  }

  async function solve() {
    if (!instance) return;
    const answer = await run(
      'Solving',
      () => request<SolveAnswer>('POST', '/api/v1/schedule/solve', { instance, time_limit_s: seconds, ...(plan ? { from: plan } : {}) }),
      seconds,
    );
    if (!answer) return;
    if (plan) remember('the solve from this plan');
    setPlan(answer.plan);
    // Solved again from a plan the families were given, what changed since stays marked (a
    // re-solve after a sick call cleared every mark, and the family sheets lost "Changed").
    const given = plan ? published : null;
    setPublished(given ?? answer.plan);
    setMoved(given ? movedSessions(given, answer.plan) : new Set());
    setMovedText([]);
    const short = answer.plan.shortfalls.reduce((n, s) => n + (s.prescribed - s.placed), 0);
    const missed = childSessionsShort(instance, answer.plan.shortfalls);
    setStatus(
      `Solved: ${answer.summary.sessions} sessions placed, ${short} prescribed session${short === 1 ? '' : 's'} short` +
        (missed > short ? ` (${missed} missed by the children, counting each child in a group)` : '') +
        ` (${answer.summary.status}, ${answer.summary.seconds.toFixed(1)} s).`,
    );
  }

  // A change on the unit (the API's change text), repaired: what moved is highlighted and listed.
  async function repair(change: string, what: string) {
    if (!instance || !plan) return false;
    const answer = await run(
      'Repairing',
      () => request<RepairAnswer>('POST', '/api/v1/schedule/repair', { instance, plan, change, time_limit_s: 2 }),
      2,
    );
    if (!answer) return false;
    remember(what);
    setMoved(movedSessions(published ?? plan, answer.plan));
    setMovedText(answer.moved);
    setInstance(answer.instance);
    setChanged(true);
    setPlan(answer.plan);
    const lost = sessionsLost(plan.shortfalls, answer.shortfalls);
    setStatus(
      `${what}: ${answer.moved.length} session${answer.moved.length === 1 ? '' : 's'} changed` +
        (lost ? `, ${lost} prescribed session${lost === 1 ? '' : 's'} can no longer be given.` : '.'),
      lost > 0,
    );
    return true;
  }

  async function sickCall() {
    if (!instance || !sick) return;
    const who = instance.staff.find((s) => s.id === sick)?.name ?? sick;
    // From a time: what came before was delivered and stays; nothing moves into the past.
    const change = `sick:${sick}:${day}` + (sickFrom ? `:${sickFrom}` : '');
    // The day is named: in a week, "5 sessions changed" did not say on which day.
    const onDay = instance.days.length > 1 ? ` on ${instance.days[day]}` : '';
    if (await repair(change, `${who} is off sick${onDay}` + (sickFrom ? ` from ${sickFrom}` : ''))) {
      setSick('');
      setSickFrom('');
    }
  }

  async function offUnit() {
    if (!instance || !offChild) return;
    const who = instance.patients.find((p) => p.id === offChild)?.name ?? offChild;
    const onDay = instance.days.length > 1 ? ` on ${instance.days[day]}` : '';  // as the sick call says it
    if (await repair(`off-unit:${offChild}:${day}:${offFrom}-${offTo}`, `${who} is off the unit${onDay} ${offFrom}–${offTo}`))
      setOffChild('');
  }

  const disciplines = instance ? [...new Set(instance.activities.map((a) => a.discipline))] : [];
  const shortfalls = plan?.shortfalls ?? [];

  return (
    <section class="schedule-page" aria-labelledby="schedule-title">
      <div class="schedule-controls card">
        <h1 id="schedule-title">Rehab schedule</h1>
        <div class="schedule-form">
          <div class="schedule-file">
            <label for="sched-unit-file">The unit's file (JSON)</label>
            <input id="sched-unit-file" type="file" accept=".json,application/json" disabled={!!busy}
              onChange={(e) => { void openUnit(e.currentTarget.files?.[0]); e.currentTarget.value = ''; }} />
          </div>
          <span class="schedule-or">or a generated demo unit:</span>
          <div>
            <label for="sched-patients">Children</label>
            <input id="sched-patients" type="number" min={1} max={40} value={patients} onInput={(e) => setPatients(Number(e.currentTarget.value))} />
          </div>
          <div>
            <label for="sched-staff">Staff</label>
            <input id="sched-staff" type="number" min={8} max={80} value={staffCount} onInput={(e) => setStaffCount(Number(e.currentTarget.value))} />
          </div>
          <div>
            <label for="sched-days">Days</label>
            <input id="sched-days" type="number" min={1} max={7} value={demoDays} onInput={(e) => setDemoDays(Number(e.currentTarget.value))} />
          </div>
          <button type="button" onClick={loadDemo} disabled={!!busy}>
            Load demo unit
          </button>
        </div>
        <div class="schedule-form">
          <div>
            <label for="sched-seconds">Time limit (s)</label>
            <input id="sched-seconds" type="number" min={1} max={60} value={seconds} onInput={(e) => setSeconds(Number(e.currentTarget.value))} />
          </div>
          <button type="button" onClick={solve} disabled={!instance || !!busy}>
            {plan ? 'Solve again from this plan' : 'Solve'}
          </button>
          <div class="schedule-file">
            <label for="sched-plan-file">A saved plan (JSON)</label>
            <input id="sched-plan-file" type="file" accept=".json,application/json" disabled={!instance || !!busy}
              onChange={(e) => { void openPlan(e.currentTarget.files?.[0]); e.currentTarget.value = ''; }} />
          </div>
          {plan && instance && (
            <button type="button" onClick={() => downloadJson(savedFileName(unitFile, 'plan'), plan)}>
              Save plan
            </button>
          )}
          {changed && instance && (
            <button type="button" onClick={() => downloadJson(savedFileName(unitFile, 'unit'), instance)}>
              Save the changed unit
            </button>
          )}
        </div>
        {busy && !limit && <p class="loading">{busy}…</p>}
        {busy && limit > 0 && (
          <div class="loading solve-progress">
            <label for="sched-progress">
              {busy}… {Math.min(Math.floor(elapsed), limit)} s of at most {limit} s; the best plan found by then is kept.
            </label>
            <progress id="sched-progress" max={limit} value={Math.min(elapsed, limit)} />
          </div>
        )}
        {error && (
          <div class="error" role="alert">
            <p>{error}</p>
            {problems.length > 0 && (
              <ul aria-label="Problems">
                {problems.map((p) => (
                  <li key={p.field + p.message}>
                    <code>{p.field.replace(/^instance\./, '')}</code>: {p.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {status && !busy && (
          <p class={warning ? 'warning' : 'ok'} role="status">
            {status}
          </p>
        )}
        {undo.length > 0 && !busy && (
          <button type="button" onClick={undoLast}>
            Undo: {undo[undo.length - 1].what}
          </button>
        )}
        {brokenRules.length > 0 && !busy && (
          <ul class="problems" aria-label="Hard rules the plan breaks">
            {brokenRules.map((m) => (
              <li key={m}>{instance ? readableText(instance, m) : m}</li>
            ))}
          </ul>
        )}
      </div>

      {instance && plan && (
        <>
          <section class="card schedule-board" aria-labelledby="board-title">
            <div class="section-head">
              <h2 id="board-title">{familyDayTitle(instance, day)}: the day</h2>
              <div class="toggle" role="group" aria-label="Board view">
                <button type="button" aria-pressed={view === 'patients'} onClick={() => setView('patients')}>
                  By patient
                </button>
                <button type="button" aria-pressed={view === 'staff'} onClick={() => setView('staff')}>
                  By staff
                </button>
              </div>
            </div>
            {instance.days.length > 1 && (
              <div>
                <label for="sched-day">Day</label>
                <select id="sched-day" value={day} onChange={(e) => setDay(Number(e.currentTarget.value))}>
                  {instance.days.map((d, i) => (
                    <option key={d} value={i}>
                      {instance.dates?.[i] ? `${d} ${instance.dates[i]}` : d}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <ScheduleLegend disciplines={disciplines} />
            {/* Every block is a tab stop (it can be read out): from the keyboard, a hundred of
                them stood between the day picker and the sick call. Shown when focused. */}
            <button type="button" class="skip-link" onClick={() => document.getElementById('sched-sick')?.focus()}>
              Skip the board, to the sick call
            </button>
            <ScheduleGrid instance={instance} plan={plan} day={day} view={view} moved={moved} />
            {movedText.length > 0 && (
              <details class="schedule-moved" open>
                <summary>What the last repair changed</summary>
                <ul class="moved-list" aria-label="Changed sessions">
                  {movedText.map((m) => (
                    <li key={m}>{readableText(instance, m)}</li>
                  ))}
                </ul>
              </details>
            )}
            {shortfalls.length > 0 && (
              <details class="schedule-shortfalls">
                <summary>
                  {shortfalls.length} prescription{shortfalls.length === 1 ? '' : 's'} not fully placed
                </summary>
                <ul>
                  {shortfalls.map((s) => (
                    <li key={s.prescription}>{shortfallText(instance, s)}</li>
                  ))}
                </ul>
                <button type="button" onClick={explainShortfalls} disabled={!!busy}>
                  Why are they short?
                </button>
                {why.length > 0 && (
                  <ul class="schedule-why" aria-label="Why doses are short">
                    {why.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                )}
              </details>
            )}
          </section>

          <div class="columns schedule-actions">
            <section class="card" aria-labelledby="sick-title">
              <h2 id="sick-title">Sick call</h2>
              <label for="sched-sick">Staff member off sick this day</label>
              <select
                id="sched-sick"
                value={sick}
                onChange={(e) => {
                  setSick(e.currentTarget.value);
                  // Called in today: from now, not from the morning that has passed.
                  if (!sickFrom) setSickFrom(sickCallStart(instance, day, new Date()));
                }}
              >
                <option value="">Choose…</option>
                {staffOnDay(instance, plan, day).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.discipline})
                  </option>
                ))}
              </select>
              <label for="sched-sick-from">Going home at (empty: the whole day)</label>
              <input id="sched-sick-from" type="time" step={900} min={instance.day_window.from} max={lastStart(instance)}
                value={sickFrom} onInput={(e) => setSickFrom(e.currentTarget.value)} />
              <button type="button" onClick={sickCall} disabled={!sick || !!busy}>
                Repair the day
              </button>
            </section>
            <section class="card" aria-labelledby="off-title">
              <h2 id="off-title">Child off the unit</h2>
              <label for="sched-off-child">Child away (a procedure, an appointment)</label>
              <select id="sched-off-child" value={offChild} onChange={(e) => setOffChild(e.currentTarget.value)}>
                <option value="">Choose…</option>
                {instance.patients.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              <div class="time-range">
                <div>
                  <label for="sched-off-from">Away from</label>
                  <input id="sched-off-from" type="time" step={900} value={offFrom} onInput={(e) => setOffFrom(e.currentTarget.value)} />
                </div>
                <div>
                  <label for="sched-off-to">Back at</label>
                  <input id="sched-off-to" type="time" step={900} value={offTo} onInput={(e) => setOffTo(e.currentTarget.value)} />
                </div>
              </div>
              <button type="button" onClick={offUnit} disabled={!offChild || !offFrom || !offTo || !!busy}>
                Repair around it
              </button>
            </section>
            <section class="card" aria-labelledby="print-title">
              <h2 id="print-title">For families</h2>
              <label for="sched-child">Child</label>
              <select id="sched-child" value={child} onChange={(e) => setChild(e.currentTarget.value)}>
                {instance.patients.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
                <option value="*">Every child (one page each)</option>
              </select>
              <button type="button" onClick={() => setPrinting(child)} disabled={!child}>
                Printable day
              </button>
              {printing && (
                <button type="button" onClick={() => window.print()}>
                  Print
                </button>
              )}
            </section>
          </div>

          {printing && (
            <section class="family-sheets" aria-label="Printable day schedules">
              {(printing === '*' ? instance.patients.map((p) => p.id) : [printing]).map((id) => (
                // A generated demo unit is labelled synthetic on paper too; the unit's own file is not.
                <FamilySheet key={id} instance={instance} plan={plan} patientId={id} day={day} synthetic={!unitFile} moved={moved} />
              ))}
            </section>
          )}
        </>
      )}
    </section>
  );
}
