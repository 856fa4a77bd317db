import type { SensorFrame } from '../../engine/api.ts';
import { Rng } from '../rng/Rng.ts';
import type { World } from '../World.ts';
import { captureFace, faceIdentity } from './faces.ts';
import { WeightPlates } from './WeightPlates.ts';

/**
 * The store's non-camera sensors: weight plates, gate readers (QR and face), door barriers and
 * counter terminals. Sampled after every world step; reads the world, never changes it.
 */
export class Sensors {
  private readonly plates: WeightPlates;
  private readonly frames = new Map<string, number>();
  private readonly readers: ReadonlyMap<string, { id: string; kind: string; misreadRate: number; rng: Rng }>;
  private readonly faces = new Map<string, Float64Array>();

  constructor(private readonly world: World) {
    const sc = world.scenario;
    this.plates = new WeightPlates(sc, world.store);
    this.readers = new Map(sc.sensors.gateReaders.map((r) => [`${r.at}/${r.kind}`, { id: r.id, kind: r.kind, misreadRate: r.misreadRate, rng: new Rng(sc.seed, `reader:${r.id}`) }]));
  }

  /** The frames due at the world's current tick, in a fixed order: plates, then events as they happened. */
  sample(): SensorFrame[] {
    const w = this.world;
    const out: SensorFrame[] = [];
    this.plates.sample(w, out);
    for (const e of w.lastStepEvents) {
      switch (e.kind) {
        case 'scan': {
          const reader = this.readers.get(`${e.at}/${e.method}`);
          if (!reader || reader.rng.chance(reader.misreadRate)) break;
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
