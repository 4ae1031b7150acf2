import { describe, expect, it } from 'vitest';
import { assessmentRows, type AdministrationSummary } from './assessments';

const admin = (
  instrument: string,
  reporter: AdministrationSummary['reporter'],
  authored: string,
  total: number,
  band = '',
): AdministrationSummary => ({
  id: `${instrument}-${reporter}-${authored}`,
  instrument,
  name: instrument.startsWith('fdi-') ? `Functional Disability Inventory (${instrument.slice(4)} report)` : instrument,
  reporter,
  status: 'completed',
  authored,
  scores: { total },
  score: { total, band: band ? { label: band } : null },
});

describe('assessmentRows', () => {
  it('puts the child and parent FDI of one day side by side', () => {
    const rows = assessmentRows([
      admin('fdi-parent', 'parent', '2024-03-01T10:00:00Z', 15, 'moderate'),
      admin('fdi-child', 'self', '2024-03-01T09:00:00Z', 30, 'severe'),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].instrument).toBe('fdi');
    expect(rows[0].self).toMatchObject({ total: 30, band: 'severe' });
    expect(rows[0].parent).toMatchObject({ total: 15, band: 'moderate' });
    expect(rows[0].name).toBe('Functional Disability Inventory');
  });

  it('keeps different days and instruments apart, newest day first', () => {
    const rows = assessmentRows([
      admin('flacc', 'clinician', '2024-03-02T08:00:00Z', 2),
      admin('flacc', 'clinician', '2024-03-01T08:00:00Z', 6),
      admin('pcs-c', 'self', '2024-03-01T08:30:00Z', 26),
    ]);
    expect(rows.map((r) => `${r.day} ${r.instrument}`)).toEqual(['2024-03-02 flacc', '2024-03-01 flacc', '2024-03-01 pcs-c']);
    expect(rows[0].clinician?.total).toBe(2);
  });

  it('shows every report when one reporter answered twice in a day, newest first, and skips mistaken entries', () => {
    // The morning's 6 was hidden behind the evening's 3 (an outside review saw an FDI of 15 lost).
    const newer = admin('flacc', 'clinician', '2024-03-01T20:00:00Z', 3);
    const wrong = { ...admin('flacc', 'clinician', '2024-03-01T21:00:00Z', 9), status: 'entered_in_error' };
    const rows = assessmentRows([wrong, newer, admin('flacc', 'clinician', '2024-03-01T08:00:00Z', 6)]);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.clinician?.total)).toEqual([3, 6]);
  });
});
