// The assessment page's recommended scale against a fake server: the child's age is read before
// a recommendation is asked for, so a 3-year-old is never preselected a self-report scale (an
// outside review saw Wong-Baker FACES chosen under "Recommended: FLACC" in 5 of 9 loads).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { AssessmentPage } from './pages/assessment';

function answer(body: unknown, delayMs = 0) {
  return new Promise<Response>((resolve) => setTimeout(() => resolve(new Response(JSON.stringify(body), { status: 200 })), delayMs));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('AssessmentPage', () => {
  it("preselects the scale recommended for the child's age, however the answers arrive", async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', (path: string) => {
      if (path === '/api/v1/instruments')
        return answer({
          instruments: [
            { id: 'flacc', version: '1997', name: 'FLACC', reporters: ['clinician'], text_shipped: true },
            { id: 'wong-baker-faces', version: '1', name: 'Wong-Baker FACES', reporters: ['self'], text_shipped: false },
          ],
        });
      // The age arrives late; a recommendation asked for before it would answer first.
      if (path.endsWith('/summary')) return answer({ age: { totalMonths: 37 } }, 30);
      if (path.includes('/recommendation')) {
        asked.push(path);
        return path.includes('can_self_report=true')
          ? answer({ instrument: 'wong-baker-faces', reason: 'self-report from 3 years' })
          : answer({ instrument: 'flacc', reason: 'observational, 2 months to 7 years' }, 20);
      }
      if (path.startsWith('/api/v1/instruments/'))
        return answer({ id: path.split('/').pop(), version: '1', name: '', reporters: ['clinician'], text_shipped: true, items: [], range: null, licence: { status: 'free' } });
      return answer({ total: null, band: null, missing_data: { rule: '', decision: '', answered: 0, items: 0, missing: [] }, subscales: {}, flags: [], unverified: [] });
    });
    render(<AssessmentPage patientId="p1" />);
    await screen.findByText(/Recommended:/);
    await waitFor(() => expect((screen.getByLabelText('Instrument') as HTMLSelectElement).value).toBe('flacc'));
    expect(asked.every((p) => p.includes('can_self_report=false'))).toBe(true);
    expect((screen.getByLabelText('The child can self-report') as HTMLInputElement).checked).toBe(false);
  });

  it('shows the form of the scale chosen last, whichever form answers first', async () => {
    vi.stubGlobal('fetch', (path: string) => {
      if (path === '/api/v1/instruments')
        return answer({ instruments: [{ id: 'nrs-11', version: '1', name: 'NRS', reporters: ['self'], text_shipped: true },
                                      { id: 'flacc', version: '1997', name: 'FLACC', reporters: ['clinician'], text_shipped: true }] });
      if (path.endsWith('/summary')) return answer({ age: { totalMonths: 120 } });
      if (path.includes('/recommendation')) return answer({ instrument: 'nrs-11', reason: 'self-report', covers: ['flacc', 'nrs-11'] });
      // The recommended scale's form is slow; the one the nurse picks instead is quick.
      if (path === '/api/v1/instruments/nrs-11')
        return answer({ id: 'nrs-11', version: '1', name: 'NRS', reporters: ['self'], text_shipped: true, items: [], range: [0, 10], licence: { status: 'free' } }, 80);
      if (path === '/api/v1/instruments/flacc')
        return answer({ id: 'flacc', version: '1997', name: 'FLACC', reporters: ['clinician'], text_shipped: true, items: [], range: [0, 10], licence: { status: 'free' } });
      return answer({ total: null, band: null, missing_data: { rule: '', decision: '', answered: 0, items: 0, missing: [] }, subscales: {}, flags: [], unverified: [] });
    });
    render(<AssessmentPage patientId="p4" />);
    const list = (await screen.findByLabelText('Instrument')) as HTMLSelectElement;
    await waitFor(() => expect(list.value).toBe('nrs-11'));
    fireEvent.change(list, { target: { value: 'flacc' } });
    await screen.findByRole('heading', { level: 2, name: 'FLACC' });
    await new Promise((r) => setTimeout(r, 120));  // the NRS form has answered by now
    expect(screen.queryByRole('heading', { level: 2, name: 'NRS' })).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'FLACC' })).toBeTruthy();
  });

  it('asks no reason for a questionnaire chosen instead of the recommended pain scale', async () => {
    vi.stubGlobal('fetch', (path: string) => {
      if (path === '/api/v1/instruments')
        return answer({ instruments: [{ id: 'pcs-c', version: '2003', name: 'PCS-C', reporters: ['self'], text_shipped: false },
                                      { id: 'nrs-11', version: '1', name: 'NRS', reporters: ['self'], text_shipped: true }] });
      if (path.endsWith('/summary')) return answer({ age: { totalMonths: 192 } });
      if (path.includes('/recommendation')) return answer({ instrument: 'nrs-11', reason: 'self-report', covers: ['flacc', 'nrs-11'] });
      if (path.startsWith('/api/v1/instruments/'))
        return answer({ id: 'pcs-c', version: '2003', name: 'PCS-C', reporters: ['self'], text_shipped: false, items: [], range: null, licence: { status: 'free' } });
      return answer({ total: null, band: null, missing_data: { rule: '', decision: '', answered: 0, items: 0, missing: [] }, subscales: {}, flags: [], unverified: [] });
    });
    render(<AssessmentPage patientId="p2" initial="pcs-c" />);
    await screen.findByText(/Recommended:/);
    expect(screen.queryByText(/Why this scale instead of/)).toBeNull();
  });

  it('shows a score without bands as a score, not as "not scored yet"', async () => {
    vi.stubGlobal('fetch', (path: string) => {
      if (path === '/api/v1/instruments') return answer({ instruments: [{ id: 'fps-r', version: '2001', name: 'FPS-R', reporters: ['self'], text_shipped: false }] });
      if (path.endsWith('/summary')) return answer({ name: 'Ada West', mrn: 'MRN-7', age: { years: 8, months: 0, totalMonths: 96 } });
      if (path.includes('/recommendation')) return answer({ instrument: 'fps-r', reason: 'self-report', covers: ['fps-r'] });
      if (path.startsWith('/api/v1/instruments/fps-r/score'))
        return answer({ total: 8, band: null, missing_data: { rule: 'every item', decision: 'complete', answered: 1, items: 1, missing: [] }, subscales: {}, flags: [], unverified: [] });
      return answer({ id: 'fps-r', version: '2001', name: 'FPS-R', reporters: ['self'], text_shipped: false, items: [], range: [0, 10], licence: { status: 'free' } });
    });
    render(<AssessmentPage patientId="p3" />);
    // The form says whose chart it writes to.
    await screen.findByRole('heading', { level: 1, name: 'Assessment for Ada West' });
    expect(screen.getByTestId('assessed-child').textContent).toBe('MRN MRN-7 · 8 y 0 m');
    await waitFor(() => expect(screen.getByTestId('live-total').textContent).toContain('8'));
    expect(screen.queryByText('not scored yet')).toBeNull();
  });

  it("asks the site's table with the neonate's situation, and follows its answer", async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', (path: string) => {
      if (path === '/api/v1/instruments')
        return answer({ instruments: [{ id: 'n-pass', version: '2008', name: 'N-PASS', reporters: ['clinician'], text_shipped: true }] });
      if (path.endsWith('/summary')) return answer({ age: { totalMonths: 0 } });
      if (path.includes('/recommendation')) {
        asked.push(path);
        return path.includes('in_nicu=true')
          ? answer({ instrument: 'n-pass', reason: 'NICU', covers: ['n-pass'] })
          : answer({ instrument: null, reason: 'no rule of the site\'s decision table matches age 0 months', covers: ['n-pass'] });
      }
      if (path.startsWith('/api/v1/instruments/n-pass/score'))
        return answer({ total: null, band: null, missing_data: { rule: '', decision: '', answered: 0, items: 0, missing: [] }, subscales: {}, flags: [], unverified: [] });
      return answer({ id: 'n-pass', version: '2008', name: 'N-PASS', reporters: ['clinician'], text_shipped: true, items: [], range: [0, 13], licence: { status: 'free' } });
    });
    render(<AssessmentPage patientId="p4" />);
    await screen.findByText(/matches age 0 months/);
    fireEvent.click(screen.getByLabelText('In the neonatal intensive care unit'));
    await screen.findByText(/Recommended:/);
    await waitFor(() => expect((screen.getByLabelText('Instrument') as HTMLSelectElement).value).toBe('n-pass'));
    expect(asked.at(-1)).toContain('in_nicu=true');
  });
});
