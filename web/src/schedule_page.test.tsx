// The schedule page against a fake server: load, solve, switch view, sick call with the moved
// session highlighted, printable day. The server's answers are canned; the page's logic is real.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { forgetBoard, SchedulePage } from './pages/schedule_board';

const instance = {
  slot_minutes: 15,
  day_window: { from: '08:00', to: '12:00' },
  days: ['Mon'],
  unit_blocks: [],
  activities: [{ id: 'PT', discipline: 'PT', minutes: 60 }],
  rooms: [{ id: 'gym1', kind: 'gym', capacity: 4 }],
  staff: [
    { id: 'pt1', name: 'J. Alvarez', discipline: 'PT', hours: [], breaks: [] },
    { id: 'pt2', name: 'K. Berg', discipline: 'PT', hours: [], breaks: [] },
  ],
  patients: [
    { id: 'p1', name: 'Ada', blocks: [] },
    { id: 'p2', name: 'Ben', blocks: [] },
  ],
  prescriptions: [
    { id: 'p1-PT', activity: 'PT', patients: ['p1'], per_week: 1 },
    { id: 'p2-PT', activity: 'PT', patients: ['p2'], per_week: 1 },
  ],
};
const solved = {
  sessions: [
    { prescription: 'p1-PT', day: 0, start: '08:00', staff: ['pt1'], room: 'gym1' },
    { prescription: 'p2-PT', day: 0, start: '09:00', staff: ['pt2'], room: 'gym1' },
  ],
  shortfalls: [],
};
const repaired = {
  sessions: [
    { prescription: 'p1-PT', day: 0, start: '10:00', staff: ['pt2'], room: 'gym1' },
    { prescription: 'p2-PT', day: 0, start: '09:00', staff: ['pt2'], room: 'gym1' },
  ],
  shortfalls: [],
};

function answer(body: unknown) {
  return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
}

// The page opened, the demo unit loaded and solved (the fake server's `solved` plan).
async function openSolvedBoard() {
  render(<SchedulePage />);
  fireEvent.click(screen.getByRole('button', { name: 'Load demo unit' }));
  await screen.findByText(/Demo unit loaded/);
  fireEvent.click(screen.getByRole('button', { name: 'Solve' }));
  await screen.findByText(/Solved: 2 sessions placed/);
}

// J. Alvarez (pt1) called in sick for the day, and the fake server's repair shown.
async function reportSickAlvarez() {
  fireEvent.change(screen.getByLabelText('Staff member off sick this day'), { target: { value: 'pt1' } });
  fireEvent.click(screen.getByRole('button', { name: 'Repair the day' }));
  await screen.findByText(/J. Alvarez is off sick: 1 session changed/);
}

// Ben (p2) off the unit 09:00-10:00, and the fake server's repair shown.
async function sendBenAway() {
  fireEvent.change(screen.getByLabelText('Child away (a procedure, an appointment)'), { target: { value: 'p2' } });
  fireEvent.input(screen.getByLabelText('Away from'), { target: { value: '09:00' } });
  fireEvent.input(screen.getByLabelText('Back at'), { target: { value: '10:00' } });
  fireEvent.click(screen.getByRole('button', { name: /Repair around it/ }));
  await screen.findByText(/Ben is off the unit 09:00–10:00: 1 session changed/);
}

afterEach(() => {
  cleanup();
  forgetBoard();
  vi.unstubAllGlobals();
});

describe('SchedulePage', () => {
  it('loads, solves, repairs a sick call and prints one child', async () => {
    const calls: { method: string; path: string; body: any }[] = [];
    vi.stubGlobal('fetch', (path: string, init: RequestInit) => {
      const body = init.body ? JSON.parse(String(init.body)) : null;
      calls.push({ method: init.method ?? 'GET', path, body });
      if (path.startsWith('/api/v1/schedule/demo')) return answer(instance);
      if (path === '/api/v1/schedule/solve')
        return answer({ plan: solved, summary: { status: 'optimal', objective: 0, bound: 0, seconds: 0.2, sessions: 2 } });
      if (path === '/api/v1/schedule/repair') {
        // As the server answers: the changed unit, where the sick call is a break of that day.
        const changed = {
          ...instance,
          staff: instance.staff.map((s) => (s.id === 'pt1' ? { ...s, breaks: [{ day: 0, from: '08:00', to: '12:00', label: 'Sick' }] } : s)),
        };
        return answer({ plan: repaired, moved: ['moved p1-PT Mon 08:00 pt1 gym1 -> 10:00 pt2 gym1'], shortfalls: [], instance: changed, summary: { seconds: 0.1 } });
      }
      return Promise.resolve(new Response('{"error":{"message":"unexpected"}}', { status: 500 }));
    });
    render(<SchedulePage />);
    fireEvent.click(screen.getByRole('button', { name: 'Load demo unit' }));
    await screen.findByText(/Demo unit loaded: 2 children/);
    fireEvent.click(screen.getByRole('button', { name: 'Solve' }));
    await screen.findByText(/Solved: 2 sessions placed, 0 prescribed sessions short/);
    expect(calls[1].body.instance.patients).toHaveLength(2);
    expect(document.querySelectorAll('.schedule-block')).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'By staff' }));
    expect(screen.getByRole('table', { name: 'Schedule by staff member' })).toBeTruthy();

    await reportSickAlvarez();
    expect(calls[2].body.change).toBe('sick:pt1:0');
    const moved = document.querySelectorAll('.schedule-block.moved');
    expect(moved).toHaveLength(1);
    expect(moved[0].textContent).toContain('10:00');
    // The sick PT stays on the board, marked, with no session left.
    expect(document.querySelectorAll('[data-row="pt1"] .schedule-block')).toHaveLength(0);
    expect(document.querySelector('[data-row="pt1"] .schedule-away')?.textContent).toBe('Sick');

    fireEvent.change(screen.getByLabelText('Child'), { target: { value: 'p1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Printable day' }));
    await waitFor(() => expect(document.querySelectorAll('.family-sheet')).toHaveLength(1));
    expect(document.querySelector('.family-sheet h2')?.textContent).toContain('Ada');
    expect(document.querySelector('.family-time')?.textContent).toContain('10:00 am – 11:00 am');
    // The repair gave this session to another PT: the reprinted sheet says it changed.
    expect(document.querySelector('.family-time .family-changed')?.textContent).toBe('Changed');
  });

  it('marks every session changed since the plan was solved, across two repairs', async () => {
    const afterBoth = {
      sessions: [repaired.sessions[0], { prescription: 'p2-PT', day: 0, start: '11:00', staff: ['pt2'], room: 'gym1' }],
      shortfalls: [],
    };
    const repairs: any[] = [];
    vi.stubGlobal('fetch', (path: string, init: RequestInit) => {
      const body = init.body ? JSON.parse(String(init.body)) : null;
      if (path.startsWith('/api/v1/schedule/demo')) return answer(instance);
      if (path === '/api/v1/schedule/solve')
        return answer({ plan: solved, summary: { status: 'optimal', objective: 0, bound: 0, seconds: 0.2, sessions: 2 } });
      if (path === '/api/v1/schedule/repair') {
        repairs.push(body);
        return repairs.length === 1
          ? answer({ plan: repaired, moved: ['moved p1-PT Mon 08:00 pt1 gym1 -> 10:00 pt2 gym1'], shortfalls: [], instance, summary: { seconds: 0.1 } })
          : answer({ plan: afterBoth, moved: ['moved p2-PT Mon 09:00 pt2 gym1 -> 11:00 pt2 gym1'], shortfalls: [], instance, summary: { seconds: 0.1 } });
      }
      return Promise.resolve(new Response('{"error":{"message":"unexpected"}}', { status: 500 }));
    });
    await openSolvedBoard();
    await reportSickAlvarez();
    await sendBenAway();
    // The second repair starts from the first one's plan ...
    expect(repairs[1].plan.sessions[0].start).toBe('10:00');
    // ... and both changed sessions stay marked, not only the last repair's.
    const marked = [...document.querySelectorAll('.schedule-block.moved')].map((b) => b.textContent);
    expect(marked).toHaveLength(2);
    expect(marked.some((t) => t?.includes('10:00'))).toBe(true);
    expect(marked.some((t) => t?.includes('11:00'))).toBe(true);
  });

  it('keeps the sessions changed since the plan was given marked when it is solved again from it', async () => {
    let solves = 0;
    vi.stubGlobal('fetch', (path: string) => {
      if (path.startsWith('/api/v1/schedule/demo')) return answer(instance);
      if (path === '/api/v1/schedule/solve')
        return answer({ plan: ++solves === 1 ? solved : repaired, summary: { status: 'optimal', objective: 0, bound: 0, seconds: 0.2, sessions: 2 } });
      if (path === '/api/v1/schedule/repair')
        return answer({ plan: repaired, moved: ['moved p1-PT Mon 08:00 pt1 gym1 -> 10:00 pt2 gym1'], shortfalls: [], instance, summary: { seconds: 0.1 } });
      return Promise.resolve(new Response('{"error":{"message":"unexpected"}}', { status: 500 }));
    });
    await openSolvedBoard();
    await reportSickAlvarez();
    fireEvent.click(screen.getByRole('button', { name: /Solve/ }));
    await waitFor(() => expect(solves).toBe(2));
    await screen.findByText(/Solved: 2 sessions placed/);
    const marked = [...document.querySelectorAll('.schedule-block.moved')].map((b) => b.textContent);
    expect(marked).toHaveLength(1);
    expect(marked[0]).toContain('10:00');
  });

  it('undoes a sick call entered by mistake, and the one before it stays', async () => {
    const afterBoth = {
      sessions: [repaired.sessions[0], { prescription: 'p2-PT', day: 0, start: '11:00', staff: ['pt2'], room: 'gym1' }],
      shortfalls: [],
    };
    const changedUnit = { ...instance, staff: instance.staff.map((s) => (s.id === 'pt1' ? { ...s, breaks: [{ day: 0, from: '08:00', to: '12:00', label: 'Sick' }] } : s)) };
    const repairs: any[] = [];
    vi.stubGlobal('fetch', (path: string, init: RequestInit) => {
      if (path.startsWith('/api/v1/schedule/demo')) return answer(instance);
      if (path === '/api/v1/schedule/solve')
        return answer({ plan: solved, summary: { status: 'optimal', objective: 0, bound: 0, seconds: 0.2, sessions: 2 } });
      if (path === '/api/v1/schedule/repair') {
        repairs.push(JSON.parse(String(init.body)));
        return repairs.length === 1
          ? answer({ plan: repaired, moved: ['moved p1-PT Mon 08:00 pt1 gym1 -> 10:00 pt2 gym1'], shortfalls: [], instance: changedUnit, summary: { seconds: 0.1 } })
          : answer({ plan: afterBoth, moved: ['moved p2-PT Mon 09:00 pt2 gym1 -> 11:00 pt2 gym1'], shortfalls: [], instance, summary: { seconds: 0.1 } });
      }
      return Promise.resolve(new Response('{"error":{"message":"unexpected"}}', { status: 500 }));
    });
    await openSolvedBoard();
    expect(screen.queryByRole('button', { name: /^Undo/ })).toBeNull();
    await reportSickAlvarez();
    await sendBenAway();
    // Ben was not away after all: undo takes back his change only.
    fireEvent.click(screen.getByRole('button', { name: 'Undo: Ben is off the unit 09:00–10:00' }));
    await screen.findByText(/Undone: Ben is off the unit 09:00–10:00/);
    let marked = [...document.querySelectorAll('.schedule-block.moved')].map((b) => b.textContent);
    expect(marked).toHaveLength(1);
    expect(marked[0]).toContain('10:00');
    // The next change starts from the board as it was before Ben's: the sick call's plan and unit.
    fireEvent.change(screen.getByLabelText('Child away (a procedure, an appointment)'), { target: { value: 'p1' } });
    fireEvent.click(screen.getByRole('button', { name: /Repair around it/ }));
    await waitFor(() => expect(repairs).toHaveLength(3));
    expect(repairs[2].plan.sessions[0].start).toBe('10:00');
    expect(repairs[2].instance.staff[0].breaks).toHaveLength(1);
    // And the sick call can be undone too, back to the plan as solved.
    await screen.findByRole('button', { name: /^Undo: / });
    fireEvent.click(screen.getByRole('button', { name: /^Undo: / }));
    fireEvent.click(await screen.findByRole('button', { name: 'Undo: J. Alvarez is off sick' }));
    await screen.findByText(/Undone: J. Alvarez is off sick/);
    marked = [...document.querySelectorAll('.schedule-block.moved')].map((b) => b.textContent);
    expect(marked).toHaveLength(0);
    expect(screen.queryByRole('button', { name: /^Undo/ })).toBeNull();
  });

  it('lets a keyboard user skip the board to the sick call', async () => {
    vi.stubGlobal('fetch', (path: string) => {
      if (path.startsWith('/api/v1/schedule/demo')) return answer(instance);
      return answer({ plan: solved, summary: { status: 'optimal', objective: 0, bound: 0, seconds: 0.2, sessions: 2 } });
    });
    await openSolvedBoard();
    const skip = screen.getByRole('button', { name: 'Skip the board, to the sick call' });
    // It comes before the board's blocks, so a Tab from the day picker reaches it first.
    const block = document.querySelector('.schedule-block')!;
    expect(skip.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(skip);
    expect(document.activeElement).toBe(screen.getByLabelText('Staff member off sick this day'));
  });

  it('offers no sick call from the end of the day', async () => {
    vi.stubGlobal('fetch', (path: string) => {
      if (path.startsWith('/api/v1/schedule/demo')) return answer(instance);
      return answer({ plan: solved, summary: { status: 'optimal', objective: 0, bound: 0, seconds: 0.2, sessions: 2 } });
    });
    await openSolvedBoard();
    // The day runs 08:00-12:00 in 15-minute slots: the last time to go home sick is 11:45.
    expect((screen.getByLabelText('Going home at (empty: the whole day)') as HTMLInputElement).max).toBe('11:45');
  });

  it('shows the server message when solving fails', async () => {
    vi.stubGlobal('fetch', (path: string) =>
      path.startsWith('/api/v1/schedule/demo')
        ? answer(instance)
        : Promise.resolve(new Response('{"error":{"message":"the instance is not valid"}}', { status: 422 })),
    );
    render(<SchedulePage />);
    fireEvent.click(screen.getByRole('button', { name: 'Load demo unit' }));
    await screen.findByText(/Demo unit loaded/);
    fireEvent.click(screen.getByRole('button', { name: 'Solve' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The instance is not valid');
  });

  it("opens the unit's own file, names its problems, and opens a saved plan", async () => {
    const calls: { path: string; body: any }[] = [];
    vi.stubGlobal('fetch', (path: string, init: RequestInit) => {
      const body = init.body ? JSON.parse(String(init.body)) : null;
      calls.push({ path, body });
      if (path === '/api/v1/schedule/check') {
        if (body.instance.slot_minutes === 7)
          return Promise.resolve(new Response(JSON.stringify({ error: { message: 'The request is not valid',
            problems: [{ field: 'instance.slot_minutes', message: 'must divide 60' }] } }), { status: 422 }));
        return answer({ instance, summary: { patients: 2, staff: 2, days: ['Mon'], sessions_prescribed: 2 } });
      }
      if (path === '/api/v1/schedule/validate') return answer({ feasible: false, hard_violations: 1 });
      return Promise.resolve(new Response('{"error":{"message":"unexpected"}}', { status: 500 }));
    });
    const choose = (label: string, name: string, text: string) => {
      const input = screen.getByLabelText(label) as HTMLInputElement;
      Object.defineProperty(input, 'files', { value: [new File([text], name, { type: 'application/json' })], configurable: true });
      fireEvent.change(input);
    };
    render(<SchedulePage />);

    choose("The unit's file (JSON)", 'west.json', 'not json at all');
    expect((await screen.findByRole('alert')).textContent).toContain('west.json is not a JSON file');
    expect(calls).toHaveLength(0); // nothing sent for a file that is not JSON

    choose("The unit's file (JSON)", 'west.json', JSON.stringify({ ...instance, slot_minutes: 7 }));
    const problem = await screen.findByRole('list', { name: 'Problems' });
    expect(problem.textContent).toBe('slot_minutes: must divide 60');
    expect(screen.getByRole('alert').textContent).toContain('Reading west.json: 1 problem to fix first.');

    choose("The unit's file (JSON)", 'west.json', JSON.stringify(instance));
    await screen.findByText('west.json opened: 2 children, 2 staff, Mon; 2 sessions prescribed.');
    expect(screen.queryByRole('alert')).toBeNull();

    choose('A saved plan (JSON)', 'west-plan.json', JSON.stringify({ format: 'relief-schedule-plan/1', ...solved }));
    await screen.findByText(/west-plan.json opened: 2 sessions, but it breaks 1 hard rule for this unit/);
    expect(calls.at(-1)?.path).toBe('/api/v1/schedule/validate');
    expect(calls.at(-1)?.body.plan.sessions).toHaveLength(2);
    expect(document.querySelectorAll('.schedule-block')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Save plan' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Solve again from this plan' })).toBeTruthy();
  });

  it('sends a sick call from a time and a child off the unit as the API changes', async () => {
    const changes: string[] = [];
    vi.stubGlobal('fetch', (path: string, init: RequestInit) => {
      const body = init.body ? JSON.parse(String(init.body)) : null;
      if (path.startsWith('/api/v1/schedule/demo')) return answer(instance);
      if (path === '/api/v1/schedule/solve')
        return answer({ plan: solved, summary: { status: 'optimal', objective: 0, bound: 0, seconds: 0.2, sessions: 2 } });
      changes.push(body.change);
      return answer({ plan: repaired, moved: ['moved p1-PT Mon 08:00 pt1 gym1 -> 10:00 pt2 gym1'], shortfalls: [], instance, summary: { seconds: 0.1 } });
    });
    render(<SchedulePage />);
    fireEvent.click(screen.getByRole('button', { name: 'Load demo unit' }));
    await screen.findByText(/Demo unit loaded/);
    fireEvent.click(screen.getByRole('button', { name: 'Solve' }));
    await screen.findByText(/Solved:/);

    fireEvent.change(screen.getByLabelText('Staff member off sick this day'), { target: { value: 'pt1' } });
    fireEvent.input(screen.getByLabelText('Going home at (empty: the whole day)'), { target: { value: '10:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Repair the day' }));
    await screen.findByText('J. Alvarez is off sick from 10:00: 1 session changed.');
    expect(changes.at(-1)).toBe('sick:pt1:0:10:00');

    fireEvent.change(screen.getByLabelText('Child away (a procedure, an appointment)'), { target: { value: 'p2' } });
    fireEvent.input(screen.getByLabelText('Away from'), { target: { value: '08:30' } });
    fireEvent.input(screen.getByLabelText('Back at'), { target: { value: '09:45' } });
    fireEvent.click(screen.getByRole('button', { name: 'Repair around it' }));
    await screen.findByText('Ben is off the unit 08:30–09:45: 1 session changed.');
    expect(changes.at(-1)).toBe('off-unit:p2:0:08:30-09:45');
    expect(screen.getByRole('list', { name: 'Changed sessions' }).textContent).toContain('-> 10:00 K. Berg');  // staff by name, as on the board
  });

  it('shows the time going by while a solve runs to its limit', async () => {
    let finish: (r: Response) => void = () => {};
    vi.stubGlobal('fetch', (path: string) => {
      if (path.startsWith('/api/v1/schedule/demo')) return answer(instance);
      return new Promise<Response>((resolve) => (finish = resolve));
    });
    render(<SchedulePage />);
    fireEvent.click(screen.getByRole('button', { name: 'Load demo unit' }));
    await screen.findByText(/Demo unit loaded/);
    fireEvent.input(screen.getByLabelText('Time limit (s)'), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Solve' }));
    const bar = await screen.findByRole('progressbar', { name: /Solving… 0 s of at most 7 s/ });
    expect(bar.getAttribute('max')).toBe('7');
    finish(new Response(JSON.stringify({ plan: solved, summary: { status: 'feasible', objective: 0, bound: 0, seconds: 7, sessions: 2 } })));
    await screen.findByText(/Solved: 2 sessions placed/);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('keeps the board when the coordinator goes to another page and back', async () => {
    vi.stubGlobal('fetch', (path: string) => {
      if (path.startsWith('/api/v1/schedule/demo')) return answer(instance);
      return answer({ plan: solved, summary: { status: 'optimal', objective: 0, bound: 0, seconds: 0.2, sessions: 2 } });
    });
    const first = render(<SchedulePage />);
    fireEvent.click(screen.getByRole('button', { name: 'Load demo unit' }));
    await screen.findByText(/Demo unit loaded/);
    fireEvent.click(screen.getByRole('button', { name: 'Solve' }));
    await screen.findByText(/Solved: 2 sessions placed/);
    first.unmount(); // to a patient's chart
    render(<SchedulePage />); // and back
    expect(document.querySelectorAll('.schedule-block')).toHaveLength(2);
    expect(screen.getByText(/Solved: 2 sessions placed/)).toBeTruthy();
    forgetBoard(); // signing out forgets it
    cleanup();
    render(<SchedulePage />);
    expect(document.querySelectorAll('.schedule-block')).toHaveLength(0);
  });
});
