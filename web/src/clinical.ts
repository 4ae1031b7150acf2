// Display rules for clinical values. The server owns every validation rule; these only say how
// things read on screen.

export const PAIN_SCALES: Record<string, { name: string; short: string }> = {
  '72514-3': { name: '0-10 numeric rating scale', short: 'NRS' },
  '38208-5': { name: 'Pain severity (reported)', short: 'Pain' },
  '57696-7': { name: 'Faces Pain Scale - Revised', short: 'FPS-R' },
  '38221-8': { name: 'Wong-Baker FACES', short: 'Wong-Baker' },
  '38213-5': { name: 'FLACC', short: 'FLACC' },
};

export const REPORTERS: Record<string, string> = {
  self: 'child',
  parent: 'parent',
  clinician: 'nurse/clinician',
  other: 'other',
};

// The 0-10 numeric scale is validated for self-report from 8 years, FPS-R from 4 years; younger
// children are scored by an observer on FLACC (reference/clinical.md). A form opens on the scale
// and reporter that fit the child's age; the nurse may still choose another.
export const NRS_SELF_REPORT_MONTHS = 8 * 12;
// FLACC is validated from 2 months (reference/clinical.md 1.1); a newborn is scored on NIPS or
// N-PASS, which the bedside check's 0-10 field cannot hold.
export const FLACC_FROM_MONTHS = 2;
export const FPS_R_SELF_REPORT_MONTHS = 4 * 12;

export function painDefaultsForAge(ageMonths: number | undefined): { code: string; reporter: string } {
  if (ageMonths === undefined || ageMonths >= NRS_SELF_REPORT_MONTHS) return { code: '72514-3', reporter: 'self' };
  if (ageMonths >= FPS_R_SELF_REPORT_MONTHS) return { code: '57696-7', reporter: 'self' };
  return { code: '38213-5', reporter: 'clinician' };
}

export function isPainCode(code: string) {
  return code in PAIN_SCALES;
}

// A newborn's age in days, then weeks ("0 months" says nothing in the NICU).
export function newbornAge(age: { totalMonths: number; days?: number }, short = false): string | null {
  if (age.days === undefined || age.totalMonths >= 2) return null;
  if (age.days < 14) return short ? `${age.days} d` : `${age.days} day${age.days === 1 ? '' : 's'}`;
  const weeks = Math.floor(age.days / 7);
  return short ? `${weeks} wk` : `${weeks} weeks`;
}

export function formatAge(age: { years: number; months: number; totalMonths: number; days?: number }) {
  const newborn = newbornAge(age);
  if (newborn) return newborn;
  if (age.totalMonths < 24) return `${age.totalMonths} month${age.totalMonths === 1 ? '' : 's'}`;
  return `${age.years} y ${age.months} m`;
}

export function formatWhen(iso: string) {
  const d = new Date(iso);
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const PROGRAMS: Record<string, string> = {
  acute: 'Acute pain service',
  clinic: 'Chronic pain clinic',
  acupuncture: 'Acupuncture',
  iipt: 'Pain rehabilitation (IIPT)',
  palliative: 'Palliative care',
};
