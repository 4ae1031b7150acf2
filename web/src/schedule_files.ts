// A coordinator's own unit and plan files on the schedule board: read a chosen file as JSON with
// an error that says which file and what to do, name what is saved after the unit it came from,
// and hand a JSON value to the browser as a download. The server checks the content itself.

export class FileProblem extends Error {}

// The text of a chosen file as JSON, or a FileProblem naming the file.
export function parseJsonFile(fileName: string, text: string, expected: 'unit' | 'plan'): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : 'not JSON';
    throw new FileProblem(`${fileName} is not a JSON file (${why}). Choose the ${expected}'s .json file.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new FileProblem(`${fileName} holds no JSON object. Choose the ${expected}'s .json file.`);
  const format = (value as { format?: unknown }).format;
  const wanted = expected === 'unit' ? 'relief-schedule-instance/' : 'relief-schedule-plan/';
  const other = expected === 'unit' ? 'relief-schedule-plan/' : 'relief-schedule-instance/';
  if (typeof format === 'string' && format.startsWith(other))
    throw new FileProblem(`${fileName} is a ${expected === 'unit' ? 'plan' : 'unit'} file, not a ${expected} file.`);
  if (expected === 'plan' && !(typeof format === 'string' && format.startsWith(wanted)) && !Array.isArray((value as { sessions?: unknown }).sessions))
    throw new FileProblem(`${fileName} is not a schedule plan (it has no "sessions"). Choose a plan saved from this board.`);
  return value;
}

// "unit-3-west.json" -> "unit-3-west-plan.json"; a demo unit saves as "demo-unit-plan.json".
export function savedFileName(unitFile: string, what: 'plan' | 'unit'): string {
  const base = (unitFile || 'demo-unit').replace(/\.json$/i, '').replace(/-(plan|unit-after-changes)$/, '');
  return `${base}-${what === 'plan' ? 'plan' : 'unit-after-changes'}.json`;
}

export function downloadJson(fileName: string, value: unknown) {
  const blob = new Blob([JSON.stringify(value, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
