// The new-order dialog against a fake server whose formulary answers late: the modality cannot
// be chosen before it has come, so a choice is never overwritten by the PCA's defaults.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { OrderForm } from './components/order_form';
import type { CensusRow } from './census';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const row: CensusRow = {
  patient: { id: 'p1', mrn: 'D1', name: 'Ada', age: { years: 10, months: 0, totalMonths: 120 } },
  weight_kg: 30,
  consult: { id: 'c1', location: 'Ward 3 bed 4', reason: 'surgery', urgency: 'routine', oncology: false, status: 'active', requested_at: '2026-11-24T07:00:00Z' },
  orders: [],
  latest_pain: null,
  latest_sedation: null,
  latest_respiratory_rate: null,
  alerts: [],
  due: [],
};

const drugs = [
  { id: 'bupivacaine', name: 'Bupivacaine', class: 'local_anaesthetic', routes: ['epidural', 'perineural'] },
  { id: 'fentanyl', name: 'Fentanyl', class: 'opioid', routes: ['iv', 'epidural'] },
  { id: 'morphine', name: 'Morphine', class: 'opioid', routes: ['iv'], pca_patient_controlled_from_months: 72 },
];

describe('order form', () => {
  it('offers the modalities only once the formulary has come, and keeps an epidural chosen after it', async () => {
    let answer: (r: Response) => void = () => {};
    vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => (answer = resolve)));
    render(<OrderForm row={row} onClose={() => {}} onSigned={() => {}} />);
    const modality = screen.getByLabelText('Modality', { exact: true }) as HTMLSelectElement;
    expect(modality.disabled).toBe(true);
    expect(screen.getByText('Loading the formulary…')).toBeTruthy();

    answer(new Response(JSON.stringify({ drugs }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    await screen.findByLabelText('Demand dose (mg)');
    expect(modality.disabled).toBe(false);
    fireEvent.change(modality, { target: { value: 'epidural' } });
    expect(await screen.findByLabelText('Catheter site')).toBeTruthy();
    expect(screen.queryByLabelText('Demand dose (mg)')).toBeNull();
  });
});
