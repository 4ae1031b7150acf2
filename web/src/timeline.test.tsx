// The chart's timeline offers to retract any observation charted by itself (a bedside check's
// POSS, RR, SpO2), not a score computed from an assessment (that goes with its assessment), and
// says who charted and who acknowledged an alert.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { Timeline, type TimelineItem } from './components/timeline';

afterEach(cleanup);

const items: TimelineItem[] = [
  { kind: 'observation', id: 'rr1', at: '2026-11-24T01:00:00Z', status: 'final', code: '9279-1', display: 'Respiratory rate', value: 12, unit: '/min', recorded_by: 'nurse.demo' },
  { kind: 'observation', id: 'flacc1', at: '2026-11-24T01:00:00Z', status: 'final', code: 'flacc-total', display: 'FLACC', value: 4, derivedFrom: 'qr1' },
  { kind: 'alert', id: 'a1', at: '2026-11-24T01:00:00Z', status: 'acknowledged', type: 'sedation/poss-hold', text: 'POSS 3: hold the opioid', acknowledged_by: 'nurse.demo', action_taken: 'PCA held' },
];

describe('Timeline', () => {
  it('retracts what was charted by itself, and names who charted and who acknowledged', () => {
    const retract = vi.fn();
    render(<Timeline items={items} onRetract={retract} />);
    const buttons = screen.getAllByRole('button', { name: /^Retract/ });
    expect(buttons).toHaveLength(1);
    fireEvent.click(buttons[0]);
    expect(retract.mock.calls[0][0]).toMatchObject({ id: 'rr1', score: true });
    expect(screen.getByText(/Respiratory rate: 12 \/min \(charted by nurse.demo\)/)).toBeTruthy();
    expect(screen.getByText(/acknowledged by nurse.demo: PCA held/)).toBeTruthy();
  });
});
