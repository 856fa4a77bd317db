import { EXIT } from '../exitCodes.ts';
import type { TrackingMetrics } from '../score/tracking/evaluateTracking.ts';
import { TRACKING_METRIC_KEYS, evaluateTracking } from '../score/tracking/evaluateTracking.ts';
import { MotFileError, motSequence, readMotFile } from '../score/tracking/motFile.ts';
import type { CommandIo } from './CommandIo.ts';

/** Options of `storetwin mot`. */
export interface MotCommandOptions {
  /** Compare x, y (columns 8-9, metres) with max(0, 1 - d / 2 m) instead of box IoU. */
  readonly floor?: boolean;
  /** Print the metrics as JSON instead of a table. */
  readonly json?: boolean;
}

/** Counts among the metrics, printed as whole numbers (the rest are ratios, printed as percentages like TrackEval). */
const COUNT_KEYS = new Set<string>(['CLR_TP', 'CLR_FN', 'CLR_FP', 'IDSW', 'MT', 'PT', 'ML', 'Frag', 'IDTP', 'IDFN', 'IDFP']);

/** `storetwin mot <gt> <hyp>`: HOTA, CLEAR and Identity of a pair of MOTChallenge files. Returns the exit code. */
export function motCommand(gtFile: string, hypFile: string, options: MotCommandOptions, io: CommandIo): number {
  const kind = options.floor === true ? 'floor' : 'box';
  let metrics: TrackingMetrics;
  try {
    const seq = motSequence(readMotFile(gtFile, kind), readMotFile(hypFile, kind), kind, { gt: gtFile, hyp: hypFile });
    metrics = evaluateTracking([seq]).metrics;
  } catch (err) {
    if (err instanceof MotFileError) {
      io.err.write(`storetwin mot: ${err.message.replace(/^bench: /, '')}\n`);
      return EXIT.badInput;
    }
    throw err;
  }
  if (options.json === true) {
    io.out.write(JSON.stringify({ similarity: kind === 'floor' ? 'max(0, 1 - d / 2 m)' : 'box IoU', ...metrics }, null, 2) + '\n');
  } else {
    io.out.write(motTable(metrics, `${gtFile} vs ${hypFile} (${kind === 'floor' ? 'floor plane, max(0, 1 - d / 2 m)' : 'box IoU'})`));
  }
  return EXIT.ok;
}

/** The metrics as TrackEval prints them: ratios in percent to 5 significant digits, counts whole. */
export function motTable(m: TrackingMetrics, title: string): string {
  const groups = [TRACKING_METRIC_KEYS.slice(0, 8), TRACKING_METRIC_KEYS.slice(8, 18), TRACKING_METRIC_KEYS.slice(18)];
  const lines = [title, ''];
  for (const keys of groups) {
    lines.push(keys.map((k) => k.padEnd(9)).join(' '));
    lines.push(keys.map((k) => (COUNT_KEYS.has(k) ? String(m[k]) : (100 * m[k]).toPrecision(5)).padEnd(9)).join(' '));
    lines.push('');
  }
  return lines.join('\n');
}
