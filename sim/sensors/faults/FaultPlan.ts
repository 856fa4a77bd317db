import { Rng } from '../../rng/Rng.ts';
import type { Scenario } from '../../scenario/Scenario.ts';
import type { PoseError } from '../camera/CameraModel.ts';

/** One fault of a scenario, as parsed. */
export type Fault = Scenario['faults'][number];

/** What a run did with one of its faults: the footer of the RunLog lists these. */
export interface FaultEffect {
  /** Index in the scenario's `faults`. */
  readonly index: number;
  readonly kind: Fault['kind'];
  /** The camera, shelf (or slot) or reader it hit. */
  readonly target: string;
  readonly fromS: number;
  readonly toS: number;
  /** Counts of what it did, keys sorted (framesDropped, framesDelayed, readingsAffected, readsMissed...). */
  readonly effect: Readonly<Record<string, number>>;
}

/** A fault being applied: its decl, its own random stream and its running counts. */
export interface ActiveFault<K extends Fault['kind'] = Fault['kind']> {
  readonly index: number;
  readonly fault: Extract<Fault, { kind: K }>;
  readonly rng: Rng;
  readonly counts: Map<string, number>;
}

/** Whether simulated time t lies in a fault's window [fromS, toS). */
export function inWindow(f: { readonly fromS: number; readonly toS: number }, tS: number): boolean {
  return tS >= f.fromS - 1e-9 && tS < f.toS - 1e-9;
}

/** Adds to one of a fault's counts. */
export function countEffect(a: { readonly counts: Map<string, number> }, key: string, by = 1): void {
  a.counts.set(key, (a.counts.get(key) ?? 0) + by);
}

/**
 * The faults of a scenario, grouped by the sensor they hit, each with its own seeded stream
 * (`fault:<index>`) so that a fault's dice never shift a sensor's own noise.
 */
export class FaultPlan {
  private readonly active: ActiveFault[];

  constructor(scenario: Scenario) {
    this.active = scenario.faults.map((fault, index) => ({ index, fault, rng: new Rng(scenario.seed, `fault:${index}`), counts: new Map() }));
  }

  /** The faults of a kind that hit a target (`all` matches every camera). */
  of<K extends Fault['kind']>(kind: K, matches: (f: Extract<Fault, { kind: K }>) => boolean): ActiveFault<K>[] {
    return this.active.filter((a) => a.fault.kind === kind && matches(a.fault as Extract<Fault, { kind: K }>)) as unknown as ActiveFault<K>[];
  }

  /** Every fault with what it did so far, in scenario order. */
  report(): FaultEffect[] {
    return this.active.map((a) => {
      const f = a.fault;
      const effect: Record<string, number> = {};
      if (f.kind === 'calibration-error') {
        effect.positionErrorM = Math.round(Math.hypot(...f.positionM) * 1e6) / 1e6;
        effect.yawDeg = f.yawDeg;
        effect.pitchDeg = f.pitchDeg;
        effect.rollDeg = f.rollDeg;
      }
      for (const k of [...a.counts.keys()].sort()) effect[k] = Math.round(a.counts.get(k)! * 1e6) / 1e6;
      const sorted: Record<string, number> = {};
      for (const k of Object.keys(effect).sort()) sorted[k] = effect[k]!;
      return { index: a.index, kind: f.kind, target: targetOf(f), fromS: 'fromS' in f ? f.fromS : 0, toS: 'toS' in f ? f.toS : 1e9, effect: sorted };
    });
  }
}

/** What a fault names as its target. */
export function targetOf(f: Fault): string {
  switch (f.kind) {
    case 'camera-dropout': case 'frame-drops': case 'frame-latency': case 'calibration-error':
      return f.camera;
    case 'plate-drift': case 'plate-stuck': case 'plate-noise-burst':
      return f.slot ?? f.shelf;
    case 'gate-misread':
      return f.reader;
  }
}

/** The calibration errors of a scenario's cameras, by camera id (several on one camera add up). */
export function calibrationFaults(scenario: Scenario): Map<string, PoseError> {
  const out = new Map<string, PoseError>();
  for (const f of scenario.faults) {
    if (f.kind !== 'calibration-error') continue;
    const prev = out.get(f.camera);
    out.set(f.camera, {
      positionM: [f.positionM[0] + (prev?.positionM[0] ?? 0), f.positionM[1] + (prev?.positionM[1] ?? 0), f.positionM[2] + (prev?.positionM[2] ?? 0)],
      yawDeg: f.yawDeg + (prev?.yawDeg ?? 0),
      pitchDeg: f.pitchDeg + (prev?.pitchDeg ?? 0),
      rollDeg: f.rollDeg + (prev?.rollDeg ?? 0),
    });
  }
  return out;
}
