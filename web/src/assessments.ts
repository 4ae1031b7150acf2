// Instrument administrations arranged for the chart: a row per instrument and day (more when one
// reporter answered twice that day), with the
// child's, the parent's and the clinician's reports side by side. Child and parent forms of one
// instrument (fdi-child / fdi-parent) share a row.

export interface AdministrationSummary {
  id: string;
  instrument: string;
  name: string;
  reporter: 'self' | 'parent' | 'clinician' | 'other';
  status: string;
  authored: string;
  scores: Record<string, number>;
  score: { total: number | null; band: { label: string } | null } | null;
}

export interface ReportCell {
  total: number | null;
  band: string;
  id: string;
}

export interface AssessmentRow {
  key: string;
  day: string; // YYYY-MM-DD (UTC)
  instrument: string; // the family: "fdi" for fdi-child and fdi-parent
  name: string;
  self?: ReportCell;
  parent?: ReportCell;
  clinician?: ReportCell;
}

export function instrumentFamily(id: string) {
  return id.replace(/-(child|parent)$/, '');
}

export function assessmentRows(list: AdministrationSummary[]): AssessmentRow[] {
  const rows = new Map<string, AssessmentRow>();
  for (const a of list) {
    if (a.status === 'entered_in_error') continue;
    const day = a.authored.slice(0, 10);
    const family = instrumentFamily(a.instrument);
    const who = a.reporter === 'other' ? 'clinician' : a.reporter;
    // A second report by the same reporter on one day gets a row of its own: it was dropped, and
    // an FDI of 15 and one of 0 the same afternoon showed as the 0 alone (an outside review).
    let n = 0;
    while (rows.get(`${day}|${family}|${n}`)?.[who]) n++;
    const key = `${day}|${family}|${n}`;
    let row = rows.get(key);
    if (!row) {
      row = { key, day, instrument: family, name: a.name.replace(/\s*\((child|parent)[^)]*\)/i, '') };
      rows.set(key, row);
    }
    row[who] = { total: a.score?.total ?? null, band: a.score?.band?.label ?? '', id: a.id };
  }
  return [...rows.values()].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : a.instrument.localeCompare(b.instrument)));
}
