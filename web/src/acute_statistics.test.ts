import { describe, expect, it } from 'vitest';
import { alertKindLabel, modalityLabel, monthBars, reasonsIn, reasonTotals, type ServiceStatistics } from './acute_statistics';

const stats: ServiceStatistics = {
  from: '2025-11-23',
  to: '2026-11-23',
  consults_by_month: {
    '2026-10': { surgery: 90, headache: 4 },
    '2026-09': { surgery: 85, trauma_or_injury: 30, new_reason: 1 },
  },
  modality_days: { pca: 410.5 },
  alerts: 12,
  alerts_by_kind: { sedation_hold: 9 },
  alerts_acknowledged: 12,
  median_minutes_to_acknowledge: 6,
  consults_assessed: 200,
  median_minutes_to_first_assessment: 40,
};

describe('acute service statistics', () => {
  it('orders months and fills every reason, zero where a month had none', () => {
    const reasons = reasonsIn(stats, ['surgery', 'trauma_or_injury', 'headache']);
    expect(reasons).toEqual(['surgery', 'trauma_or_injury', 'headache', 'new_reason']);
    const bars = monthBars(stats, reasons);
    expect(bars.map((b) => b.month)).toEqual(['2026-09', '2026-10']);
    expect(bars[0].total).toBe(116); // 85 + 30 + 1
    expect(bars[1].segments.find((s) => s.reason === 'trauma_or_injury')!.count).toBe(0);
    expect(reasonTotals(bars)).toEqual({ surgery: 175, trauma_or_injury: 30, headache: 4, new_reason: 1 });
  });

  it('names modalities and alert kinds in words, and an unknown code with spaces', () => {
    expect(modalityLabel('pca')).toBe('IV opioid PCA / NCA');
    expect(modalityLabel('peripheral_nerve_catheter')).toBe('Peripheral nerve catheter');
    expect(alertKindLabel('spo2_low')).toBe('SpO₂ low');
    expect(alertKindLabel('sedation_hold')).toBe('Sedation: hold the opioid');
    expect(alertKindLabel('apnoea_detected')).toBe('apnoea detected');
  });
});
