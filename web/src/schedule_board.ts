// The schedule board's pure rules: the instance and plan shapes the server sends
// (docs/scheduling.md), rows of the day by patient or by staff member, discipline styles, which
// sessions a repair moved, and a child's day for the family printout. No DOM, no fetching.

export interface ClockWindow {
  day?: number;
  from: string;
  to: string;
  label?: string;
}
export interface ScheduleInstance {
  slot_minutes: number;
  day_window: { from: string; to: string };
  days: string[];
  dates?: string[]; // yyyy-mm-dd, one per day, when the unit gives them
  unit?: { name?: string; phone?: string };
  unit_blocks: ClockWindow[];
  activities: { id: string; discipline: string; minutes: number }[];
  rooms: { id: string; kind: string; capacity: number; name?: string }[];
  staff: { id: string; name: string; discipline: string; hours: ClockWindow[]; breaks: ClockWindow[]; supervisor?: string }[];
  patients: { id: string; name: string; blocks: ClockWindow[] }[];
  prescriptions: { id: string; activity: string; patients: string[]; per_week: number }[];
  [extra: string]: unknown;
}
export interface PlanSession {
  prescription: string;
  day: number;
  day_name?: string;
  start: string;
  end?: string;
  activity?: string;
  patients?: string[];
  staff: string[];
  supervisors?: string[];
  room: string;
  pinned?: boolean;
}
export interface Shortfall {
  prescription: string;
  prescribed: number;
  placed: number;
}
export interface SchedulePlan {
  format?: string;
  status?: string;
  objective?: number;
  bound?: number;
  sessions: PlanSession[];
  shortfalls: Shortfall[];
  moved?: string[];
}

export type BoardView = 'patients' | 'staff';

// Colour and a text code per discipline: the code is printed in every block, so the board reads
// the same in greyscale or for someone who does not tell the colours apart.
export interface DisciplineStyle {
  label: string;
  code: string;
  colour: string;
}
const STYLES: Record<string, DisciplineStyle> = {
  PT: { label: 'Physical therapy', code: 'PT', colour: '#cfe3ff' },
  OT: { label: 'Occupational therapy', code: 'OT', colour: '#d6f2d0' },
  psychology: { label: 'Psychotherapy', code: 'PSY', colour: '#f1dcff' },
  acupuncture: { label: 'Acupuncture', code: 'ACU', colour: '#ffe2c4' },
  school: { label: 'School', code: 'SCH', colour: '#fff3b0' },
  recreation: { label: 'Recreation', code: 'REC', colour: '#ffd6e0' },
  wellness: { label: 'Wellness', code: 'WEL', colour: '#c9f0ee' },
  'child life': { label: 'Child life', code: 'CL', colour: '#e6e0d4' },
};
export function disciplineStyle(discipline: string): DisciplineStyle {
  return STYLES[discipline] ?? { label: discipline, code: discipline.slice(0, 3).toUpperCase(), colour: '#e4e7eb' };
}

export function clockMinutes(clock: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!m) throw new Error(`not a clock time: ${clock}`);
  return Number(m[1]) * 60 + Number(m[2]);
}
export function minutesClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
// "1:30 pm" style for families, who do not all read a 24-hour clock.
export function familyClock(clock: string): string {
  const m = clockMinutes(clock);
  const h = Math.floor(m / 60);
  const suffix = h < 12 ? 'am' : 'pm';
  return `${((h + 11) % 12) + 1}:${String(m % 60).padStart(2, '0')} ${suffix}`;
}

// What a session is, who is in it and when it ends follow from its prescription in the unit; the
// plan's own "activity", "patients" and "end" are for people reading the file and are not trusted
// (a hand-edited plan could otherwise show a family a session nobody planned).
export function activityOf(instance: ScheduleInstance, s: PlanSession) {
  const rx = instance.prescriptions.find((r) => r.id === s.prescription);
  const id = rx?.activity ?? s.activity ?? s.prescription;
  return instance.activities.find((a) => a.id === id) ?? { id, discipline: id, minutes: instance.slot_minutes };
}
export function sessionEnd(instance: ScheduleInstance, s: PlanSession): string {
  return minutesClock(clockMinutes(s.start) + activityOf(instance, s).minutes);
}
export function patientsOf(instance: ScheduleInstance, s: PlanSession): string[] {
  return instance.prescriptions.find((r) => r.id === s.prescription)?.patients ?? s.patients ?? [];
}

// A session's identity for "did it move": where, when, with whom. Pinning is not a move.
export function sessionKey(s: PlanSession): string {
  return [s.prescription, s.day, s.start, [...s.staff].sort().join('+'), s.room].join('|');
}

// Indexes of `after`'s sessions that are not in `before` exactly (moved, re-staffed or added).
// Identical sessions are matched one to one, so two copies of one group session count right.
export function movedSessions(before: SchedulePlan, after: SchedulePlan): Set<number> {
  const left = new Map<string, number>();
  for (const s of before.sessions) left.set(sessionKey(s), (left.get(sessionKey(s)) ?? 0) + 1);
  const moved = new Set<number>();
  after.sessions.forEach((s, i) => {
    const k = sessionKey(s);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else moved.add(i);
  });
  return moved;
}

// Sessions a repair left short that the plan before it had placed: the doses the change cost.
// A prescription already short before counts only for what it lost now.
export function sessionsLost(before: Shortfall[], after: Shortfall[]): number {
  const placedBefore = new Map(before.map((s) => [s.prescription, s.placed]));
  return after.reduce((lost, s) => lost + Math.max(0, (placedBefore.get(s.prescription) ?? s.prescribed) - s.placed), 0);
}

// The dose as the solver counts it (docs/scheduling.md): a group session missed is missed by
// every child in it, so school short once for eight children is eight child-sessions.
export function childSessionsShort(instance: ScheduleInstance, shortfalls: Shortfall[]): number {
  const children = new Map(instance.prescriptions.map((p) => [p.id, Math.max(1, p.patients.length)]));
  return shortfalls.reduce((n, s) => n + (s.prescribed - s.placed) * (children.get(s.prescription) ?? 1), 0);
}

// How many children a prescription is for: 1 for a child's own, more for a group.
export function childrenOf(instance: ScheduleInstance, prescription: string): number {
  return instance.prescriptions.find((p) => p.id === prescription)?.patients.length ?? 1;
}

export interface BoardBlock {
  index: number; // into plan.sessions
  start: string;
  end: string;
  activity: string;
  style: DisciplineStyle;
  detail: string; // who is with whom, and where
  group: boolean; // one session shared by several children
  moved: boolean;
}
export interface BoardRow {
  id: string;
  name: string;
  blocks: BoardBlock[];
  away: ClockWindow[]; // a child's own blocks that day (procedures, off the unit); not the unit's lunch
}

const appliesOn = (w: ClockWindow, day: number) => w.day === undefined || w.day === day;
const nameOf = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? id;

// The day as rows: one per patient (a group session shows in each member's row) or one per staff
// member who works or leads that day (a trainee's session shows for the supervisor too).
export function boardRows(
  instance: ScheduleInstance,
  plan: SchedulePlan,
  day: number,
  view: BoardView,
  moved: Set<number> = new Set(),
): BoardRow[] {
  const rows: BoardRow[] =
    view === 'patients'
      ? instance.patients.map((p) => ({ id: p.id, name: p.name, blocks: [], away: p.blocks.filter((b) => appliesOn(b, day)) }))
      : instance.staff.map((s) => ({
          id: s.id,
          name: `${s.name} (${s.discipline})`,
          blocks: [],
          // Breaks of one day only (a sick call, a course) are absences worth seeing; the daily
          // lunch break would only clutter the board.
          away: s.breaks.filter((b) => b.day === day),
        }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  plan.sessions.forEach((s, index) => {
    if (s.day !== day) return;
    const act = activityOf(instance, s);
    const patients = patientsOf(instance, s);
    const people = [...s.staff, ...(s.supervisors ?? [])];
    const block = (detail: string): BoardBlock => ({
      index,
      start: s.start,
      end: sessionEnd(instance, s),
      activity: act.id,
      group: patients.length > 1,
      style: disciplineStyle(act.discipline),
      detail,
      moved: moved.has(index),
    });
    const staffNames = people.map((id) => nameOf(instance.staff, id)).join(', ');
    const patientNames =
      patients.length > 3 ? `${patients.length} children` : patients.map((id) => nameOf(instance.patients, id)).join(', ');
    const owners = view === 'patients' ? patients : people;
    // A group session says so: a child's group PT must not read as one of their own PT sessions.
    const group = patients.length > 1 ? `Group (${patients.length} children) · ` : '';
    const room = roomName(instance, s.room);
    for (const id of owners)
      byId.get(id)?.blocks.push(block(view === 'patients' ? `${group}${staffNames} · ${room}` : `${group}${patientNames} · ${room}`));
  });
  for (const r of rows) r.blocks.sort((a, b) => clockMinutes(a.start) - clockMinutes(b.start));
  // Staff with nothing that day only clutter the board, but one called in sick stays, marked.
  return view === 'staff' ? rows.filter((r) => r.blocks.length > 0 || r.away.length > 0) : rows;
}

// Staff members a sick call can be about on `day`: everyone on the unit that day (hours that
// day, or every day), and anyone leading or supervising a session then. A teacher with no
// session yet can still call in sick, and is then not asked to cover.
export function staffOnDay(instance: ScheduleInstance, plan: SchedulePlan, day: number) {
  const ids = new Set<string>();
  for (const s of plan.sessions) if (s.day === day) [...s.staff, ...(s.supervisors ?? [])].forEach((id) => ids.add(id));
  for (const st of instance.staff) if (st.hours.some((h) => appliesOn(h, day))) ids.add(st.id);
  // Someone already called in sick that day is not offered again (they were).
  const off = (st: ScheduleInstance['staff'][number]) => st.breaks.some((b) => b.day === day && b.label === 'Sick');
  return instance.staff.filter((s) => ids.has(s.id) && !off(s));
}

export function roomName(instance: ScheduleInstance, id: string): string {
  return instance.rooms.find((r) => r.id === id)?.name ?? id;
}

// A prescription as the coordinator reads it: "Leo Okafor: PT", "School for 8 children".
// `everyChild`: a group names all its children ("Group PT for Ada, Ben, Cai and Dev"), where the
// coordinator must tell families or act on it (a dropped group session), not just see it.
export function prescriptionText(instance: ScheduleInstance, id: string, everyChild = false): string {
  const rx = instance.prescriptions.find((r) => r.id === id);
  if (!rx) return id;
  const act = instance.activities.find((a) => a.id === rx.activity);
  const what = act ? disciplineStyle(act.discipline).label + (act.id !== act.discipline && rx.patients.length > 1 ? ' (group)' : '') : rx.activity;
  const names = rx.patients.map((p) => nameOf(instance.patients, p));
  if (names.length === 1) return `${names[0]}: ${what}`;
  if (names.length <= 3) return `${what} for ${names.join(', ')}`;
  if (everyChild) return `${what} for ${names.length} children (${names.slice(0, -1).join(', ')} and ${names[names.length - 1]})`;
  return `${what} for ${names.length} children`;
}

// The server's lines name prescriptions, staff, children and rooms by id: a repair's changes
// ("moved p07-PT Mon 13:00 pt1 gym1 -> 13:00 pt17 gym1"), a plan's broken rules ("p07 is in two
// sessions at once: p07-PT Mon 09:00 and ..."). The board names them as the coordinator knows
// them ("moved Leo Okafor: Physical therapy Mon 13:00 A. Okafor Gym 1 -> 13:00 Q. Park Gym 1"),
// a group with all its children. Ids are matched whole, next to punctuation too.
export function readableText(instance: ScheduleInstance, line: string): string {
  const names = new Map<string, string>();
  for (const p of instance.patients) names.set(p.id, p.name);
  for (const s of instance.staff) names.set(s.id, s.name);
  for (const r of instance.rooms) names.set(r.id, r.name ?? r.id);
  for (const rx of instance.prescriptions) names.set(rx.id, prescriptionText(instance, rx.id, true));
  return line.replace(/[A-Za-z0-9_.-]+/g, (word) => names.get(word) ?? word);
}

// A shortfall line: "Leo Okafor: Physical therapy, 8 of 10".
export function shortfallText(instance: ScheduleInstance, s: Shortfall): string {
  return `${prescriptionText(instance, s.prescription)}, ${s.placed} of ${s.prescribed}`;
}

export interface FamilyEntry {
  start: string;
  end: string;
  what: string;
  where: string;
  with: string;
  changed: boolean; // a session the repairs since the solve moved or gave to someone else
}

// One child's day for the family: sessions and fixed blocks (lunch, school, visits), in order.
// `moved`: indexes of the plan's sessions the repairs since the solve changed, marked so the family sees
// what is new on a reprinted sheet.
export function childDay(
  instance: ScheduleInstance,
  plan: SchedulePlan,
  patientId: string,
  day: number,
  moved: Set<number> = new Set(),
): FamilyEntry[] {
  const patient = instance.patients.find((p) => p.id === patientId);
  if (!patient) return [];
  const entries: FamilyEntry[] = [];
  for (const [index, s] of plan.sessions.entries()) {
    if (s.day !== day || !patientsOf(instance, s).includes(patientId)) continue;
    const act = activityOf(instance, s);
    const group = patientsOf(instance, s).length > 1;
    entries.push({
      start: s.start,
      end: sessionEnd(instance, s),
      what: disciplineStyle(act.discipline).label + (group ? ' (group)' : ''),
      where: instance.rooms.find((r) => r.id === s.room)?.name ?? s.room,
      with: s.staff.map((id) => nameOf(instance.staff, id)).join(', '),
      changed: moved.has(index),
    });
  }
  for (const b of [...instance.unit_blocks, ...patient.blocks])
    if (appliesOn(b, day)) entries.push({ start: b.from, end: b.to, what: b.label || 'Busy', where: '', with: '', changed: false });
  return entries.sort((a, b) => clockMinutes(a.start) - clockMinutes(b.start));
}

// A sick call on the day that is today starts now: the next slot boundary ("10:15" at 10:07),
// so the repair moves nothing into time that has passed. '' when the day is not today (the unit
// gives no dates, or another day is shown) or the day window is over or not begun.
export function sickCallStart(instance: ScheduleInstance, day: number, now: Date): string {
  const iso = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  if (instance.dates?.[day] !== iso) return '';
  const minutes = now.getHours() * 60 + now.getMinutes();
  const from = clockMinutes(instance.day_window.from);
  const to = clockMinutes(instance.day_window.to);
  const next = Math.ceil(minutes / instance.slot_minutes) * instance.slot_minutes;
  return minutes <= from || next >= to ? '' : minutesClock(next);
}

// The last time a session can start (a slot before the day's end): a sick call "going home"
// at the end of the day changes nothing, and the server refuses it.
export function lastStart(instance: ScheduleInstance): string {
  return minutesClock(clockMinutes(instance.day_window.to) - instance.slot_minutes);
}

// The family sheet's heading for a day: its date in words when the unit gives dates
// ("Monday 30 November 2026"), else the day's name.
export function familyDayTitle(instance: ScheduleInstance, day: number): string {
  const name = instance.days[day] ?? `Day ${day + 1}`;
  const iso = instance.dates?.[day];
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return name;
  // Spelled out here rather than by toLocaleDateString, whose commas differ between browsers.
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// The hour marks along the top of the board.
export function hourMarks(instance: ScheduleInstance): string[] {
  const from = clockMinutes(instance.day_window.from);
  const to = clockMinutes(instance.day_window.to);
  const marks: string[] = [];
  for (let m = Math.ceil(from / 60) * 60; m < to; m += 60) marks.push(minutesClock(m));
  return marks;
}

// The server's answer to "why are these doses short?" (POST /api/v1/schedule/explain).
export interface Explanation {
  all_doses_met: boolean;
  shortfalls: Shortfall[];
  conflicts: { day?: number; day_name?: string; groups: string[]; reasons: string[]; minimal: boolean }[];
  fits: { prescription: string; day: number; day_name: string }[];
  undecided: string[];
}

// One line per finding, in words a coordinator can act on, sessions named as the board names them.
export function explanationLines(instance: ScheduleInstance, e: Explanation): string[] {
  if (e.all_doses_met) return ['Every prescribed session is placed.'];
  const lines = e.conflicts.map(
    (c) => `${c.day_name ? c.day_name + ': ' : ''}${c.reasons.join(' + ')}${c.minimal ? '' : ' (not proven minimal in the time)'}`,
  );
  for (const f of e.fits)
    lines.push(`${prescriptionText(instance, f.prescription, true)}: ${f.day_name} can still take it. Solve again from this plan, or for longer.`);
  for (const u of e.undecided)
    lines.push(
      `${prescriptionText(instance, u, true)}: not decided in the time whether a day can still take it. Try again with a longer time limit.`,
    );
  return lines;
}
