// The census's bedside check for a newborn points to NIPS / N-PASS in a full assessment: its
// 0-10 field opened on FLACC, which is validated from 2 months (an outside review).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { BedsideAssessmentForm } from './components/bedside_assessment_form';
import type { CensusRow } from './census';

function row(totalMonths: number): CensusRow {
  return {
    patient: { id: 'n1', mrn: 'M1', name: 'Noa', age: { years: 0, months: totalMonths, totalMonths } },
    weight_kg: 3.4,
    consult: { id: 'c1', location: 'NICU bed 2', reason: 'surgery', urgency: 'routine', oncology: false, status: 'active', requested_at: '' },
    orders: [],
    latest_pain: null,
    latest_sedation: null,
    latest_respiratory_rate: null,
    alerts: [],
    due: [],
  };
}

afterEach(cleanup);

describe('the bedside check', () => {
  it('sends a newborn to a full assessment on a neonatal scale', () => {
    render(<BedsideAssessmentForm row={row(0)} sedationScale="poss" onClose={() => {}} onSaved={() => {}} />);
    const note = screen.getByTestId('newborn-scales');
    expect(note.textContent).toContain('NIPS or N-PASS');
    expect(note.querySelector('a')?.getAttribute('href')).toBe('#/patients/n1/assess');
  });

  it('says nothing of it from 2 months', () => {
    render(<BedsideAssessmentForm row={row(3)} sedationScale="poss" onClose={() => {}} onSaved={() => {}} />);
    expect(screen.queryByTestId('newborn-scales')).toBeNull();
  });
});
