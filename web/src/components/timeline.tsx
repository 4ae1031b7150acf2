import { PAIN_SCALES, REPORTERS, formatWhen } from '../clinical';
import type { RetractTarget } from './retract_assessment_form';

export interface TimelineItem {
  kind: 'encounter' | 'observation' | 'note' | 'alert';
  id: string;
  at: string;
  type?: string;
  status: string;
  location?: string;
  text?: string;
  code?: string;
  display?: string;
  value?: number | null;
  unit?: string;
  reporter?: string;
  effective?: string;
  derivedFrom?: string; // a score computed from this administration (QuestionnaireResponse id)
  recorded_by?: string; // the account that charted it
  acknowledged_by?: string; // an acute service alert: who acknowledged it, and what was done
  action_taken?: string;
}

function describe(i: TimelineItem) {
  if (i.kind === 'encounter') return `${i.type?.replace(/-/g, ' ')}${i.location ? ` — ${i.location}` : ''}`;
  const by = i.recorded_by ? ` (charted by ${i.recorded_by})` : '';
  if (i.kind === 'note') return `${i.type} note${by}: ${i.text}`;
  if (i.kind === 'alert')
    return `${i.text} — ${i.status === 'acknowledged' ? `acknowledged by ${i.acknowledged_by}: ${i.action_taken}` : 'not yet acknowledged'}`;
  const scale = PAIN_SCALES[i.code ?? '']?.short;
  const what = scale ? `Pain (${scale})` : i.display || i.code;
  const unit = i.unit && i.unit !== '{score}' ? ` ${i.unit}` : '';
  return `${what}: ${i.value ?? '—'}${unit}${i.reporter ? `, reported by ${REPORTERS[i.reporter] ?? i.reporter}` : ''}${by}`;
}

// onRetract: every observation charted by itself can be retracted here, not only pain scores (a
// bedside check's POSS, RR and SpO2 on the wrong child could not be); scores computed from an
// assessment are retracted with it, under "Scales".
// "Respiratory rate 12 (24 Nov, 01:00)": what a Retract button names.
function shortLabel(i: TimelineItem) {
  const scale = PAIN_SCALES[i.code ?? '']?.short;
  return `${scale ?? (i.display || i.code)} ${i.value ?? ''} (${formatWhen(i.at)})`;
}

export function Timeline({ items, onRetract }: { items: TimelineItem[]; onRetract?: (target: RetractTarget) => void }) {
  if (items.length === 0) return <p>Nothing charted yet.</p>;
  return (
    <ol class="timeline">
      {items.slice(0, 200).map((i) => (
        <li key={i.kind + i.id} class={`t-${i.kind}${i.status === 'entered-in-error' ? ' struck' : ''}`}>
          <time dateTime={i.at}>{formatWhen(i.at)}</time>
          <span class="kind">{i.kind}</span>
          <span>{describe(i)}</span>
          {/* Strike-through alone is lost on a screen reader and in a black-and-white copy. */}
          {i.status === 'entered-in-error' && <span class="retracted-tag">entered in error</span>}
          {onRetract && i.kind === 'observation' && !i.derivedFrom && i.status !== 'entered-in-error' && (
            <button
              type="button"
              class="small no-print"
              aria-label={`Retract ${shortLabel(i)}`}
              onClick={() => onRetract({ id: i.id, label: shortLabel(i), score: true })}
            >
              Retract
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}
