// Pain over time with uPlot: one line per scale and reporter. Reporters differ by line style as
// well as colour (child solid, parent dashed, clinician dotted) so the chart reads without colour.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { painChartData, type ChartObservation } from '../pain_series';

const COLOURS = ['#0b5cad', '#b3261e', '#1b7f3b', '#7a3fb0', '#a35c00', '#00708a'];
const DASH: Record<string, number[] | undefined> = { self: undefined, parent: [8, 5], clinician: [2, 4], other: [12, 4, 2, 4] };

export function PainChart({ observations }: { observations: ChartObservation[] }) {
  const host = useRef<HTMLDivElement>(null);
  const data = painChartData(observations);

  useEffect(() => {
    if (!host.current || data.times.length === 0) return;
    const width = Math.max(320, host.current.clientWidth);
    const plot = new uPlot(
      {
        width,
        height: 260,
        scales: { y: { range: [0, 10] } },
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
  }, [JSON.stringify(data)]);

  if (data.times.length === 0) return <p>No pain scores recorded yet.</p>;
  return (
    <figure>
      <div ref={host} class="chart" role="img" aria-label={`Pain scores over time: ${data.series.map((s) => s.label).join(', ')}`} />
      <figcaption>Solid: the child's own report; dashed: a parent's; dotted: a nurse's or clinician's observation.</figcaption>
    </figure>
  );
}
