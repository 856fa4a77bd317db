import type { CameraCalibration, CameraDetectionsFrame, SensorFrame, StoreDescription } from '../api.ts';
import { API_VERSION, APPEARANCE_DIM, FACE_DIM, KEYPOINTS } from '../api.ts';

/**
 * Test fixtures for the engine alone: a hand-made 6 m x 4 m shop seen by one overhead camera,
 * and helpers that write the frames a person at given floor points would cause. No twin involved.
 */

/** An overhead camera 10 m above (3, 2) looking straight down, 10 px per metre on the floor. */
export const OVERHEAD: CameraCalibration = {
  id: 'cam-top',
  positionM: [3, 2, 10],
  // Camera x = world x, camera y (image down) = world -y, camera z (forward) = world -z.
  rotation: [1, 0, 0, 0, -1, 0, 0, 0, -1],
  fx: 100, fy: 100, cx: 300, cy: 200, widthPx: 600, heightPx: 400, rateHz: 10,
  floorFromPixel: [0.1, 0, -27, 0, -0.1, 22, 0, 0, 1],
};

/** A unit face descriptor that is mostly axis `k`. */
export function face(k: number, noise = 0): number[] {
  const v = Array.from({ length: FACE_DIM }, (_, i) => (i === k ? 1 : noise * Math.sin(i * 7 + k)));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** The tiny shop: tea (300 g) at slot shelf-a/f0-0 and bun (90 g) at shelf-a/f1-1, entry, exit, a counter. */
export function syntheticStore(): StoreDescription {
  return {
    apiVersion: API_VERSION,
    name: 'synthetic',
    currency: 'EUR',
    dtS: 0.1,
    outline: [[0, 0], [6, 0], [6, 4], [0, 4]],
    walls: [],
    fixtures: [{ id: 'shelf-a', kind: 'shelf', corners: [[2, 3.35], [4, 3.35], [4, 3.85], [2, 3.85]], heightM: 1.5 }],
    shelves: [{
      id: 'shelf-a',
      plates: [
        { slotId: 'shelf-a/f0-0', sku: 'tea', facings: 2, initialStock: 10, reachPointM: [2.5, 3.35, 0.4], standPointM: [2.5, 2.9] },
        { slotId: 'shelf-a/f1-1', sku: 'bun', facings: 2, initialStock: 12, reachPointM: [3.5, 3.35, 1.1], standPointM: [3.5, 2.9] },
      ],
    }],
    plateSpec: { rateHz: 10, noiseSigmaG: 2 },
    catalog: [
      { sku: 'tea', name: 'Tea', priceCents: 250, weightG: 300 },
      { sku: 'bun', name: 'Bun', priceCents: 180, weightG: 90 },
      { sku: 'coffee', name: 'Coffee', priceCents: 320, weightG: 250 },
    ],
    cameras: [OVERHEAD],
    doors: [
      { id: 'in', role: 'entry', kind: 'qr', positionM: [1, 0], widthM: 1, inward: [0, 1] },
      { id: 'out', role: 'exit', kind: 'walkthrough', positionM: [5, 0], widthM: 1, inward: [0, 1] },
    ],
    counters: [{ id: 'counter', positionM: [0.6, 2], menu: ['coffee'] }],
    fittingRooms: [],
    readers: [{ id: 'in-qr', kind: 'qr', at: 'in' }, { id: 'counter-face', kind: 'face', at: 'counter' }],
    gallery: [{ accountId: 'acct-1', descriptor: face(1) }, { accountId: 'acct-2', descriptor: face(2) }, { accountId: 'acct-3', descriptor: face(3) }],
  };
}

/** A person seen by the overhead camera: floor position and an appearance axis. */
export interface SeenPerson {
  readonly x: number;
  readonly y: number;
  /** Appearance: mostly this axis of APPEARANCE_DIM. */
  readonly look: number;
}

const K = KEYPOINTS.length;

/** The overhead camera's frame for people standing at the given points. */
export function overheadFrame(frame: number, t: number, people: readonly SeenPerson[]): CameraDetectionsFrame {
  const n = people.length;
  const boxes = new Float32Array(n * 5);
  const keypoints = new Float32Array(n * K * 3);
  const appearance = new Float32Array(n * APPEARANCE_DIM);
  people.forEach((p, i) => {
    const u = 10 * (p.x - 3) + 300;
    const v = -10 * (p.y - 2) + 200;
    boxes.set([u - 3, v - 8, 6, 8, 0.9], i * 5);
    // Feet at the floor point; head above (seen from above it lands near the feet).
    keypoints.set([u, v - 1, 1, u - 1, v, 1, u + 1, v, 1, u - 2, v, 0, u + 2, v, 0], i * K * 3);
    appearance[i * APPEARANCE_DIM + (p.look % APPEARANCE_DIM)] = 1;
  });
  return { kind: 'camera-detections', sensorId: OVERHEAD.id, frame, t, count: n, boxes, keypoints, appearance };
}

/** One plate reading of shelf-a: tea and bun plates carrying the given grams (plus 500 g tare). */
export function shelfFrame(frame: number, t: number, teaG: number, bunG: number): SensorFrame {
  // Deterministic ±1.5 g wiggle stands in for noise.
  const wiggle = (k: number) => 1.5 * Math.sin(frame * 1.7 + k);
  return { kind: 'shelf-weight', sensorId: 'shelf-a', frame, t, grams: [500 + teaG + wiggle(0), 500 + bunG + wiggle(1)] };
}

/** Points from a to b in `steps` equal moves (a excluded, b included). */
export function walk(a: readonly [number, number], b: readonly [number, number], steps: number): [number, number][] {
  return Array.from({ length: steps }, (_, i) => [a[0] + ((b[0] - a[0]) * (i + 1)) / steps, a[1] + ((b[1] - a[1]) * (i + 1)) / steps]);
}
