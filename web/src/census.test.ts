import { describe, expect, it } from 'vitest';
import { filterCensus, painText, sedationText, sortCensus, weightText, type CensusRow } from './census';

function row(name: string, location: string, pain: number | null, alerts = 0, overdue = false): CensusRow {
  return {
    patient: { id: name, mrn: `M-${name}`, name, age: { years: 10, months: 0, totalMonths: 120 } },
    weight_kg: 30,
    consult: { id: `c-${name}`, location, reason: 'surgery', urgency: 'routine', oncology: false, status: 'active', requested_at: '' },
    orders: [{ id: 'o', version: 1, label: 'IV opioid PCA', summary: 'IV opioid PCA morphine 1 mg/mL: demand 0.4 mg, lockout 10 min', order: {} }],
    latest_pain: pain === null ? null : { value: pain, code: '72514-3', at: '' },
    latest_sedation: null,
    latest_respiratory_rate: null,
    alerts: Array.from({ length: alerts }, (_, i) => ({ id: `a${i}`, alert: { kind: 'sedation_hold', message: '', observed_at: '' } })),
    due: overdue ? [{ rule: 'pain/reassess-severe', due: '2024-03-01T08:00:00Z', overdue: true, message: '' }] : [],
  };
}

describe('the census board', () => {
  it('puts alerts first, then overdue reassessments, then the worst pain', () => {
    const rows = [row('calm', 'Ward 3 bed 2', 2), row('hurting', 'Ward 5 bed 1', 9), row('drowsy', 'Ward 4 bed 7', 2, 1), row('late', 'Ward 3 bed 9', 8, 0, true)];
    expect(sortCensus(rows, 'alerts').map((r) => r.patient.name)).toEqual(['drowsy', 'late', 'hurting', 'calm']);
  });

  it('sorts beds in ward order with numbers read as numbers', () => {
    const rows = [row('a', 'Ward 3 bed 10', 1), row('b', 'Ward 3 bed 9', 1), row('c', 'Ward 10 bed 1', 1)];
    expect(sortCensus(rows, 'location').map((r) => r.consult.location)).toEqual(['Ward 3 bed 9', 'Ward 3 bed 10', 'Ward 10 bed 1']);
  });

  it('filters by name, bed or modality, and to the flagged children', () => {
    const rows = [row('Ada', 'Ward 3 bed 2', 2), row('Ben', 'Ward 5 bed 1', 9, 1)];
    expect(filterCensus(rows, 'ward 5', false).map((r) => r.patient.name)).toEqual(['Ben']);
    expect(filterCensus(rows, 'pca', false)).toHaveLength(2);
    expect(filterCensus(rows, '', true).map((r) => r.patient.name)).toEqual(['Ben']);
  });

  it('shows a neonatal scale as what it is and sorts its top score with a 10 of 10', () => {
    // NIPS 1+2+1+1+1+1 = 7, the top of its 0-7 range; a CHEOPS of 4 is its bottom (no pain).
    const nips = { ...row('neonate', 'NICU bed 3', null), latest_pain: { value: 7, code: 'nips-total', at: '', scale: 'NIPS', min: 0, max: 7 } };
    const cheops = { ...row('toddler', 'Ward 2 bed 1', null), latest_pain: { value: 4, code: 'cheops-total', at: '', scale: 'CHEOPS', min: 4, max: 13 } };
    expect(painText(nips.latest_pain)).toBe('7 (NIPS 0–7)');
    expect(painText(row('x', 'b', 6).latest_pain)).toBe('6');
    const sorted = sortCensus([row('eight', 'Ward 1 bed 1', 8), cheops, nips, row('two', 'Ward 1 bed 2', 2)], 'pain');
    expect(sorted.map((r) => r.patient.name)).toEqual(['neonate', 'eight', 'two', 'toddler']);
  });

  it('shows POSS "S" as a letter', () => {
    expect(sedationText({ value: 0, code: 'poss', note: 'S', at: '' })).toBe('POSS S');
    expect(sedationText({ value: 3, code: 'poss', note: '', at: '' })).toBe('POSS 3');
  });
});

describe('weightText', () => {
  it('says when the child was weighed', () => {
    expect(weightText({ weight_kg: null })).toBe('not recorded');
    expect(weightText({ weight_kg: 17.7 })).toBe('17.7 kg');
    expect(weightText({ weight_kg: 17.7, weight_recorded: '2024-11-24T07:30:00Z' })).toMatch(/^17\.7 kg, weighed .*2024$/);
  });
});
