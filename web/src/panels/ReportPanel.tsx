import { useState } from 'react';
import { buildReport } from '../../../bench/report/report.ts';
import type { Report } from '../../../bench/report/report.ts';
import type { RunLogFooter, RunLogHeader } from '../../../bench/run/RunLog.ts';
import { scoreOccupancy } from '../../../bench/score/occupancy.ts';
import type { RunController } from '../twin/RunController.ts';

/** The run's report (the CLI's report.json, computed from the run's RunLog lines in the tab). */
export function ReportPanel({ controller }: { controller: RunController }) {
  const [report, setReport] = useState<Report | null>(null);
  const compute = () => {
    const run = controller.run;
    if (run === null) return;
    const header = run.lines[0] as RunLogHeader;
    const last = run.lines[run.lines.length - 1];
    const footer = last?.type === 'footer' ? (last as RunLogFooter) : null;
    setReport(buildReport({ header, footer, lastT: run.t, score: scoreOccupancy(run.lines), wall: null }));
  };
  const download = () => {
    if (report === null) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(report, null, 2) + '\n'], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${report.run.scenario}-report.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="panel" data-testid="report">
      <h3>Report <button data-testid="report-compute" onClick={compute}>{report === null ? 'compute' : 'recompute'}</button>{report !== null && <button onClick={download}>download</button>}</h3>
      {report !== null && (
        <table><tbody>
          <tr><th>simulated</th><td>{report.run.simS} s of {report.run.endS} s{report.run.complete ? '' : ' (so far)'}</td></tr>
          <tr><th>shoppers / visits / completed</th><td data-testid="report-crowd">{report.crowd.shoppers} / {report.crowd.visits} / {report.crowd.visitsCompleted}</td></tr>
          <tr><th>mean time in store</th><td>{report.crowd.meanTimeInStoreS ?? '-'} s</td></tr>
          <tr><th>items per visit</th><td>{report.crowd.itemsPerVisit ?? '-'}</td></tr>
          <tr><th>peak inside</th><td>{report.crowd.peakInStore} at {report.crowd.peakAtS} s</td></tr>
          <tr><th>receipts (truth)</th><td>{report.checkout.receipts}, {report.checkout.units} units, {(report.checkout.totalCents / 100).toFixed(2)} {report.checkout.currency}</td></tr>
          <tr><th>takes / put-backs</th><td>{report.checkout.takes} / {report.checkout.putBacks}</td></tr>
          <tr><th>busiest cell</th><td>{report.occupancy.maxPersonSPerM2} {report.occupancy.unit}</td></tr>
        </tbody></table>
      )}
    </section>
  );
}
