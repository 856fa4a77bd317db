import type { SensorFrame } from '../../engine/api.ts';
import { Rng } from '../rng/Rng.ts';
import type { World } from '../World.ts';
import { CameraRig } from './camera/CameraRig.ts';
import { captureFace, faceIdentity } from './faces.ts';
import type { ActiveFault, FaultEffect } from './faults/FaultPlan.ts';
import { FaultPlan, countEffect, inWindow } from './faults/FaultPlan.ts';
import { WeightPlates } from './WeightPlates.ts';

/** Which sensors to sample. */
export interface SensorsOptions {
  /** Sample the cameras (default true); off, the twin's own cost can be measured apart. */
  readonly cameras?: boolean;
}

/**
 * The store's sensors: weight plates, cameras (detections), gate readers (QR and face), door
 * barriers and counter terminals, with the scenario's faults applied. Sampled after every world
 * step; reads the world, never changes it.
 */
export class Sensors {
  private readonly plates: WeightPlates;
  private readonly rig: CameraRig | null;
  private readonly faults: FaultPlan;
  private readonly frames = new Map<string, number>();
  private readonly readers: ReadonlyMap<string, { id: string; kind: string; misreadRate: number; rng: Rng; misreads: ActiveFault<'gate-misread'>[] }>;
  private readonly faces = new Map<string, Float64Array>();

  constructor(private readonly world: World, options: SensorsOptions = {}) {
    const sc = world.scenario;
    this.faults = new FaultPlan(sc);
    this.plates = new WeightPlates(sc, world.store, this.faults);
    this.rig = options.cameras === false || sc.sensors.cameras.length === 0 ? null : new CameraRig(sc, world.store, this.faults);
    this.readers = new Map(sc.sensors.gateReaders.map((r) => [`${r.at}/${r.kind}`, {
      id: r.id, kind: r.kind, misreadRate: r.misreadRate, rng: new Rng(sc.seed, `reader:${r.id}`),
      misreads: this.faults.of('gate-misread', (f) => f.reader === r.id),
    }]));
  }

  /** What each scenario fault did so far (the RunLog footer lists it). */
  faultReport(): FaultEffect[] {
    return this.faults.report();
  }

  /** The frames due at the world's current tick, in a fixed order: plates, cameras, then events as they happened. */
  sample(): SensorFrame[] {
    const w = this.world;
    const out: SensorFrame[] = [];
    this.plates.sample(w, out);
    this.rig?.sample(w, out);
    for (const e of w.lastStepEvents) {
      switch (e.kind) {
        case 'scan': {
          const reader = this.readers.get(`${e.at}/${e.method}`);
          if (!reader || reader.rng.chance(reader.misreadRate)) break;
          if (this.misread(reader.misreads, e.t)) break;
          if (e.method === 'qr') {
            if (e.accountId === null) break;
            const token = `qr:${e.accountId}:${reader.rng.int(0, 0xffffff).toString(16).padStart(6, '0')}`;
            out.push({ kind: 'qr-scan', sensorId: reader.id, frame: this.nextFrame(reader.id), t: e.t, at: e.at, token, accountId: e.accountId });
          } else {
            const quality = Math.round(reader.rng.between(0.55, 1) * 1000) / 1000;
            const descriptor = captureFace(this.face(e.faceKey), quality, reader.rng);
            out.push({ kind: 'face-capture', sensorId: reader.id, frame: this.nextFrame(reader.id), t: e.t, at: e.at, descriptor, quality });
          }
          break;
        }
        case 'entered':
          out.push({ kind: 'door-pass', sensorId: e.door, frame: this.nextFrame(e.door), t: e.t, direction: 'in' });
          break;
        case 'exited':
          out.push({ kind: 'door-pass', sensorId: e.door, frame: this.nextFrame(e.door), t: e.t, direction: 'out' });
          break;
        case 'order':
          out.push({ kind: 'counter-order', sensorId: e.counter, frame: this.nextFrame(e.counter), t: e.t, lines: e.lines });
          break;
        default:
          break;
      }
    }
    return out;
  }

  /** Whether a gate-misread fault loses this read (each fault draws from its own stream). */
  private misread(faults: readonly ActiveFault<'gate-misread'>[], tS: number): boolean {
    for (const f of faults) {
      if (inWindow(f.fault, tS) && f.rng.chance(f.fault.rate)) {
        countEffect(f, 'readsMissed');
        return true;
      }
    }
    return false;
  }

  private face(key: string): Float64Array {
    let f = this.faces.get(key);
    if (!f) {
      f = faceIdentity(this.world.scenario.seed, key);
      this.faces.set(key, f);
    }
    return f;
  }

  private nextFrame(sensorId: string): number {
    const n = this.frames.get(sensorId) ?? 0;
    this.frames.set(sensorId, n + 1);
    return n;
  }
}
