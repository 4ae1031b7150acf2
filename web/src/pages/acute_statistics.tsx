// What a pain service director reports each month: consults by reason (a stacked bar per month,
// and the same numbers as a table), modality-days, alerts and how fast they were acknowledged,
// and the time from accepting a consult to the first assessment.
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { CONSULT_REASONS } from '../components/consult_forms';
import { alertKindLabel, modalityLabel, monthBars, reasonColour, reasonsIn, reasonTotals, type ServiceStatistics } from '../acute_statistics';

const label = (code: string) => CONSULT_REASONS.find(([c]) => c === code)?.[1] ?? code.replace(/_/g, ' ');
const minutes = (m: number | null) => (m === null ? '—' : m < 120 ? `${Math.round(m)} min` : `${(m / 60).toFixed(1)} h`);

export function AcuteStatisticsPage() {
  const [stats, setStats] = useState<ServiceStatistics | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState('');

  function load(e?: Event) {
    e?.preventDefault();
    const q = new URLSearchParams();
    if (from) q.set('from', from);
    if (to) q.set('to', to);
    request<ServiceStatistics>('GET', `/api/v1/acute/statistics?${q}`).then(
      (s) => {
        setError('');
        setStats(s);
        setFrom(s.from);
        setTo(s.to);
      },
      (err) => setError(err instanceof ApiError ? err.message : 'The statistics could not be loaded.'),
    );
  }
  useEffect(() => load(), []);

  const reasons = stats ? reasonsIn(stats, CONSULT_REASONS.map(([c]) => c)) : [];
  const bars = stats ? monthBars(stats, reasons) : [];
  const totals = reasonTotals(bars);
  const highest = Math.max(1, ...bars.map((b) => b.total));
  const W = 720, H = 220, left = 36, bottom = 28, slot = bars.length ? (W - left) / bars.length : 0;

  return (
    <section aria-labelledby="stats-title">
      <div class="section-head">
        <h1 id="stats-title">Acute pain service statistics</h1>
        <a href="#/acute">Back to the census</a>
      </div>
      <form class="card search no-print" onSubmit={load}>
        <div>
          <label for="stats-from">From</label>
          <input id="stats-from" type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div>
          <label for="stats-to">Up to (not including)</label>
          <input id="stats-to" type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        <button type="submit">Show</button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!stats && !error && <p class="loading">Loading…</p>}
      {stats && (
        <>
          <section class="card" aria-labelledby="consults-title">
            <h2 id="consults-title">Consults per month by reason</h2>
            <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Consults per month, stacked by reason" class="stats-chart">
              <line x1={left} y1={H - bottom} x2={W} y2={H - bottom} stroke="#999" />
              <text x={left - 4} y={12} text-anchor="end" font-size="11">{highest}</text>
              <text x={left - 4} y={H - bottom} text-anchor="end" font-size="11">0</text>
              {bars.map((b, i) => {
                let y = H - bottom;
                return (
                  <g key={b.month}>
                    {b.segments.map((s) => {
                      const h = ((H - bottom - 8) * s.count) / highest;
                      y -= h;
                      return s.count ? (
                        <rect key={s.reason} x={left + i * slot + slot * 0.15} y={y} width={slot * 0.7} height={h} fill={reasonColour(s.reason, reasons)}>
                          <title>{`${b.month}: ${label(s.reason)} ${s.count}`}</title>
                        </rect>
                      ) : null;
                    })}
                    <text x={left + i * slot + slot / 2} y={H - 10} text-anchor="middle" font-size="10">
                      {b.month.slice(2)}
                    </text>
                  </g>
                );
              })}
            </svg>
            <ul class="legend">
              {reasons.map((r) => (
                <li key={r}>
                  <span class="swatch" style={{ background: reasonColour(r, reasons) }} /> {label(r)}: {totals[r] ?? 0}
                </li>
              ))}
            </ul>
            <div class="scroll-x">
              <table>
                <caption>Consults requested per month</caption>
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    {reasons.map((r) => (
                      <th scope="col" key={r}>
                        {label(r)}
                      </th>
                    ))}
                    <th scope="col">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {bars.map((b) => (
                    <tr key={b.month}>
                      <th scope="row">{b.month}</th>
                      {b.segments.map((s) => (
                        <td class="num" key={s.reason}>
                          {s.count}
                        </td>
                      ))}
                      <td class="num">{b.total}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <div class="columns">
            <section class="card" aria-labelledby="modality-title">
              <h2 id="modality-title">Modality-days</h2>
              <table>
                <tbody>
                  {Object.entries(stats.modality_days).map(([m, d]) => (
                    <tr key={m}>
                      <th scope="row">{modalityLabel(m)}</th>
                      <td class="num">{d}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section class="card" aria-labelledby="alerts-title">
              <h2 id="alerts-title">Alerts and response</h2>
              <dl class="figures">
                <dt>Alerts raised</dt>
                <dd>{stats.alerts}</dd>
                {Object.entries(stats.alerts_by_kind).map(([k, n]) => (
                  <Fragment key={k}>
                    <dt>· {alertKindLabel(k)}</dt>
                    <dd>{n}</dd>
                  </Fragment>
                ))}
                <dt>Acknowledged</dt>
                <dd>{stats.alerts_acknowledged}</dd>
                <dt>Median time to acknowledge</dt>
                <dd>{minutes(stats.median_minutes_to_acknowledge)}</dd>
                <dt>Consults assessed</dt>
                <dd>{stats.consults_assessed}</dd>
                <dt>Median time from acceptance to first assessment</dt>
                <dd>{minutes(stats.median_minutes_to_first_assessment)}</dd>
              </dl>
            </section>
          </div>
        </>
      )}
    </section>
  );
}
