import type { ChargeLine } from '../../../engine/api.ts';
import { useUi } from '../state/useUi.ts';

function lines(ls: readonly ChargeLine[]): string {
  return ls.length === 0 ? '(nothing)' : ls.map((l) => `${l.qty}x ${l.sku}`).join(', ');
}

/** Receipts per visit: what the shopper truly took out, and what the engine billed. */
export function ReceiptsPanel() {
  const s = useUi((u) => u.snapshot);
  if (s === null) return null;
  const money = (c: number) => `${(c / 100).toFixed(2)}`;
  return (
    <section className="panel receipts" data-testid="receipts">
      <h3>Receipts ({s.receipts.length}{s.receipts.length >= 200 ? '+' : ''}) {s.currency}</h3>
      <table>
        <thead><tr><th>visit</th><th>account</th><th>true</th><th>engine</th><th /></tr></thead>
        <tbody>
          {s.receipts.map((r) => (
            <tr key={r.visitId} data-testid="receipt-row" className={r.engine === null ? 'pending' : r.exact ? 'ok' : 'bad'}>
              <td>{r.visitId}</td>
              <td>{r.accountId ?? '(none)'}</td>
              <td>{lines(r.truth.lines)} = {money(r.truth.totalCents)}</td>
              <td>{r.engine === null ? (s.engine === null ? '-' : 'no receipt') : `${lines(r.engine.lines)} = ${money(r.engine.totalCents)}`}</td>
              <td>{r.engine === null ? '' : r.exact ? '✓' : '✗'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
