// Scoring benchmark: a synthetic one-hour, 50-shopper RunLog with an engine, scored as `storetwin score` does.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../sim/scenario/loadScenario.ts';
import { renderReport } from '../report/writeReport.ts';
import type { RunLogLine } from '../run/RunLog.ts';
import { runLogHeader } from '../run/RunLogWriter.ts';
import { readRunData } from '../score/readRunData.ts';
import { insidePolygon } from '../../sim/geometry/polygon.ts';
import type { BenchEntry } from './twinStep.ts';

/** The synthetic run: what a busy hour of tao-cafe with an imperfect engine writes. */
const RUN = {
  durationS: 3600,
  shoppers: 50,
  truthHz: 10,
  /** Each of the 50 places is taken by a new visitor this often: ~300 visits in the hour. */
  visitS: 600,
  /** Engine position noise, metres. */
  noiseM: 0.15,
  /** Share of samples where the engine loses a shopper. */
  missRate: 0.02,
  /** A shopper's track id changes this often (an ID switch). */
  switchEveryS: 120,
  /** Weight-plate frames: shelves x plates at 10 Hz, as tao-cafe writes them. */
  shelves: 7,
  platesPerShelf: 8,
} as const;

/** A small deterministic generator (the bench must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Writes the synthetic RunLog and returns its path. */
export function writeSyntheticRunLog(dir: string, root: string): string {
  const scenario = loadScenarioFile(`${root}scenarios/tao-cafe.json`);
  const header = runLogHeader({ scenario, truthIntervalS: 1 / RUN.truthHz, durationS: RUN.durationS, endS: RUN.durationS, engine: { name: 'synthetic', mode: 'lockstep', speed: 1 } });
  const outline = scenario.store.outline;
  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  const rand = lcg(42);
  const inside = (): [number, number] => {
    for (;;) {
      const x = Math.min(...xs) + rand() * (Math.max(...xs) - Math.min(...xs));
      const y = Math.min(...ys) + rand() * (Math.max(...ys) - Math.min(...ys));
      if (insidePolygon(x, y, outline)) return [x, y];
    }
  };
  const file = join(dir, 'runlog.jsonl');
  const fd = openSync(file, 'w');
  let buf = '';
  const put = (line: RunLogLine) => {
    buf += JSON.stringify(line) + '\n';
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  };
  put(header);
  const pos = Array.from({ length: RUN.shoppers }, inside);
  const goal = Array.from({ length: RUN.shoppers }, inside);
  const skus = scenario.catalog.skus.slice(0, 5);
  const samples = RUN.durationS * RUN.truthHz;
  const visitSamples = RUN.visitS * RUN.truthHz;
  let frame = 0;
  for (let k = 0; k < samples; k++) {
    const t = Math.round((k / RUN.truthHz) * 1e6) / 1e6;
    for (let s = 0; s < RUN.shoppers; s++) {
      const cycle = Math.floor((k + s * 97) / visitSamples);
      const id = s * 1000 + cycle;
      if ((k + s * 97) % visitSamples === 0 || k === 0) {
        const accountId = `acct-${id}`;
        put({ type: 'event', kind: 'spawn', t, shopper: { id, visitId: id, accountId, groupId: null, profile: 'bench', speedMps: 1, radiusM: 0.2, appearance: { heightM: 1.7, build: 1, topColor: '#000', bottomColor: '#000' }, list: [], adversarial: { tailgate: false, conceal: false, swap: false }, faceEnrolled: false, faceKey: accountId } });
        put({ type: 'event', kind: 'scan', t, shopper: id, at: 'in', method: 'qr', accountId, faceKey: accountId });
        put({ type: 'event', kind: 'entered', t, shopper: id, door: 'in', scanned: true });
        put({ type: 'engine', kind: 'binding', t, trackId: id * 100, accountId, method: 'qr', at: 'in', confidence: 1 });
      }
      if ((k + s * 97) % visitSamples === visitSamples - 1) {
        const accountId = `acct-${id}`;
        const lines = [{ sku: skus[s % skus.length]!.id, qty: 1 + (s % 3), unitCents: skus[s % skus.length]!.priceCents }];
        put({ type: 'event', kind: 'exited', t, shopper: id, door: 'out' });
        put({ type: 'event', kind: 'receipt', t, visitId: id, accountId, shoppers: [id], lines, totalCents: lines[0]!.qty * lines[0]!.unitCents });
        put({ type: 'engine', kind: 'receipt', t: t + 1, accountId, trackIds: [id * 100], lines: s % 10 === 0 ? [] : lines, totalCents: 0 });
      }
    }
    if (k % (RUN.truthHz / 10) === 0) {
      for (let sh = 0; sh < RUN.shelves; sh++) {
        put({ type: 'sensor', kind: 'shelf-weight', sensorId: `shelf-${sh}`, frame: frame++, t, grams: Array.from({ length: RUN.platesPerShelf }, () => Math.round(5000 + rand() * 10)) });
      }
    }
    const rows = [];
    const tracks = [];
    for (let s = 0; s < RUN.shoppers; s++) {
      const p = pos[s]!;
      const g = goal[s]!;
      const dx = g[0] - p[0];
      const dy = g[1] - p[1];
      const d = Math.hypot(dx, dy);
      if (d < 0.2) goal[s] = inside();
      else if (insidePolygon(p[0] + (dx / d) * 0.1, p[1] + (dy / d) * 0.1, outline)) pos[s] = [p[0] + (dx / d) * 0.1, p[1] + (dy / d) * 0.1];
      else goal[s] = inside();
      const id = s * 1000 + Math.floor((k + s * 97) / visitSamples);
      rows.push([id, Math.round(pos[s]![0] * 1000) / 1000, Math.round(pos[s]![1] * 1000) / 1000, 0, 'walking', 0, 0, 1, 0, 0, 1] as const);
      if (rand() < RUN.missRate) continue;
      const trackId = id * 100 + Math.floor(k / (RUN.switchEveryS * RUN.truthHz));
      tracks.push({ trackId, state: 'tracked' as const, positionM: [pos[s]![0] + (rand() - 0.5) * 2 * RUN.noiseM, pos[s]![1] + (rand() - 0.5) * 2 * RUN.noiseM] as const, velocityMps: [0, 0] as const, accountId: `acct-${id}`, confidence: 0.9 });
    }
    put({ type: 'truth', t, rows: rows as never });
    put({ type: 'engine', kind: 'tracks', t, tracks });
  }
  put({ type: 'footer', t: RUN.durationS, ticks: samples, emptied: false, inStore: RUN.shoppers, counts: { events: 0, sensorFrames: frame, truthSamples: samples, eventsByKind: {}, framesByKind: { 'shelf-weight': frame } }, stock: {} });
  writeSync(fd, buf);
  closeSync(fd);
  return file;
}

/** Times scoring (read + collect, then all metrics and every report file) of a one-hour, 50-shopper run. */
export function timeScoring(root: string): BenchEntry[] {
  const dir = mkdtempSync(join(tmpdir(), 'storetwin-bench-score-'));
  try {
    const file = writeSyntheticRunLog(dir, root);
    const sizeMb = statSync(file).size / 1e6;
    const t0 = process.hrtime.bigint();
    const run = readRunData(file);
    const t1 = process.hrtime.bigint();
    const { report } = renderReport(run, null, null, { threads: true });
    const t2 = process.hrtime.bigint();
    if (report.tracking.HOTA === null) throw new Error('bench: the synthetic run scored no tracking');
    const s = (a: bigint, b: bigint) => Number(b - a) / 1e9;
    return [
      { name: 'score.1h50.runLogMB', value: sizeMb, unit: 'MB' },
      { name: 'score.1h50.readS', value: s(t0, t1), unit: 's' },
      { name: 'score.1h50.metricsAndReportS', value: s(t1, t2), unit: 's' },
      { name: 'score.1h50.totalS', value: s(t0, t2), unit: 's (target <= 10)' },
      { name: 'score.1h50.HOTA', value: report.tracking.HOTA, unit: 'sanity' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
