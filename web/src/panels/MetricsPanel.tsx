import { useUi } from '../state/useUi.ts';

/** Live figures of the run so far (refreshed a few times a second). */
export function MetricsPanel() {
  const s = useUi((u) => u.snapshot);
  if (s === null) return null;
  const e = s.engine;
  const rows: [string, string | number][] = [
    ['scenario / seed', `${s.scenario} / ${s.seed}`],
    ['tick', s.tick],
    ['present / inside', `${s.present} / ${s.inside}`],
    ['shoppers so far', s.spawned],
    ['true receipts', s.trueReceipts],
  ];
  if (e !== null) {
    rows.push(
      ['engine', `${e.name} (Web Worker)`],
      ['engine receipts', e.receipts],
      ['exact receipts', `${e.exactReceipts} / ${s.trueReceipts}`],
      ['bindings / alerts', `${e.bindings} / ${e.alerts}`],
      ['live tracks', e.tracks],
      ['track-ticks missed / false / wrong id', `${e.missed} / ${e.falseTracks} / ${e.wrongBindings}`],
      ['engine ms/tick p50 / p99', `${e.engineP50Ms?.toFixed(3) ?? '-'} / ${e.engineP99Ms?.toFixed(3) ?? '-'}`],
      ['tick sent → answered ms p50', e.answerLatencyMs?.toFixed(1) ?? '-'],
    );
  } else {
    rows.push(['engine', 'none']);
  }
  return (
    <section className="panel" data-testid="metrics">
      <h3>Live metrics{s.finished ? ' (finished)' : ''}</h3>
      <table><tbody>{rows.map(([k, v]) => <tr key={k}><th>{k}</th><td data-testid={`metric-${k}`}>{v}</td></tr>)}</tbody></table>
    </section>
  );
}
