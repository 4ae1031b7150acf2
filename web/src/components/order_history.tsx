// Every version of one order, newest first: who signed it, when, why it changed, what it said,
// and any dose warning that was overridden. Nothing is ever overwritten, so this is the record.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { formatWhen } from '../clinical';
import type { CensusRow } from '../census';
import type { RunningOrder } from './order_form';
import { Modal } from './modal';

interface OrderVersion {
  version: number;
  recorded_at: string;
  started: string; // when the course began, which may be before it was recorded here
  prescriber: string;
  status: 'active' | 'stopped';
  change_reason: string;
  override_reason: string;
  summary: string;
}

export function OrderHistory({ row, order, onClose }: { row: CensusRow; order: RunningOrder; onClose: () => void }) {
  const [versions, setVersions] = useState<OrderVersion[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    request<{ versions: OrderVersion[] }>('GET', `/api/v1/acute/orders/${order.id}/history`).then(
      (r) => setVersions(r.versions),
      (e) => setError(e instanceof ApiError ? e.message : 'The history could not be loaded.'),
    );
  }, [order.id]);
  return (
    <Modal labelledBy="history-title" wide onClose={onClose}>
        <h2 id="history-title">
          {order.label} for {row.patient.name}: history
        </h2>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {!versions && !error && <p class="loading">Loading…</p>}
        {versions && versions.length > 0 && (
          // "Signed" is when each version was recorded; a course limit (ketorolac 48 h) runs from
          // the start, which an outside review could not find here.
          <p data-testid="course-started">
            Course started <strong>{formatWhen(versions[versions.length - 1].started)}</strong>
          </p>
        )}
        {versions && (
          <table class="history">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Signed</th>
                <th scope="col">Why</th>
                <th scope="col">Order</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td class="num">{v.version}</td>
                  <td>
                    {formatWhen(v.recorded_at)}
                    <br />
                    <small>{v.prescriber}</small>
                  </td>
                  <td>
                    {v.status === 'stopped' ? <strong>Stopped: </strong> : null}
                    {v.change_reason}
                    {v.override_reason && (
                      <>
                        <br />
                        <small>Dose warning overridden: {v.override_reason}</small>
                      </>
                    )}
                  </td>
                  <td>{v.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
    </Modal>
  );
}
