import { useState } from 'react';
import { buildReport } from '../../../bench/report/report.ts';
import type { Report } from '../../../bench/report/report.ts';
import type { RunLogFooter, RunLogHeader } from '../../../bench/run/RunLog.ts';
import { collectRun } from '../../../bench/score/collectRun.ts';
import { scoreOccupancy } from '../../../bench/score/occupancy.ts';
import { scoreRun } from '../../../bench/score/scoreRun.ts';
import type { LiveRun } from '../twin/LiveRun.ts';
import type { RunController } from '../twin/RunController.ts';

/** The CLI's report, computed in the tab from the run's RunLog lines and the worker timings. */
export function reportOf(run: LiveRun): Report {
  const header = run.lines[0] as RunLogHeader;
  const last = run.lines[run.lines.length - 1];
  const footer = last?.type === 'footer' ? (last as RunLogFooter) : null;
  const timings = run.engine === null ? null : { lines: run.timings, footer: run.timingFooter };
  return buildReport({
    header, footer, lastT: run.t, score: scoreOccupancy(run.lines), runScore: scoreRun(collectRun(run.lines), timings),
    wall: null, mode: 'lockstep', heatmaps: {},
  });
}

function Section({ name, value }: { name: string; value: unknown }) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const rows = Object.entries(value as Record<string, unknown>).filter(([, v]) => v === null || typeof v !== 'object');
  if (rows.length === 0) return null;
  return (
    <>
      <tr><th colSpan={2} className="section">{name}</th></tr>
      {rows.map(([k, v]) => <tr key={`${name}.${k}`}><th>{k}</th><td>{v === null ? '-' : String(v)}</td></tr>)}
    </>
  );
}

/** The run's report: every section of report.json with its numbers, and a download. */
export function ReportPanel({ controller }: { controller: RunController }) {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const compute = () => {
    const run = controller.run;
    if (run === null) return;
    try {
      setReport(reportOf(run));
      setError(null);
    } catch (err) {
      setError(`web: the report could not be computed: ${err instanceof Error ? err.message : String(err)}`);
    }
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
      {error !== null && <pre className="error-text">{error}</pre>}
      {report !== null && (
        <table data-testid="report-table"><tbody>
          {Object.entries(report).filter(([k]) => k !== 'definitions').map(([k, v]) => <Section key={k} name={k} value={v} />)}
        </tbody></table>
      )}
    </section>
  );
}
