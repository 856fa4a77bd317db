import type { SensorFrame } from '../../engine/api.ts';
import { Rng } from '../rng/Rng.ts';
import type { World } from '../World.ts';
import { CameraRig } from './camera/CameraRig.ts';
import type { Vec2 } from '../geometry/Vec2.ts';
import { FACE_CAPTURE, captureFace, faceIdentity, faceQuality, frontalHeading } from './faces.ts';
import type { ActiveFault, FaultEffect } from './faults/FaultPlan.ts';
import { FaultPlan, countEffect, inWindow } from './faults/FaultPlan.ts';
import { WeightPlates } from './WeightPlates.ts';

/** A gate or counter reader with its stream and the faults that hit it. */
interface Reader {
  readonly id: string;
  readonly kind: string;
  readonly misreadRate: number;
  /** Face readers: 0..1, how well faces are lit. */
  readonly lighting: number;
  /** The heading of a person facing the reader frontally (null: unknown, taken as frontal). */
  readonly frontal: Vec2 | null;
  readonly rng: Rng;
  readonly misreads: ActiveFault<'gate-misread'>[];
}

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
  private readonly readers: ReadonlyMap<string, Reader>;
  private readonly faces = new Map<string, Float64Array>();
  /** Accounts in the crowd's population (a wrong-account misread reads one of the others). */
  private readonly population: number;

  constructor(private readonly world: World, options: SensorsOptions = {}) {
    const sc = world.scenario;
    this.faults = new FaultPlan(sc);
    this.plates = new WeightPlates(sc, world.store, this.faults);
    this.rig = options.cameras === false || sc.sensors.cameras.length === 0 ? null : new CameraRig(sc, world.store, this.faults);
    this.readers = new Map(sc.sensors.gateReaders.map((r) => [`${r.at}/${r.kind}`, {
      id: r.id, kind: r.kind, misreadRate: r.misreadRate, lighting: r.lighting, frontal: frontalHeading(world.store, r.at),
      rng: new Rng(sc.seed, `reader:${r.id}`), misreads: this.faults.of('gate-misread', (f) => f.reader === r.id),
    }]));
    this.population = sc.crowd.accounts.population;
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
          const misread = this.misread(reader, e.method === 'qr' ? e.accountId : null, e.t);
          if (misread === 'missed') break;
          if (e.method === 'qr') {
            const accountId = misread ?? e.accountId;
            if (accountId === null) break;
            const token = `qr:${accountId}:${reader.rng.int(0, 0xffffff).toString(16).padStart(6, '0')}`;
            out.push({ kind: 'qr-scan', sensorId: reader.id, frame: this.nextFrame(reader.id), t: e.t, at: e.at, token, accountId });
          } else {
            const variation = reader.rng.between(FACE_CAPTURE.minVariation, 1);
            const quality = Math.round(faceQuality(reader.lighting, this.cosYaw(reader.frontal, e.shopper), variation) * 1000) / 1000;
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

  /**
   * What a gate-misread fault does to this read (each fault draws from its own stream): null
   * when none hits it, 'missed' when it is lost, or, for a share of misreads at a QR reader,
   * the wrong account it reads instead (another account of the population than `accountId`).
   */
  private misread(reader: Reader, accountId: string | null, tS: number): string | 'missed' | null {
    for (const f of reader.misreads) {
      if (!inWindow(f.fault, tS) || !f.rng.chance(f.fault.rate)) continue;
      if (reader.kind === 'qr' && accountId !== null && this.population > 1 && f.rng.chance(f.fault.wrongAccountShare)) {
        // Any account but the true one: draw from the population with it left out.
        const k = f.rng.int(0, this.population - 2);
        const wrong = k >= Number(accountId.slice('acct-'.length)) ? k + 1 : k;
        countEffect(f, 'readsWrongAccount');
        return `acct-${wrong}`;
      }
      countEffect(f, 'readsMissed');
      return 'missed';
    }
    return null;
  }

  /** Cosine of the yaw between where a shopper faces and the reader's frontal heading (1, frontal, when either is unknown). */
  private cosYaw(frontal: Vec2 | null, shopperId: number): number {
    if (frontal === null) return 1;
    const s = this.world.present.find((p) => p.id === shopperId);
    if (!s) return 1;
    return Math.cos(s.headingRad) * frontal[0] + Math.sin(s.headingRad) * frontal[1];
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
