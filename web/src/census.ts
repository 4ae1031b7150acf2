// The acute pain census as the rounding board shows it: sorted and filtered on the client, so the
// night fellow can reorder 30 children without a round trip.

export interface CensusRow {
  patient: { id: string; mrn: string; name: string; age: { years: number; months: number; totalMonths: number; days?: number } };
  weight_kg: number | null;
  weight_recorded?: string | null;
  consult: { id: string; location: string; reason: string; urgency: string; oncology: boolean; status: string; requested_at: string };
  orders: { id: string; version: number; label: string; summary: string; order: any }[];
  latest_pain: { value: number | null; code: string; at: string; scale?: string; min?: number; max?: number } | null;
  latest_sedation: { value: number | null; code: string; note: string; at: string } | null;
  latest_respiratory_rate: { value: number | null; at: string } | null;
  latest_spo2?: { value: number | null; at: string } | null;
  alerts: { id: string; alert: { kind: string; message: string; observed_at: string } }[];
  due: { rule: string; due: string; overdue: boolean; message: string }[];
}

export type SortKey = 'alerts' | 'location' | 'pain' | 'name' | 'due';

// The latest pain on a 0-10 footing, so a NIPS of 7 (its top) sorts with a 10 of 10, not a 7.
export function painOutOfTen(p: CensusRow['latest_pain']): number | null {
  if (!p || p.value === null) return null;
  const min = p.min ?? 0;
  const max = p.max ?? 10;
  return max > min ? ((p.value - min) / (max - min)) * 10 : p.value;
}

// "6", or "7 (NIPS 0-7)" for a scale that is not scored 0-10.
export function painText(p: CensusRow['latest_pain']): string {
  if (!p || p.value === null) return '—';
  const min = p.min ?? 0;
  const max = p.max ?? 10;
  return min === 0 && max === 10 ? String(p.value) : `${p.value} (${p.scale ?? p.code} ${min}–${max})`;
}

// Most urgent first: open alerts, then overdue reassessments, then the worst pain.
function urgency(r: CensusRow) {
  return r.alerts.length * 1000 + r.due.filter((d) => d.overdue).length * 100 + (painOutOfTen(r.latest_pain) ?? 0);
}

export function sortCensus(rows: CensusRow[], key: SortKey): CensusRow[] {
  const copy = [...rows];
  const byText = (f: (r: CensusRow) => string) => (a: CensusRow, b: CensusRow) => f(a).localeCompare(f(b), undefined, { numeric: true });
  switch (key) {
    case 'alerts':
      return copy.sort((a, b) => urgency(b) - urgency(a));
    case 'location':
      return copy.sort(byText((r) => r.consult.location));
    case 'name':
      return copy.sort(byText((r) => r.patient.name));
    case 'pain':
      return copy.sort((a, b) => (painOutOfTen(b.latest_pain) ?? -1) - (painOutOfTen(a.latest_pain) ?? -1));
    case 'due': {
      const next = (r: CensusRow) => (r.due.length ? Math.min(...r.due.map((d) => Date.parse(d.due))) : Infinity);
      return copy.sort((a, b) => next(a) - next(b));
    }
  }
}

export function filterCensus(rows: CensusRow[], text: string, onlyFlagged: boolean): CensusRow[] {
  const needle = text.trim().toLowerCase();
  return rows.filter((r) => {
    if (onlyFlagged && r.alerts.length === 0 && !r.due.some((d) => d.overdue)) return false;
    if (!needle) return true;
    return [r.patient.name, r.patient.mrn, r.consult.location, ...r.orders.map((o) => o.summary)].some((s) =>
      s.toLowerCase().includes(needle),
    );
  });
}

export function sedationText(s: CensusRow['latest_sedation']) {
  if (!s) return '—';
  const scale = s.code.toUpperCase();
  return `${scale} ${s.note === 'S' ? 'S' : s.value}`;
}

// "17.7 kg, weighed 24 Nov 2024": a dose per kg is only as good as the weight's date.
export function weightText(row: Pick<CensusRow, 'weight_kg' | 'weight_recorded'>): string {
  if (row.weight_kg === null) return 'not recorded';
  if (!row.weight_recorded) return `${row.weight_kg} kg`;
  const when = new Date(row.weight_recorded).toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' });
  return `${row.weight_kg} kg, weighed ${when}`;
}
