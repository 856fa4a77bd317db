import { describe, expect, it } from 'vitest';
import { APPEARANCE_DIM } from '../../../engine/api.ts';
import { buildStore } from '../../store/Store.ts';
import { Bodies } from './Bodies.ts';
import { CameraModel } from './CameraModel.ts';
import type { DetectionParams } from './DetectionCamera.ts';
import { DetectionCamera } from './DetectionCamera.ts';
import { FastRng } from './FastRng.ts';
import { OcclusionGrid, storeGridBounds } from './OcclusionGrid.ts';
import { cameraRoom, standIn } from './testRoom.ts';

const room = cameraRoom();
const store = buildStore(room);
const model = CameraModel.fromDecl(room.sensors.cameras[0]!, room.dtS);
const grid = new OcclusionGrid(storeGridBounds(store), model.positionM, { fixtures: store.fixtures, walls: store.walls });

/** A camera on the room with the given detection parameters (noise off by default: anyone visible at all is detected). */
function camera(over: Partial<DetectionParams> = {}, seed = 1): DetectionCamera {
  const params: DetectionParams = {
    ...room.sensors.detection, pDetectMax: 1, minVisibleFraction: 0, fullVisibleFraction: 1e-6, minHeightPx: 0, fullHeightPx: 1e-6,
    boxJitter: 0, keypointSigma: 0, confidenceSigma: 0, falsePositivesPerFrame: 0, appearanceViewSigma: 0, appearanceFrameSigma: 0, ...over,
  };
  const c = new DetectionCamera(model, grid, params, new FastRng(seed, 'camera:test'));
  c.keepSeen = true;
  return c;
}

function bodies(...people: ReturnType<typeof standIn>[]): Bodies {
  const b = new Bodies(room.seed);
  b.fill(people, 1, 0.1);
  return b;
}

const seenOf = (c: DetectionCamera, id: number) => c.seen.find((s) => s.id === id);

describe('DetectionCamera visibility', () => {
  it('sees a person in the open whole, with every keypoint', () => {
    const c = camera();
    const f = c.sample(bodies(standIn(1, 5, 3)), 0.1, 0);
    expect(seenOf(c, 1)!.visible).toBeCloseTo(1, 9);
    expect(f.count).toBe(1);
    for (let k = 0; k < 5; k++) expect(f.keypoints[3 * k + 2]).toBe(1);
    // Feet keypoints land on the person's floor point: back through the floor homography.
    const H = model.calibration().floorFromPixel;
    const u = (f.keypoints[3]! + f.keypoints[6]!) / 2;
    const v = (f.keypoints[4]! + f.keypoints[7]!) / 2;
    const w = H[6]! * u + H[7]! * v + H[8]!;
    expect((H[0]! * u + H[1]! * v + H[2]!) / w).toBeCloseTo(5, 2);
    expect((H[3]! * u + H[4]! * v + H[5]!) / w).toBeCloseTo(3, 2);
  });

  it('shows only head and shoulders of someone behind the 1.4 m shelf', () => {
    const c = camera();
    const f = c.sample(bodies(standIn(1, 5, 6)), 0.1, 0);
    // The ray to (5, 6) enters the shelf at y = 5.3: visible above z = (1.4 - 3 s0) / (1 - s0), s0 = 0.7 / 5.7.
    const s0 = 0.7 / 5.7;
    const zMin = (1.4 - 3 * s0) / (1 - s0);
    const expected = (1.7 - zMin) / 1.7;
    expect(seenOf(c, 1)!.visible).toBeGreaterThan(expected - 0.08);
    expect(seenOf(c, 1)!.visible).toBeLessThan(expected + 0.08);
    expect(f.count).toBe(1);
    expect(f.keypoints[2]).toBeGreaterThan(0); // head seen
    expect(f.keypoints[5]).toBe(0); // feet not
    expect(f.keypoints[8]).toBe(0);
    // The box covers the visible part only: its bottom is well above where the feet project.
    expect(f.boxes[1]! + f.boxes[3]!).toBeLessThan(f.keypoints[4]! - 50);
  });

  it("hides a wrist behind the person's own torso: the far hand from the side, a reaching hand from behind", () => {
    const c = camera();
    const LW = 11; // visibility of leftWrist (KEYPOINTS index 3) in the packed keypoints
    const RW = 14; // rightWrist (index 4)
    // Facing +x, side on to the camera at (5, 0.3): the left hand (y 3.22) is behind the torso, the right one (y 2.78) in front.
    let f = c.sample(bodies(standIn(1, 5, 3, {}, 0)), 0.1, 0);
    expect(f.keypoints[LW]).toBe(0);
    expect(f.keypoints[RW]).toBe(1);
    // Reaching at chest height to 0.45 m ahead, back to the camera: the sight line meets the back first.
    const reaching = (headingRad: number, toY: number) => {
      const s = standIn(1, 5, 3, {}, headingRad);
      (s as { reach: unknown }).reach = { to: [5, toY, 1], startS: 0, durS: 0.2, acted: false };
      const b = new Bodies(room.seed);
      b.fill([s], 1, 0.1); // the reach's midpoint: the hand at its target
      return b;
    };
    f = c.sample(reaching(Math.PI / 2, 3.45), 0.1, 0);
    expect(f.keypoints[RW]).toBe(0);
    expect(f.keypoints[LW]).toBe(1); // hanging at the side, clear of the torso
    // The same reach facing the camera: the hand is in front of the chest.
    f = c.sample(reaching(-Math.PI / 2, 2.55), 0.1, 0);
    expect(f.keypoints[RW]).toBe(1);
    // Seen from straight above, nothing hides either hand (the sight line passes over the shoulders).
    const top = CameraModel.fromDecl({ ...room.sensors.cameras[0]!, position: [5, 3.5, 3], lookAt: [5, 3.5, 0] }, room.dtS);
    const above = new DetectionCamera(top, new OcclusionGrid(storeGridBounds(store), top.positionM, { fixtures: store.fixtures, walls: store.walls }), c.params, new FastRng(1, 'camera:test'));
    f = above.sample(reaching(Math.PI / 2, 3.45), 0.1, 0);
    expect(f.keypoints[RW]).toBe(1);
    expect(f.keypoints[LW]).toBe(1);
  });

  it('hides a person behind a nearer one, and not the nearer one', () => {
    const c = camera();
    c.sample(bodies(standIn(1, 5, 2.2), standIn(2, 5, 3.2)), 0.1, 0);
    const near = seenOf(c, 1)!.visible;
    const far = seenOf(c, 2)!.visible;
    // Nobody hides the nearer one: all of them shows but their toes, just below the frame's bottom
    // edge (the feet project to v = 1091.9 of 1080): the share of the box inside the frame.
    const foot = new Float64Array(2);
    const head = new Float64Array(2);
    model.project(5, 2.2, 0, foot);
    model.project(5, 2.2, 1.7, head);
    expect(foot[1]).toBeGreaterThan(1080);
    expect(near).toBeCloseTo((1080 - head[1]!) / (foot[1]! - head[1]!), 9);
    expect(far).toBeLessThan(0.6);
    c.sample(bodies(standIn(2, 5, 3.2)), 0.1, 0);
    expect(seenOf(c, 2)!.visible).toBeCloseTo(1, 9);
    // Side by side, nobody hides anybody.
    c.sample(bodies(standIn(1, 3.5, 2.5), standIn(2, 6.5, 2.5)), 0.1, 0);
    expect(seenOf(c, 1)!.visible).toBeCloseTo(1, 9);
    expect(seenOf(c, 2)!.visible).toBeCloseTo(1, 9);
  });

  it('clips a person half out of the frame to about half', () => {
    // Find x where the body axis at mid height projects onto the left frame edge (u = 0).
    const px = new Float64Array(2);
    let lo = -2;
    let hi = 5;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      model.project(mid, 4, 0.85, px);
      if (px[0]! > 0) hi = mid;
      else lo = mid;
    }
    const c = camera();
    const f = c.sample(bodies(standIn(1, lo, 4)), 0.1, 0);
    const v = seenOf(c, 1)!.visible;
    expect(v).toBeGreaterThan(0.35);
    expect(v).toBeLessThan(0.65);
    expect(f.boxes[0]).toBeGreaterThanOrEqual(0); // the box is clipped to the frame
    // Nobody behind the camera or far outside the view is a candidate at all.
    c.sample(bodies(standIn(1, 5, 0.1), standIn(2, 9.9, 0.5)), 0.1, 0);
    expect(c.seen).toHaveLength(0);
  });

  it('misses people who show too little, and more often as they show less', () => {
    const d = room.sensors.detection;
    const c = camera({ pDetectMax: 0.9, minVisibleFraction: d.minVisibleFraction, fullVisibleFraction: d.fullVisibleFraction, minHeightPx: d.minHeightPx, fullHeightPx: d.fullHeightPx });
    let open = 0;
    let behind = 0;
    for (let i = 0; i < 400; i++) {
      open += c.sample(bodies(standIn(1, 5, 3)), 0.1, i).count;
      behind += c.sample(bodies(standIn(1, 5, 6)), 0.1, i).count;
    }
    expect(open / 400).toBeGreaterThan(0.85);
    expect(open / 400).toBeLessThan(0.95);
    // visible ~0.31: P = 0.9 (0.31 - 0.15) / 0.45 = 0.32.
    expect(behind / 400).toBeGreaterThan(0.22);
    expect(behind / 400).toBeLessThan(0.42);
    // Fully hidden behind a tall shelf: never.
    const tall = cameraRoom((j) => (j.store.shelves[0].heightM = 2.6));
    const s2 = buildStore(tall);
    const g2 = new OcclusionGrid(storeGridBounds(s2), model.positionM, { fixtures: s2.fixtures, walls: s2.walls });
    const c2 = new DetectionCamera(model, g2, { ...tall.sensors.detection, falsePositivesPerFrame: 0 }, new FastRng(1, 'x'));
    let n = 0;
    for (let i = 0; i < 100; i++) n += c2.sample(bodies(standIn(1, 5, 6)), 0.1, i).count;
    expect(n).toBe(0);
  });
});

describe('DetectionCamera people occlusion', () => {
  it('a leaning nearer person hides who is behind them along the line of sight, not who stands beside them', () => {
    // A wide camera: a person near the image's left edge leans across it (vertical lines converge
    // on the nadir), so the box of their image is far wider than their body.
    const wide = cameraRoom((j) => (j.sensors.cameras[0].hfovDeg = 110));
    const wm = CameraModel.fromDecl(wide.sensors.cameras[0]!, wide.dtS);
    const ws = buildStore(wide);
    const wg = new OcclusionGrid(storeGridBounds(ws), wm.positionM, { fixtures: ws.fixtures, walls: ws.walls });
    const c = new DetectionCamera(wm, wg, camera().params, new FastRng(1, 'camera:test'));
    c.keepSeen = true;
    const foot = new Float64Array(2);
    const head = new Float64Array(2);
    wm.project(1, 2.8, 0, foot);
    wm.project(1, 2.8, 1.7, head);
    const hwPx = (wm.fx * 0.23) / wm.depth(1, 2.8, 0.85);
    expect(foot[0]! - head[0]!).toBeGreaterThan(3 * hwPx); // leans over three body half-widths
    // Beside: 0.4 m to the side, 0.1 m further. Inside the near person's leaning box (the box
    // rule left 0.55 of them), clear of their body.
    c.sample(bodies(standIn(1, 1, 2.8), standIn(2, 1.4, 2.9)), 0.1, 0);
    expect(seenOf(c, 2)!.visible).toBeGreaterThan(0.95);
    // Behind: 1 m further along the floor line from the camera through the near person.
    const dx = 1 - 5;
    const dy = 2.8 - 0.3;
    const k = 1 / Math.hypot(dx, dy);
    c.sample(bodies(standIn(1, 1, 2.8), standIn(2, 1 + dx * k, 2.8 + dy * k)), 0.1, 0);
    expect(seenOf(c, 2)!.visible).toBeLessThan(0.6);
    expect(seenOf(c, 2)!.visible).toBeGreaterThan(0); // the head shows above the near one
  });

  it('sees head and feet by the unpainted share of the body width across them', () => {
    const c = camera();
    // A nearer person (y 2.6) whose painted core covers about half the width across the feet of
    // the one behind (y 3.4): the geometric share left, from the images of both axes.
    const p = new Float64Array(2);
    const zT = model.project(5, 3.4, 0, p);
    const uT = p[0]!;
    const vT = p[1]!;
    const hwT = (model.fx * 0.23) / zT;
    const share = (ox: number) => {
      const z0 = model.project(ox, 2.6, 0, p);
      const u0 = p[0]!;
      const v0 = p[1]!;
      const z1 = model.project(ox, 2.6, 1.7, p);
      const uO = u0 + ((vT - v0) * (p[0]! - u0)) / (p[1]! - v0);
      const coreO = (0.7 * model.fx * 0.23) / ((z0 + z1) / 2);
      const over = Math.min(uT + hwT, uO + coreO) - Math.max(uT - hwT, uO - coreO);
      return 1 - Math.max(0, over) / (2 * hwT);
    };
    const ox = 5.165;
    expect(Math.abs(share(ox) - 0.5)).toBeLessThan(0.03);
    const f = c.sample(bodies(standIn(1, ox, 2.6), standIn(2, 5, 3.4)), 0.1, 0);
    expect(f.count).toBe(2);
    const kp = f.keypoints.subarray(15, 30); // the further one, second in depth order
    const perCell = model.widthPx / 64 / (2 * hwT); // one raster cell, as a share of the feet's width
    expect(perCell).toBeLessThan(0.3);
    for (const k of [1, 2]) {
      expect(kp[3 * k + 2]!).toBeGreaterThanOrEqual(0.5);
      expect(kp[3 * k + 2]!).toBeLessThan(1);
      expect(Math.abs(kp[3 * k + 2]! - 0.5)).toBeLessThanOrEqual(perCell);
    }
    expect(kp[2]).toBe(1); // the head, above the nearer one
    // Straight in front: the feet are covered (0), the head above still shows whole.
    const g = c.sample(bodies(standIn(1, 5, 2.6), standIn(2, 5, 3.4)), 0.1, 0);
    expect(g.count).toBe(2);
    expect(share(5)).toBeLessThan(0.1);
    expect(g.keypoints[15 + 5]).toBe(0);
    expect(g.keypoints[15 + 8]).toBe(0);
    expect(g.keypoints[15 + 2]).toBe(1);
  });
});

describe('DetectionCamera noise', () => {
  it('jitters boxes and keypoints with the sd the parameters give', () => {
    const clean = camera().sample(bodies(standIn(1, 5, 3)), 0.1, 0);
    const h0 = clean.boxes[3]!;
    const u0 = clean.keypoints[0]!;
    const c = camera({ boxJitter: 0.05, keypointSigma: 0.02 }, 9);
    const hs: number[] = [];
    const us: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const f = c.sample(bodies(standIn(1, 5, 3)), 0.1, i);
      hs.push(f.boxes[3]!);
      us.push(f.keypoints[0]!);
    }
    const stats = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { mean: m, sd: Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)) };
    };
    const h = stats(hs);
    const u = stats(us);
    expect(h.mean).toBeGreaterThan(h0 * 0.99);
    expect(h.mean).toBeLessThan(h0 * 1.01);
    expect(h.sd / (0.05 * h0)).toBeGreaterThan(0.93);
    expect(h.sd / (0.05 * h0)).toBeLessThan(1.07);
    expect(Math.abs(u.mean - u0)).toBeLessThan(1);
    const amodal = (() => {
      const cc = camera();
      cc.sample(bodies(standIn(1, 5, 3)), 0.1, 0);
      return seenOf(cc, 1)!.heightPx;
    })();
    expect(u.sd / (0.02 * amodal)).toBeGreaterThan(0.93);
    expect(u.sd / (0.02 * amodal)).toBeLessThan(1.07);
  });

  it('adds false positives at the mean rate, with low confidence', () => {
    const c = camera({ falsePositivesPerFrame: 0.5 });
    let n = 0;
    let maxConf = 0;
    for (let i = 0; i < 4000; i++) {
      const f = c.sample(bodies(), 0.1, i);
      n += f.count;
      for (let k = 0; k < f.count; k++) maxConf = Math.max(maxConf, f.boxes[5 * k + 4]!);
    }
    expect(n / 4000).toBeGreaterThan(0.46);
    expect(n / 4000).toBeLessThan(0.54);
    expect(maxConf).toBeLessThan(0.46);
  });

  it('gives unit appearance descriptors that re-identify a person better than they confuse two', () => {
    const c = camera({ appearanceViewSigma: 0.3, appearanceFrameSigma: 0.12 });
    const a = standIn(1, 4, 3);
    const b = standIn(2, 6, 3, { topColor: '#3b5998', bottomColor: '#c2b280', heightM: 1.8 });
    const descs = (heading: number) => {
      const f = c.sample(bodies({ ...a, headingRad: heading } as typeof a, { ...b, headingRad: heading } as typeof b), 0.1, 0);
      expect(f.count).toBe(2);
      const rows = [0, 1].map((k) => Array.from(f.appearance.slice(k * APPEARANCE_DIM, (k + 1) * APPEARANCE_DIM)));
      for (const r of rows) expect(Math.hypot(...r)).toBeCloseTo(1, 5);
      // Rows follow depth order; both stand at the same depth, so sort by box left edge.
      return f.boxes[0]! < f.boxes[5]! ? rows : [rows[1]!, rows[0]!];
    };
    const dot = (p: number[], q: number[]) => p.reduce((s, v, i) => s + v * q[i]!, 0);
    const front = descs(-Math.PI / 2); // facing the camera
    const back = descs(Math.PI / 2);
    const same = dot(front[0]!, back[0]!);
    const other = dot(front[0]!, front[1]!);
    expect(same).toBeGreaterThan(other);
    expect(same).toBeLessThan(0.999); // view changes the descriptor: re-id is not perfect
  });
});
