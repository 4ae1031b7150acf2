// The chart's quick pain score: its time is the moment of saving unless the nurse typed one, and
// a child under 8 is not offered the 0-10 scale as their own report by default.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { PainEntryForm } from './components/pain_entry_form';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function recordPosts() {
  const bodies: any[] = [];
  vi.stubGlobal('fetch', (_path: string, init: RequestInit) => {
    bodies.push(JSON.parse(String(init.body)));
    return Promise.resolve(new Response('{"resourceType":"Observation","id":"o1"}', { status: 201 }));
  });
  return bodies;
}

describe('PainEntryForm', () => {
  it('charts the time of saving, not the time the chart was opened', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T08:46:00Z'));
    const bodies = recordPosts();
    render(<PainEntryForm patientId="p1" ageMonths={150} onSaved={() => {}} />);
    vi.setSystemTime(new Date('2026-11-23T11:02:30Z')); // the chart stayed open on the ward
    fireEvent.input(screen.getByLabelText('Pain now, 0 (none) to 10 (worst)'), { target: { value: '6' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Save score' }).closest('form')!);
    await screen.findByText(/Saved: pain 6\/10/);
    expect(bodies[0].effectiveDateTime).toBe('2026-11-23T11:02:30.000Z');
    expect(bodies[0].extension[0].valueCode).toBe('self');
  });

  it('keeps a time the nurse typed, and refuses an emptied one with a reason', async () => {
    const bodies = recordPosts();
    render(<PainEntryForm patientId="p1" ageMonths={150} onSaved={() => {}} />);
    fireEvent.input(screen.getByLabelText('Pain now, 0 (none) to 10 (worst)'), { target: { value: '3' } });
    fireEvent.input(screen.getByLabelText(/^When/), { target: { value: '' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Save score' }).closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toContain('Enter when the score was taken');
    expect(bodies).toHaveLength(0);
    fireEvent.input(screen.getByLabelText(/^When/), { target: { value: '2026-11-23T07:15' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Save score' }).closest('form')!);
    await screen.findByText(/Saved: pain 3\/10/);
    expect(new Date(bodies[0].effectiveDateTime).getTime()).toBe(new Date('2026-11-23T07:15').getTime());
  });

  it('does not take a toddler for the reporter of a 0-10 score', () => {
    render(<PainEntryForm patientId="p1" ageMonths={26} onSaved={() => {}} />);
    expect((screen.getByLabelText('Reported by') as HTMLSelectElement).value).toBe('clinician');
    expect(screen.getByText(/This child is under 8/)).toBeTruthy();
  });
});
