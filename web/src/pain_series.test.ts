import { describe, expect, it } from 'vitest';
import { painChartData, windowRange, withinWindow } from './pain_series';

const obs = (code: string, value: number | null, reporter: string, effective: string, status = 'final') => ({
  code,
  value,
  reporter,
  effective,
  status,
});

describe('painChartData', () => {
  it('keeps the child and the parent as separate series on one time axis', () => {
    const data = painChartData([
      obs('72514-3', 7, 'self', '2024-03-01T08:00:00Z'),
      obs('72514-3', 8, 'parent', '2024-03-01T08:00:00Z'),
      obs('72514-3', 5, 'self', '2024-03-01T12:00:00Z'),
    ]);
    expect(data.times).toEqual([Date.parse('2024-03-01T08:00:00Z') / 1000, Date.parse('2024-03-01T12:00:00Z') / 1000]);
    expect(data.series.map((s) => s.label)).toEqual(['NRS (child)', 'NRS (parent)']);
    expect(data.series[0].values).toEqual([7, 5]);
    expect(data.series[1].values).toEqual([8, null]); // the parent did not rate at noon
  });

  it('gives each scale its own series and leaves out weights and mistaken entries', () => {
    const data = painChartData([
      obs('38213-5', 6, 'clinician', '2024-03-01T08:00:00Z'),
      obs('57696-7', 4, 'self', '2024-03-01T09:00:00Z'),
      obs('29463-7', 20.4, 'clinician', '2024-03-01T07:00:00Z'),
      obs('72514-3', 9, 'self', '2024-03-01T10:00:00Z', 'entered-in-error'),
    ]);
    expect(data.series.map((s) => s.label)).toEqual(['FLACC (nurse/clinician)', 'FPS-R (child)']);
    expect(data.times).toHaveLength(2);
  });

  it('is empty for a patient without pain scores', () => {
    expect(painChartData([])).toEqual({ times: [], series: [] });
  });
});

describe('withinWindow', () => {
  const history = [
    obs('72514-3', 9, 'self', '2024-11-23T02:30:00Z'), // last admission, two years ago
    obs('72514-3', 6, 'self', '2026-11-16T08:00:00Z'), // 7 days and 3 hours before the newest
    obs('72514-3', 4, 'self', '2026-11-22T12:00:00Z'),
    obs('38213-5', 6, 'clinician', '2026-11-23T11:00:00Z'), // the newest
  ];
  it('ends at the newest score, whenever that was', () => {
    expect(withinWindow(history, '24h').map((o) => o.value)).toEqual([4, 6]);
    expect(withinWindow(history, '7d').map((o) => o.value)).toEqual([4, 6]);
    expect(withinWindow(history, '30d').map((o) => o.value)).toEqual([6, 4, 6]);
    expect(withinWindow(history, 'all')).toHaveLength(4);
  });
  it('keeps nothing from nothing', () => {
    expect(withinWindow([], '7d')).toEqual([]);
  });
});

describe('windowRange', () => {
  const day = 24 * 3600;
  const newest = Date.parse('2026-11-23T18:06:00Z') / 1000;
  it('spans the whole window back from the newest score, even when the scores are a minute apart', () => {
    const [from, to] = windowRange([newest - 60, newest], '7d')!;
    expect(newest - from).toBe(7 * day);
    expect(to).toBeGreaterThan(newest); // the newest point is not cut in half at the edge
    expect(to - newest).toBeLessThan(day / 2);
    expect(newest - windowRange([newest], '24h')![0]).toBe(day);
  });
  it('under All runs from the first score, and a single day at least', () => {
    expect(windowRange([newest - 400 * day, newest], 'all')![0]).toBe(newest - 400 * day);
    expect(windowRange([newest], 'all')![0]).toBe(newest - day);
    expect(windowRange([], '7d')).toBeNull();
  });
});
