// Pain over time with uPlot: one line per scale and reporter. Reporters differ by line style as
// well as colour (child solid, parent dashed, clinician dotted) so the chart reads without colour.
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { formatWhen } from '../clinical';
import { CHART_WINDOWS, painChartData, windowRange, withinWindow, type ChartObservation, type ChartWindow } from '../pain_series';

const COLOURS = ['#0b5cad', '#b3261e', '#1b7f3b', '#7a3fb0', '#a35c00', '#00708a'];
const DASH: Record<string, number[] | undefined> = { self: undefined, parent: [8, 5], clinician: [2, 4], other: [12, 4, 2, 4] };

export function PainChart({ observations }: { observations: ChartObservation[] }) {
  const host = useRef<HTMLDivElement>(null);
  const [span, setSpan] = useState<ChartWindow>('7d');
  const all = painChartData(observations);
  const data = painChartData(withinWindow(observations, span));
  const range = windowRange(all.times, span);

  useEffect(() => {
    if (!host.current || data.times.length === 0) return;
    const width = Math.max(320, host.current.clientWidth);
    const plot = new uPlot(
      {
        width,
        height: 260,
        scales: { x: { time: true, range: () => range! }, y: { range: [0, 10] } },
        axes: [{}, { label: 'Pain (0-10)', values: (_u, ticks) => ticks.map(String) }],
        series: [
          {},
          ...data.series.map((s, i) => ({
            label: s.label,
            stroke: COLOURS[i % COLOURS.length],
            width: 2,
            dash: DASH[s.reporter],
            spanGaps: true,
            points: { show: true, size: 6 },
          })),
        ],
      },
      [data.times, ...data.series.map((s) => s.values)] as uPlot.AlignedData,
      host.current,
    );
    return () => plot.destroy();
  }, [JSON.stringify(data), span]);

  if (all.times.length === 0) return <p>No pain scores recorded yet.</p>;
  const hidden = all.times.length - data.times.length;
  // The buttons count back from the newest score, not from now: when that score is old, say so
  // where the eye falls first, so "Last 24 hours" is never read as the child's pain today.
  const newest = all.times[all.times.length - 1] * 1000;
  const daysOld = Math.floor((Date.now() - newest) / (24 * 3600 * 1000));
  return (
    <figure>
      {daysOld >= 1 && (
        <p class="notice stale" data-testid="chart-stale">
          The newest score is from {formatWhen(new Date(newest).toISOString())}, {daysOld} {daysOld === 1 ? 'day' : 'days'} ago:
          the chart ends there.
        </p>
      )}
      <div role="group" aria-label="Time shown" class="toggle windows">
        <span class="muted">Up to the newest score:</span>
        {CHART_WINDOWS.map((w) => (
          <button type="button" class="small" key={w.key} aria-pressed={span === w.key} onClick={() => setSpan(w.key)}>
            {w.key === 'all' ? w.label : `${w.label}`}
          </button>
        ))}
      </div>
      <div ref={host} class="chart" role="img" aria-label={`Pain scores over time: ${data.series.map((s) => s.label).join(', ')}`} />
      <figcaption>
        Solid: the child's own report; dashed: a parent's; dotted: a nurse's or clinician's observation.
        {hidden > 0 && ` Up to the newest score; ${hidden} older ${hidden === 1 ? 'time is' : 'times are'} in the table and under All.`}
      </figcaption>
    </figure>
  );
}
