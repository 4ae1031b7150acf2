// Turns a patient's pain observations into chart series: one per scale and reporter, on a
// shared time axis (what uPlot draws), so a child's and a parent's ratings never merge.
import { PAIN_SCALES, REPORTERS, isPainCode } from './clinical';

export interface ChartObservation {
  code: string;
  value: number | null;
  reporter: string;
  status: string;
  effective: string;
}

export interface PainSeries {
  key: string;
  label: string;
  reporter: string;
  values: (number | null)[];
}

export interface PainChartData {
  times: number[]; // seconds since the epoch, ascending
  series: PainSeries[];
}

export function painChartData(observations: ChartObservation[]): PainChartData {
  const usable = observations.filter(
    (o) => isPainCode(o.code) && o.value !== null && o.status !== 'entered-in-error' && o.status !== 'cancelled',
  );
  const times = [...new Set(usable.map((o) => Date.parse(o.effective) / 1000))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const byKey = new Map<string, PainSeries>();
  for (const o of usable) {
    const key = `${o.code}|${o.reporter}`;
    let s = byKey.get(key);
    if (!s) {
      s = {
        key,
        label: `${PAIN_SCALES[o.code].short} (${REPORTERS[o.reporter] ?? o.reporter})`,
        reporter: o.reporter,
        values: new Array(times.length).fill(null),
      };
      byKey.set(key, s);
    }
    s.values[index.get(Date.parse(o.effective) / 1000)!] = o.value;
  }
  const series = [...byKey.values()].sort((a, b) => a.label.localeCompare(b.label));
  return { times, series };
}

// How far back the chart looks, ending at the newest score: a child's pain over this stay, not
// squeezed against last year's admission (two years of scores on one axis read as one spike).
export const CHART_WINDOWS = [
  { key: '24h', label: '24 hours', days: 1 },
  { key: '7d', label: '7 days', days: 7 },
  { key: '30d', label: '30 days', days: 30 },
  { key: 'all', label: 'All', days: Infinity },
] as const;
export type ChartWindow = (typeof CHART_WINDOWS)[number]['key'];

export function withinWindow(observations: ChartObservation[], window: ChartWindow): ChartObservation[] {
  const days = CHART_WINDOWS.find((w) => w.key === window)!.days;
  if (days === Infinity || observations.length === 0) return observations;
  const newest = Math.max(...observations.map((o) => Date.parse(o.effective)));
  const from = newest - days * 24 * 3600 * 1000;
  return observations.filter((o) => Date.parse(o.effective) >= from);
}

// The time axis the chart draws, in seconds: the whole window back from the newest score (with a
// little room after it), never just the scores' own extent. Two scores a minute apart in "7 days"
// were drawn across the whole width with the axis in seconds (":16.200", ":16.400").
export function windowRange(times: number[], window: ChartWindow): [number, number] | null {
  if (times.length === 0) return null;
  const days = CHART_WINDOWS.find((w) => w.key === window)!.days;
  const newest = times[times.length - 1];
  const span = days === Infinity ? Math.max(newest - times[0], 24 * 3600) : days * 24 * 3600;
  return [newest - span, newest + span * 0.02];
}
