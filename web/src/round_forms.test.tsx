// The census's round note and acknowledgement dialogs against a fake server: an empty note or
// acknowledgement is refused on the page with what to write; a filled one is sent as typed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { AcknowledgeForm, RoundNoteForm } from './components/round_forms';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('round forms', () => {
  it('sends a round note of several lines, and refuses an empty one on the page', async () => {
    const sent: any[] = [];
    vi.stubGlobal('fetch', (path: string, init: RequestInit) => {
      sent.push({ path, body: JSON.parse(String(init.body)) });
      return Promise.resolve(new Response('{}', { status: 201 }));
    });
    const saved = vi.fn();
    render(<RoundNoteForm consultId="c1" name="Ada" onClose={() => {}} onSaved={saved} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save the note' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Write the note first');
    expect(sent).toHaveLength(0);
    fireEvent.input(screen.getByLabelText(/Note/), { target: { value: 'Comfortable on PCA.\nPlan: wean tomorrow.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the note' }));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(sent[0].path).toBe('/api/v1/acute/consults/c1/notes');
    expect(sent[0].body.text).toBe('Comfortable on PCA.\nPlan: wean tomorrow.');
  });

  it('acknowledges an alert with what was done', async () => {
    const sent: any[] = [];
    vi.stubGlobal('fetch', (path: string, init: RequestInit) => {
      sent.push({ path, body: JSON.parse(String(init.body)) });
      return Promise.resolve(new Response('{}', { status: 200 }));
    });
    const done = vi.fn();
    render(<AcknowledgeForm alertId="a1" message="POSS 3: hold the opioid" name="Ben" onClose={() => {}} onDone={done} />);
    expect(screen.getByText('POSS 3: hold the opioid')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('What was done'), { target: { value: 'PCA held, fellow paged' } });
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(sent[0]).toEqual({ path: '/api/v1/acute/alerts/a1/acknowledge', body: { action_taken: 'PCA held, fellow paged' } });
  });
});
