import { meanCi95 } from '../score/stats.ts';
import { numericLeaves } from './compareReports.ts';

/** A number over several runs (seeds): mean, 95 % confidence half-width (Student's t), runs with a value. */
export interface Aggregate {
  readonly key: string;
  readonly mean: number | null;
  readonly ci95: number | null;
  readonly n: number;
}

/** Mean and 95 % CI of every numeric report key over reports (e.g. one per seed); nulls are left out of each key's sample. */
export function aggregateReports(reports: readonly unknown[]): Aggregate[] {
  const samples = new Map<string, number[]>();
  for (const r of reports) {
    for (const [k, v] of numericLeaves(r)) {
      if (!samples.has(k)) samples.set(k, []);
      if (v !== null) samples.get(k)!.push(v);
    }
  }
  return [...samples].map(([key, values]) => {
    const { mean, halfWidth, n } = meanCi95(values);
    return { key, mean, ci95: halfWidth, n };
  });
}
