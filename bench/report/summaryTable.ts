import type { Report } from './report.ts';
import { blindCameraRows, headlineRows } from './summaryMd.ts';

/** The report as a plain aligned text table for a terminal: section, what, value. No colour, no box drawing. */
export function summaryTable(report: Report): string {
  const { run, crowd, checkout, occupancy } = report;
  const rows: [string, string, string][] = [
    ['run', 'simulated', `${duration(run.simS)} (${run.simS.toFixed(1)} s, ${run.ticks} ticks)${run.complete ? (run.emptied ? ', everyone left' : ', cut at the end with shoppers inside') : ', DID NOT FINISH'}`],
    ['', 'wall clock', run.wallS === null ? '-' : `${run.wallS.toFixed(1)} s (${formatFactor(run.realTimeFactor)} real time)`],
    ['crowd', 'shoppers / visits', `${crowd.shoppers} / ${crowd.visits} (${crowd.visitsCompleted} completed)`],
    ['', 'mean time in store', crowd.meanTimeInStoreS === null ? '-' : duration(crowd.meanTimeInStoreS)],
    ['', 'items per visit', crowd.itemsPerVisit === null ? '-' : crowd.itemsPerVisit.toFixed(2)],
    ['', 'peak inside', `${crowd.peakInStore} at ${duration(crowd.peakAtS)}`],
    ['checkout', 'receipts (truth)', `${checkout.receipts}, ${checkout.units} units, ${money(checkout.totalCents, checkout.currency)}`],
    ['', 'counter orders', String(checkout.counterOrders)],
    ['', 'takes / put-backs', `${checkout.takes} / ${checkout.putBacks}, ${checkout.handovers} handover${checkout.handovers === 1 ? '' : 's'}`],
    ['occupancy', 'busiest cell', `${occupancy.maxPersonSPerM2.toFixed(1)} ${occupancy.unit} (${occupancy.cellM} m cells)`],
  ];
  if (run.engine !== null) {
    let last = '';
    for (const [section, what, value] of headlineRows(report).filter(([s]) => s !== 'crowd' && s !== 'layout')) {
      rows.push([section === last ? '' : section, what, value]);
      last = section;
    }
  } else {
    // Twin-only runs skip the headline rows, but a camera placed to see no floor is worth a line anyway.
    rows.push(...blindCameraRows(report));
  }
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const head = `storetwin run: ${run.scenario}, seed ${run.seed}, camera fidelity: ${run.fidelity}`;
  return [head, '', ...rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`)].join('\n') + '\n';
}

/** Seconds as "1 h 02 min", "7 min 12 s" or "42.0 s". */
export function duration(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(sec).padStart(2, '0')} s`;
}

function formatFactor(f: number | null): string {
  if (f === null) return '-';
  if (!Number.isFinite(f)) return 'instant';
  return `×${f >= 100 ? Math.round(f) : f.toFixed(1)}`;
}

function money(cents: number, currency: string): string {
  return `${currency} ${(cents / 100).toFixed(2)}`;
}
