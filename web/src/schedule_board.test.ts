import { describe, expect, it } from 'vitest';
import {
  boardRows,
  childDay,
  childrenOf,
  childSessionsShort,
  disciplineStyle,
  familyClock,
  familyDayTitle,
  hourMarks,
  movedSessions,
  sessionsLost,
  explanationLines,
  staffOnDay,
  readableText,
  shortfallText,
  sickCallStart,
  type SchedulePlan,
  type ScheduleInstance,
} from './schedule_board';

const instance: ScheduleInstance = {
  slot_minutes: 15,
  day_window: { from: '08:00', to: '12:00' },
  days: ['Mon', 'Tue'],
  unit_blocks: [{ from: '10:00', to: '10:30', label: 'Snack' }],
  activities: [
    { id: 'PT', discipline: 'PT', minutes: 60 },
    { id: 'school', discipline: 'school', minutes: 60 },
  ],
  rooms: [
    { id: 'gym1', kind: 'gym', capacity: 4, name: 'Main gym' },
    { id: 'class', kind: 'classroom', capacity: 8 },
  ],
  staff: [
    { id: 'pt1', name: 'J. Alvarez', discipline: 'PT', hours: [], breaks: [] },
    { id: 'pt2', name: 'K. Berg', discipline: 'PT', hours: [], breaks: [] },
    { id: 'tch', name: 'M. Chen', discipline: 'school', hours: [], breaks: [] },
  ],
  patients: [
    { id: 'p1', name: 'Ada', blocks: [{ day: 1, from: '08:00', to: '09:00', label: 'MRI' }] },
    { id: 'p2', name: 'Ben', blocks: [] },
  ],
  prescriptions: [
    { id: 'p1-PT', activity: 'PT', patients: ['p1'], per_week: 2 },
    { id: 'p2-PT', activity: 'PT', patients: ['p2'], per_week: 2 },
    { id: 'school', activity: 'school', patients: ['p1', 'p2'], per_week: 2 },
  ],
};

const plan: SchedulePlan = {
  sessions: [
    { prescription: 'p1-PT', day: 0, start: '08:00', staff: ['pt1'], room: 'gym1' },
    { prescription: 'school', day: 0, start: '09:00', staff: ['tch'], room: 'class' },
    { prescription: 'p2-PT', day: 0, start: '10:30', staff: ['pt2'], room: 'gym1' },
    { prescription: 'p1-PT', day: 1, start: '09:00', staff: ['pt1'], room: 'gym1' },
  ],
  shortfalls: [],
};

describe('boardRows', () => {
  it('shows a group session in every member row and only the day asked for', () => {
    const rows = boardRows(instance, plan, 0, 'patients');
    expect(rows.map((r) => r.id)).toEqual(['p1', 'p2']);
    expect(rows[0].blocks.map((b) => [b.activity, b.start, b.end])).toEqual([
      ['PT', '08:00', '09:00'],
      ['school', '09:00', '10:00'],
    ]);
    expect(rows[1].blocks.map((b) => b.start)).toEqual(['09:00', '10:30']);
    expect(rows[0].blocks[0].detail).toBe('J. Alvarez · Main gym');
    // A group session says it is one, so a child's group PT does not read as their own PT.
    expect(rows[0].blocks[1].group).toBe(true);
    expect(rows[0].blocks[1].detail).toBe('Group (2 children) · M. Chen · class');
  });

  it("shows a child's own blocks on the days they apply, and not the unit's lunch", () => {
    expect(boardRows(instance, plan, 0, 'patients')[0].away).toEqual([]);
    expect(boardRows(instance, plan, 1, 'patients')[0].away).toEqual([{ day: 1, from: '08:00', to: '09:00', label: 'MRI' }]);
    expect(boardRows(instance, plan, 1, 'staff').every((r) => r.away.length === 0)).toBe(true);
  });

  it('by staff lists only people with sessions that day, named with their discipline', () => {
    const rows = boardRows(instance, plan, 1, 'staff');
    expect(rows.map((r) => r.name)).toEqual(['J. Alvarez (PT)']);
    expect(rows[0].blocks[0].detail).toBe('Ada · Main gym');
  });

  it('keeps a staff member called in sick on the board, marked, with no sessions', () => {
    const sick = {
      ...instance,
      staff: instance.staff.map((s) =>
        s.id === 'pt2' ? { ...s, breaks: [{ from: '12:00', to: '12:30', label: 'Lunch break' }, { day: 1, from: '08:00', to: '12:00', label: 'Sick' }] } : s,
      ),
    };
    const rows = boardRows(sick, plan, 1, 'staff');
    expect(rows.map((r) => r.id)).toEqual(['pt1', 'pt2']);
    expect(rows[1].blocks).toEqual([]);
    expect(rows[1].away.map((w) => w.label)).toEqual(['Sick']);  // not the daily lunch break
    expect(boardRows(sick, plan, 0, 'staff').find((r) => r.id === 'pt2')!.away).toEqual([]);
  });
  it('marks the moved sessions it is given', () => {
    const rows = boardRows(instance, plan, 0, 'patients', new Set([2]));
    expect(rows[1].blocks.find((b) => b.start === '10:30')?.moved).toBe(true);
    expect(rows[0].blocks.some((b) => b.moved)).toBe(false);
  });
});

describe('movedSessions', () => {
  it('finds re-timed, re-staffed and added sessions, not unchanged ones', () => {
    const after: SchedulePlan = {
      sessions: [
        { prescription: 'p1-PT', day: 0, start: '08:00', staff: ['pt2'], room: 'gym1' }, // new lead
        { prescription: 'school', day: 0, start: '09:00', staff: ['tch'], room: 'class', pinned: true }, // same
        { prescription: 'p2-PT', day: 0, start: '11:00', staff: ['pt2'], room: 'gym1' }, // later
        { prescription: 'p1-PT', day: 1, start: '09:00', staff: ['pt1'], room: 'gym1' }, // same
        { prescription: 'p2-PT', day: 1, start: '10:30', staff: ['pt2'], room: 'gym1' }, // added
      ],
      shortfalls: [],
    };
    expect([...movedSessions(plan, after)]).toEqual([0, 2, 4]);
  });

  it('matches identical sessions one to one', () => {
    const twice: SchedulePlan = { sessions: [plan.sessions[0], plan.sessions[0]], shortfalls: [] };
    expect([...movedSessions({ sessions: [plan.sessions[0]], shortfalls: [] }, twice)]).toEqual([1]);
  });
});

describe('childDay', () => {
  it('lists sessions and fixed blocks in time order, in plain words', () => {
    const day = childDay(instance, plan, 'p1', 0);
    expect(day.map((e) => [e.start, e.what])).toEqual([
      ['08:00', 'Physical therapy'],
      ['09:00', 'School (group)'],
      ['10:00', 'Snack'],
    ]);
    expect(day[0].with).toBe('J. Alvarez');
    // Families read the room's name; a room without one keeps its id.
    expect(day[0].where).toBe('Main gym');
    expect(day[1].where).toBe('class');
  });

  it('marks the sessions the last repair changed, so a reprinted sheet shows what is new', () => {
    const day = childDay(instance, plan, 'p1', 0, new Set([1])); // the plan's second session: school
    expect(day.filter((e) => e.changed).map((e) => e.what)).toEqual(['School (group)']);
    expect(childDay(instance, plan, 'p1', 0).some((e) => e.changed)).toBe(false);
  });

  it('heads the day with its date in words when the unit gives dates', () => {
    expect(familyDayTitle(instance, 1)).toBe('Tue');
    const dated = { ...instance, dates: ['2026-11-30', '2026-12-01'] };
    expect(familyDayTitle(dated, 0)).toBe('Monday 30 November 2026');
    expect(familyDayTitle(dated, 1)).toBe('Tuesday 1 December 2026');
  });

  it('includes the child\'s own blocks only on their day', () => {
    expect(childDay(instance, plan, 'p1', 1).map((e) => e.what)).toEqual(['MRI', 'Physical therapy', 'Snack']);
    expect(childDay(instance, plan, 'nobody', 0)).toEqual([]);
  });
});

describe('small rules', () => {
  it('reads times the way families do', () => {
    expect(familyClock('08:05')).toBe('8:05 am');
    expect(familyClock('12:30')).toBe('12:30 pm');
    expect(familyClock('17:00')).toBe('5:00 pm');
  });
  it('gives every discipline a text code, known or not', () => {
    expect(disciplineStyle('PT').code).toBe('PT');
    expect(disciplineStyle('music therapy').code).toBe('MUS');
  });
  it('marks the hours of the day window', () => {
    expect(hourMarks(instance)).toEqual(['08:00', '09:00', '10:00', '11:00']);
  });
  it('names staff in the repair\'s change lines as the board does', () => {
    expect(readableText(instance, 'moved p1-PT Mon 08:00 pt1 gym1 -> 09:00 pt2 gym1')).toBe(
      'moved Ada: Physical therapy Mon 08:00 J. Alvarez Main gym -> 09:00 K. Berg Main gym',
    );
    expect(readableText(instance, 'dropped school Mon 09:00 tch class')).toBe('dropped School for Ada, Ben Mon 09:00 M. Chen class');
  });
  it('names every child of a dropped group session, which "6 children" did not', () => {
    const unit = {
      ...instance,
      patients: ['Ada', 'Ben', 'Cai', 'Dev', 'Eli'].map((name, i) => ({ id: `p${i + 1}`, name, blocks: [] })),
      prescriptions: [{ id: 'group-PT-1', activity: 'PT', patients: ['p1', 'p2', 'p3', 'p4', 'p5'], per_week: 3 }],
    };
    expect(readableText(unit, 'dropped group-PT-1 Mon 09:00 pt1 gym1')).toBe(
      'dropped Physical therapy for 5 children (Ada, Ben, Cai, Dev and Eli) Mon 09:00 J. Alvarez Main gym',
    );
  });
  it('names children, staff and sessions in a plan\'s broken rules, next to punctuation too', () => {
    expect(readableText(instance, 'p1 gets less than the rest gap after p1-PT Mon 08:00')).toBe(
      'Ada gets less than the rest gap after Ada: Physical therapy Mon 08:00',
    );
    expect(readableText(instance, 'p2-PT Mon 10:30: pt1 is not on the unit or on a break')).toBe(
      'Ben: Physical therapy Mon 10:30: J. Alvarez is not on the unit or on a break',
    );
    expect(readableText(instance, 'session of unknown prescription "p9-OT"')).toBe('session of unknown prescription "p9-OT"');
    expect(shortfallText(instance, { prescription: 'p1-PT', prescribed: 10, placed: 8 })).toBe('Ada: Physical therapy, 8 of 10');
  });
  it('offers a sick call for staff who lead sessions that day or work that day without one yet', () => {
    expect(staffOnDay(instance, plan, 0).map((s) => s.id)).toEqual(['pt1', 'pt2', 'tch']);
    expect(staffOnDay(instance, plan, 1).map((s) => s.id)).toEqual(['pt1']);
    const teacherOnTuesday = {
      ...instance,
      staff: instance.staff.map((s) => (s.id === 'tch' ? { ...s, hours: [{ day: 1, from: '08:00', to: '12:00' }] } : s)),
    };
    expect(staffOnDay(teacherOnTuesday, plan, 1).map((s) => s.id)).toEqual(['pt1', 'tch']);
    // Once called in sick that day, not offered again for it.
    const sickPt1 = {
      ...instance,
      staff: instance.staff.map((s) => (s.id === 'pt1' ? { ...s, breaks: [...s.breaks, { day: 0, from: '08:00', to: '12:00', label: 'Sick' }] } : s)),
    };
    expect(staffOnDay(sickPt1, plan, 0).map((s) => s.id)).toEqual(['pt2', 'tch']);
    expect(staffOnDay(sickPt1, plan, 1).map((s) => s.id)).toEqual(['pt1']);
  });
});

describe('sickCallStart', () => {
  const dated = { ...instance, dates: ['2026-11-30', '2026-12-01'] };
  it('starts a sick call on today\'s board at the next slot, so nothing moves into the past', () => {
    expect(sickCallStart(dated, 0, new Date(2026, 10, 30, 10, 7))).toBe('10:15');
    expect(sickCallStart(dated, 0, new Date(2026, 10, 30, 10, 15))).toBe('10:15');
  });
  it('leaves the whole day on any other day, before the day begins, and without dates', () => {
    expect(sickCallStart(dated, 1, new Date(2026, 10, 30, 10, 7))).toBe('');
    expect(sickCallStart(dated, 0, new Date(2026, 10, 30, 7, 30))).toBe('');
    expect(sickCallStart(dated, 0, new Date(2026, 10, 30, 11, 50))).toBe(''); // the window ends at 12:00
    expect(sickCallStart(instance, 0, new Date(2026, 10, 30, 10, 7))).toBe('');
  });
});

describe('sessionsLost', () => {
  it('counts only what the repair cost, not doses already short', () => {
    const before = [{ prescription: 'p1-PT', prescribed: 5, placed: 4 }];
    // p1-PT was already one short; the sick call takes another, and p2-OT's only session.
    const after = [
      { prescription: 'p1-PT', prescribed: 5, placed: 3 },
      { prescription: 'p2-OT', prescribed: 1, placed: 0 },
    ];
    expect(sessionsLost(before, after)).toBe(2);
    expect(sessionsLost(before, before)).toBe(0);
    expect(sessionsLost([], [])).toBe(0);
  });
});

describe('childSessionsShort', () => {
  it('counts a missed group session once for every child in it, as the solver does', () => {
    // School for Ada and Ben given once of twice, and Ada's PT once of twice: two sessions short,
    // three missed by the children (school twice over, PT once).
    const short = [
      { prescription: 'school', prescribed: 2, placed: 1 },
      { prescription: 'p1-PT', prescribed: 2, placed: 1 },
    ];
    expect(childSessionsShort(instance, short)).toBe(3);
    expect(childSessionsShort(instance, [])).toBe(0);
    expect(childrenOf(instance, 'school')).toBe(2);
    expect(childrenOf(instance, 'p2-PT')).toBe(1);
  });
});

describe('explanationLines', () => {
  it('says each conflict, each session a day could still take, and what was not decided', () => {
    expect(
      explanationLines(instance, {
        all_doses_met: false,
        shortfalls: [],
        conflicts: [
          { day: 0, day_name: 'Mon', groups: ['dose:p1-PT', 'availability:pt1'], reasons: ['PT dose of p1 (p1-PT) on Mon', 'availability of J. Alvarez (pt1) on Mon'], minimal: true },
          { groups: ['dose:p2-OT'], reasons: ['OT dose of p2 (p2-OT): more sessions than days allow at 1 a day'], minimal: true },
        ],
        fits: [{ prescription: 'school', day: 1, day_name: 'Tue' }],
        undecided: ['p2-PT'],
      }),
    ).toEqual([
      'Mon: PT dose of p1 (p1-PT) on Mon + availability of J. Alvarez (pt1) on Mon',
      'OT dose of p2 (p2-OT): more sessions than days allow at 1 a day',
      'School for Ada, Ben: Tue can still take it. Solve again from this plan, or for longer.',
      'Ben: Physical therapy: not decided in the time whether a day can still take it. Try again with a longer time limit.',
    ]);
  });
});
