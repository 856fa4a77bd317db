import type { CameraDetectionsFrame } from '../api.ts';
import { APPEARANCE_DIM, KEYPOINTS } from '../api.ts';
import type { CameraGeometry } from './floorDetections.ts';
import { cameraGeometry } from './floorDetections.ts';

/**
 * Test fixture: a camera whose floor homography maps pixel (u, v) to floor (u / 100 + biasXM, v / 100),
 * and frames of people seen by the feet, so tests drive the engine's own projection path
 * (projectDetections, camera index to camera set) instead of writing camera sets by hand.
 */
export function testCamera(index: number, biasXM = 0): CameraGeometry {
  return cameraGeometry({
    id: `cam-${index}`,
    positionM: [0, 0, 3],
    rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    fx: 1000,
    fy: 1000,
    cx: 960,
    cy: 540,
    widthPx: 1920,
    heightPx: 1080,
    rateHz: 5,
    floorFromPixel: [0.01, 0, biasXM, 0, 0.01, 0, 0, 0, 1],
  }, index);
}

/** A person on the floor at (xM, yM) (as an unbiased testCamera reports them) wearing look `look`. */
export interface SeenPerson {
  readonly xM: number;
  readonly yM: number;
  readonly look: number;
}

/** One camera frame seeing `people` by both feet, confidence 0.9, appearance one-hot at `look`. */
export function feetFrame(camera: CameraGeometry, t: number, people: readonly SeenPerson[]): CameraDetectionsFrame {
  const K = KEYPOINTS.length;
  const boxes = new Float32Array(people.length * 5);
  const keypoints = new Float32Array(people.length * K * 3);
  const appearance = new Float32Array(people.length * APPEARANCE_DIM);
  people.forEach((p, i) => {
    const u = p.xM * 100;
    const v = p.yM * 100;
    boxes.set([u - 25, v - 170, 50, 170, 0.9], i * 5);
    for (const foot of ['leftFoot', 'rightFoot'] as const) keypoints.set([u, v, 1], (i * K + KEYPOINTS.indexOf(foot)) * 3);
    appearance[i * APPEARANCE_DIM + (p.look % APPEARANCE_DIM)] = 1;
  });
  return { kind: 'camera-detections', sensorId: `cam-${camera.index}`, frame: 0, t, count: people.length, boxes, keypoints, appearance };
}

/** Corridor test camera: 3 m up at (xM, 1) looking level along +x (`dir` 1) or -x (-1), f = 1000 px, horizon at row 540. */
export interface CorridorCamera {
  readonly geometry: CameraGeometry;
  /** A frame seeing `people` by both feet at their true pixels, box height that of a 1.7 m person; `errXM` moves the feet seen along x. */
  frame(t: number, people: readonly (SeenPerson & { readonly errXM?: number })[]): CameraDetectionsFrame;
}

/** A perspective camera over a 2 m wide corridor (floor x = xM + dir f h / (v - cy)): far people are small and their feet vague. */
export function corridorCamera(index: number, xM: number, dir: 1 | -1): CorridorCamera {
  const f = 1000;
  const h = 3;
  const cx = 960;
  const cy = 540;
  // x (v - cy) = xM (v - cy) + dir f h;  y (v - cy) = (v - cy) + dir h (u - cx);  w = v - cy.
  const H = [0, xM, -xM * cy + dir * f * h, dir * h, 1, -cy - dir * h * cx, 0, 1, -cy];
  const geometry = cameraGeometry({ id: `cam-${index}`, positionM: [xM, 1, h], rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], fx: f, fy: f, cx, cy, widthPx: 1920, heightPx: 1080, rateHz: 5, floorFromPixel: H }, index);
  const K = KEYPOINTS.length;
  return {
    geometry,
    frame(t, people) {
      const boxes = new Float32Array(people.length * 5);
      const keypoints = new Float32Array(people.length * K * 3);
      const appearance = new Float32Array(people.length * APPEARANCE_DIM);
      people.forEach((p, i) => {
        const d = dir * (p.xM + (p.errXM ?? 0) - xM);
        const v = cy + (f * h) / d;
        const u = cx + (dir * (p.yM - 1) * f) / d;
        const hPx = (f * 1.7) / d;
        boxes.set([u - hPx / 6, v - hPx, hPx / 3, hPx, 0.9], i * 5);
        for (const foot of ['leftFoot', 'rightFoot'] as const) keypoints.set([u, v, 1], (i * K + KEYPOINTS.indexOf(foot)) * 3);
        appearance[i * APPEARANCE_DIM + (p.look % APPEARANCE_DIM)] = 1;
      });
      return { kind: 'camera-detections', sensorId: `cam-${index}`, frame: 0, t, count: people.length, boxes, keypoints, appearance };
    },
  };
}
