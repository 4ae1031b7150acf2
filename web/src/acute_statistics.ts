// The acute pain service's statistics shaped for the director's page: months in order with every
// reason (zero where none), totals, and one colour per reason that stays put across months.

export interface ServiceStatistics {
  from: string;
  to: string;
  consults_by_month: Record<string, Record<string, number>>;
  modality_days: Record<string, number>;
  alerts: number;
  alerts_by_kind: Record<string, number>;
  alerts_acknowledged: number;
  median_minutes_to_acknowledge: number | null;
  consults_assessed: number;
  median_minutes_to_first_assessment: number | null;
}

import { MODALITIES } from './orders';

// The server's codes in the words of the census and the order form; a code the page does not
// know yet is shown with spaces for underscores rather than dropped.
const ALERT_KINDS: Record<string, string> = {
  sedation_hold: 'Sedation: hold the opioid',
  sedation_stop: 'Sedation: stop the opioid',
  respiratory_rate_low: 'Respiratory rate low',
  spo2_low: 'SpO₂ low',
  sedation_unmonitored: 'Sedation scale with no hold rule',
};
const spaced = (code: string) => code.replace(/_/g, ' ');
export const alertKindLabel = (kind: string) => ALERT_KINDS[kind] ?? spaced(kind);
export const modalityLabel = (kind: string) => MODALITIES.find((m) => m.kind === kind)?.label ?? spaced(kind);

// Colour-blind-safe (Okabe-Ito) and enough for the eight reasons.
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

export interface MonthBar {
  month: string;
  total: number;
  segments: { reason: string; count: number }[];
}

export function monthBars(stats: ServiceStatistics, reasons: string[]): MonthBar[] {
  return Object.keys(stats.consults_by_month)
    .sort()
    .map((month) => {
      const counts = stats.consults_by_month[month];
      const segments = reasons.map((reason) => ({ reason, count: counts[reason] ?? 0 }));
      return { month, total: segments.reduce((n, s) => n + s.count, 0), segments };
    });
}

// Every reason that occurs, in the given order first, then any the server knows that the page
// does not (so a new reason is shown rather than dropped).
export function reasonsIn(stats: ServiceStatistics, known: string[]): string[] {
  const seen = new Set<string>();
  for (const counts of Object.values(stats.consults_by_month)) for (const r of Object.keys(counts)) seen.add(r);
  return [...known.filter((r) => seen.has(r)), ...[...seen].filter((r) => !known.includes(r)).sort()];
}

export function reasonColour(reason: string, reasons: string[]) {
  return PALETTE[Math.max(0, reasons.indexOf(reason)) % PALETTE.length];
}

export function reasonTotals(bars: MonthBar[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const b of bars) for (const s of b.segments) totals[s.reason] = (totals[s.reason] ?? 0) + s.count;
  return totals;
}
