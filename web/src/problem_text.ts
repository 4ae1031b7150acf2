// One sentence a clinician can read from a server error: each problem as "Field: what to do",
// with the field's JSON path ("pca.demand_dose.value") turned into words ("PCA demand dose").
import { ApiError } from './api';

const words: Record<string, string> = { pca: 'PCA', mrn: 'MRN', spo2: 'SpO2', iv: 'IV', id: 'ID' };

export function fieldLabel(path: string): string {
  // FHIR's "value[x]" is the value itself: no word of its own ("X: FLACC must be between ...").
  const parts = path
    .replace(/value\[x\]/g, '')
    .split(/[.[\]]+/)
    .filter((p) => p && !/^\d+$/.test(p) && p !== 'value' && !p.startsWith('value'))
    .flatMap((p) => p.split('_'))
    .map((p) => words[p.toLowerCase()] ?? p.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
  const text = parts.join(' ');
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

// One line per problem. labels: what this form calls a field, where it knows better than the path.
export function problemLines(err: unknown, labels: Record<string, string> = {}, fallback = 'Not saved.'): string[] {
  if (!(err instanceof ApiError)) return [fallback];
  if (!err.problems.length) return [err.message];
  return err.problems.map((p) => {
    const label = labels[p.field] ?? fieldLabel(p.field);
    return label ? `${label}: ${p.message}` : p.message;
  });
}

export function problemText(err: unknown, labels: Record<string, string> = {}, fallback = 'Not saved.'): string {
  return problemLines(err, labels, fallback).join('; ');
}
