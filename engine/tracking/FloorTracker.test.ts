import { describe, expect, it } from 'vitest';
import { APPEARANCE_DIM } from '../api.ts';
import { ENGINE_DEFAULTS } from '../EngineConfig.ts';
import { camsHas } from './cameraSets.ts';
import type { CameraGeometry } from './floorDetections.ts';
import { FloorDetections, projectDetections } from './floorDetections.ts';
import { FloorTracker } from './FloorTracker.ts';
import type { SeenPerson } from './testCamera.ts';
import { corridorCamera, feetFrame, testCamera } from './testCamera.ts';

/** A detection as a camera would give it: floor point, camera index, confidence, sd, look axis. */
interface Det {
  readonly x: number;
  readonly y: number;
  readonly cam: number;
  readonly look: number;
  readonly conf?: number;
  readonly sdM?: number;
}

/** Detections in camera order (each camera's rows contiguous, as the engine builds them). */
function dets(list: readonly Det[]): FloorDetections {
  const d = new FloorDetections();
  for (const e of [...list].sort((a, b) => a.cam - b.cam)) {
    const sd = e.sdM ?? 0.1;
    const row = d.push(e.x, e.y, e.conf ?? 0.9, e.cam, sd * sd);
    d.app[row * APPEARANCE_DIM + (e.look % APPEARANCE_DIM)] = 1;
  }
  return d;
}

const cfg = ENGINE_DEFAULTS.tracking;
const confirmed = (tr: FloorTracker) => tr.tracks.filter((t) => t.state !== 'tentative');

/** What the engine's projection makes of `views` (camera, people it sees) at time t, in a store of `cameras` cameras. */
function projected(cameras: number, t: number, views: readonly (readonly [CameraGeometry, readonly SeenPerson[]])[]): FloorDetections {
  const d = new FloorDetections(cameras);
  for (const [cam, people] of views) projectDetections(feetFrame(cam, t, people), cam, cfg, d);
  return d;
}

/** The cameras (of 0 .. n - 1) in a track's seenBy. */
const seenBy = (tr: { seenBy: Uint32Array }, n: number) => [...Array(n).keys()].filter((c) => camsHas(tr.seenBy, 0, c, tr.seenBy.length));

/**
 * RiMEA test 1's handover: one walker at 1.33 m/s, seen by the near east camera at every 0.2 s frame
 * but one, where only the west camera, 32 m away, sees them, its feet 0.5 m ahead (about 1.4 sd there).
 * Returns the ids of the tracks that were ever confirmed.
 */
function corridorWalk(tracking: typeof cfg): number[] {
  const west = corridorCamera(0, 0.3, 1);
  const east = corridorCamera(1, 39.7, -1);
  const tr = new FloorTracker(tracking, 5, 2);
  const ids = new Set<number>();
  for (let k = 0; k <= 40; k++) {
    const t = k * 0.2;
    const x = 28 + 1.33 * t;
    const d = new FloorDetections(2);
    if (k === 20) projectDetections(west.frame(t, [{ xM: x, yM: 1, look: 1, errXM: 0.5 }]), west.geometry, tracking, d);
    else projectDetections(east.frame(t, [{ xM: x, yM: 1, look: 1 }]), east.geometry, tracking, d);
    tr.update(t, d);
    for (const c of tr.tracks) if (c.state !== 'tentative') ids.add(c.id);
  }
  return [...ids];
}

describe('FloorTracker', () => {
  it('keeps a lone walker\'s track through a far camera\'s vague feet (a far foot point weighs what it is worth)', () => {
    expect(corridorWalk(cfg)).toEqual([1]);
    // Feet trusted at 0.1 m however far: the far point throws the velocity to ~3 m/s, the track runs ahead
    // of the walker, the near camera's next points fall outside its gate and start a second track.
    expect(corridorWalk({ ...cfg, footPixelSigmaFrac: 0 })).toEqual([1, 2]);
  });

  it('keeps one track for one person seen by four cameras whose points disagree by up to 0.7 m', () => {
    const tracker = new FloorTracker(cfg, 5);
    for (let k = 0; k < 50; k++) {
      const t = k * 0.2;
      const x = 2 + 0.1 * k;
      // Camera 0 sees the feet; cameras 1-3 see only a head far away, each biased its own way.
      tracker.update(t, dets([
        { x, y: 2, cam: 0, look: 1 },
        { x: x + 0.7, y: 2, cam: 1, look: 1, sdM: 0.6 },
        { x, y: 2.6, cam: 2, look: 1, sdM: 0.5 },
        { x: x - 0.5, y: 1.6, cam: 3, look: 1, sdM: 0.5 },
      ]));
      expect(tracker.tracks.length, `update ${k}`).toBe(1);
    }
    const tr = tracker.tracks[0]!;
    expect(tr.state).toBe('tracked');
    // The sharp foot point dominates the inverse-variance fusion.
    expect(Math.abs(tr.x - (2 + 0.1 * 49))).toBeLessThan(0.15);
    expect(Math.abs(tr.y - 2)).toBeLessThan(0.1);
  });

  it('keeps identities through a crossing by appearance', () => {
    const tracker = new FloorTracker(cfg, 5);
    // A walks east, B walks west along lines 0.3 m apart: they cross at t = 4 s.
    const at = (k: number) => ({ a: [1 + 0.1 * k, 2] as const, b: [9 - 0.1 * k, 2.3] as const });
    let idA = -1;
    let idB = -1;
    for (let k = 0; k <= 80; k++) {
      const { a, b } = at(k);
      tracker.update(k * 0.2, dets([
        { x: a[0], y: a[1], cam: 0, look: 3 },
        { x: b[0], y: b[1], cam: 0, look: 9 },
        { x: a[0] + 0.05, y: a[1], cam: 1, look: 3 },
        { x: b[0] - 0.05, y: b[1], cam: 1, look: 9 },
      ]));
      if (k === 10) {
        idA = tracker.tracks.find((t) => t.x < 5)!.id;
        idB = tracker.tracks.find((t) => t.x > 5)!.id;
      }
    }
    const { a, b } = at(80);
    const ta = tracker.tracks.find((t) => t.id === idA)!;
    const tb = tracker.tracks.find((t) => t.id === idB)!;
    expect(tracker.tracks.length).toBe(2);
    expect(Math.hypot(ta.x - a[0], ta.y - a[1])).toBeLessThan(0.2);
    expect(Math.hypot(tb.x - b[0], tb.y - b[1])).toBeLessThan(0.2);
  });

  it('gives a person back their track after 4 s out of sight, but not a stranger', () => {
    const tracker = new FloorTracker(cfg, 5);
    for (let k = 0; k < 20; k++) tracker.update(k * 0.2, dets([{ x: 2 + 0.1 * k, y: 2, cam: 0, look: 4 }]));
    const id = tracker.tracks[0]!.id;
    // Hidden behind a shelf for 4 s.
    for (let k = 20; k < 40; k++) tracker.update(k * 0.2, dets([]));
    expect(tracker.tracks[0]!.state).toBe('lost');
    // A stranger appears where the person was heading; then the person reappears 1.5 m from where they vanished.
    tracker.update(8, dets([{ x: 4.2, y: 2, cam: 0, look: 11 }, { x: 5.4, y: 2.8, cam: 0, look: 4 }]));
    tracker.update(8.2, dets([{ x: 4.2, y: 2, cam: 0, look: 11 }, { x: 5.4, y: 2.8, cam: 0, look: 4 }]));
    const back = tracker.tracks.find((t) => t.id === id)!;
    expect(back.state).toBe('tracked');
    expect(Math.hypot(back.x - 5.4, back.y - 2.8)).toBeLessThan(0.5);
    const stranger = tracker.tracks.find((t) => t.id !== id)!;
    expect(Math.hypot(stranger.x - 4.2, stranger.y - 2)).toBeLessThan(0.1);
  });

  it('merges two tracks of one person that no camera ever sees both of', () => {
    const tracker = new FloorTracker({ ...cfg, fuseRadiusM: 0.3 }, 5);
    // Two cameras disagree by 0.9 m at first (two tentative tracks), then agree within 0.2 m.
    let mergedAt = -1;
    for (let k = 0; k < 30; k++) {
      const gap = Math.max(0.2, 0.9 - 0.1 * k);
      tracker.update(k * 0.2, dets([{ x: 3, y: 2, cam: 0, look: 2 }, { x: 3 + gap, y: 2, cam: 1, look: 2 }]));
      if (tracker.merged.length > 0 && mergedAt < 0) mergedAt = k;
    }
    expect(mergedAt).toBeGreaterThan(0);
    expect(confirmed(tracker)).toHaveLength(1);
    // Two people side by side (0.6 m apart), each seen by both cameras, stay two tracks.
    const pair = new FloorTracker(cfg, 5);
    for (let k = 0; k < 30; k++) {
      pair.update(k * 0.2, dets([
        { x: 3, y: 2, cam: 0, look: 2 }, { x: 3.6, y: 2, cam: 0, look: 6 },
        { x: 3.02, y: 2, cam: 1, look: 2 }, { x: 3.62, y: 2, cam: 1, look: 6 },
      ]));
    }
    expect(confirmed(pair)).toHaveLength(2);
    expect(pair.merged).toHaveLength(0);
  });

  it('starts no track from a vague detection (a head ray from afar)', () => {
    const tracker = new FloorTracker(cfg, 5);
    for (let k = 0; k < 10; k++) tracker.update(k * 0.2, dets([{ x: 4, y: 2, cam: 0, look: 1, sdM: 0.8 }]));
    expect(tracker.tracks).toHaveLength(0);
  });

  describe('with more than 32 cameras (camera sets span several words)', () => {
    it('tracks one person seen by camera 3 and camera 35 of 41 as one track fed by both', () => {
      const tracker = new FloorTracker(cfg, 5, 41);
      // Camera 35's homography is 0.2 m off: a track fed by both sits at their mean, 3.1.
      const c3 = testCamera(3);
      const c35 = testCamera(35, 0.2);
      for (let k = 0; k < 30; k++) {
        const t = k * 0.2;
        tracker.update(t, projected(41, t, [[c3, [{ xM: 3, yM: 2, look: 1 }]], [c35, [{ xM: 3, yM: 2, look: 1 }]]]));
        expect(tracker.tracks, `update ${k}`).toHaveLength(1);
      }
      const tr = tracker.tracks[0]!;
      expect(tr.state).toBe('tracked');
      // One camera's point alone would put it at 3.0 or 3.2.
      expect(Math.abs(tr.x - 3.1)).toBeLessThan(0.02);
      expect(Math.abs(tr.y - 2)).toBeLessThan(0.02);
      expect(seenBy(tr, 41)).toEqual([3, 35]);
    });

    it('merges a track seen only by camera 40 and one seen only by camera 8 by the duplicate rule', () => {
      const tracker = new FloorTracker({ ...cfg, fuseRadiusM: 0.3 }, 5, 41);
      const c8 = testCamera(8);
      let mergedAt = -1;
      let twoSeenBy: number[][] = [];
      for (let k = 0; k < 30; k++) {
        // Camera 40 is off by 0.9 m at first (two tracks start), then within 0.2 m.
        const gap = Math.max(0.2, 0.9 - 0.1 * k);
        const t = k * 0.2;
        tracker.update(t, projected(41, t, [[c8, [{ xM: 3, yM: 2, look: 2 }]], [testCamera(40, gap), [{ xM: 3, yM: 2, look: 2 }]]]));
        if (confirmed(tracker).length === 2 && twoSeenBy.length === 0) twoSeenBy = confirmed(tracker).map((tr) => seenBy(tr, 41));
        if (tracker.merged.length > 0 && mergedAt < 0) mergedAt = k;
      }
      expect(mergedAt).toBeGreaterThan(0);
      expect(confirmed(tracker)).toHaveLength(1);
      // Before the merge: one track fed by camera 8 alone, the other by camera 40 alone.
      expect(twoSeenBy.sort((a, b) => a[0]! - b[0]!)).toEqual([[8], [40]]);
    });

    it('does not merge two people whom camera 40 sees both of, nor two seen by cameras 8 and 72 each', () => {
      // 80 cameras: three words. Two people walk from 1.2 m apart to 0.3 m apart (inside mergeM).
      for (const camIds of [[40], [8, 72]]) {
        const tracker = new FloorTracker(cfg, 5, 80);
        const cams = camIds.map((c) => testCamera(c));
        for (let k = 0; k < 30; k++) {
          const gap = Math.max(0.3, 1.2 - 0.1 * k);
          const people = [{ xM: 3, yM: 2, look: 2 }, { xM: 3 + gap, yM: 2, look: 6 }];
          const t = k * 0.2;
          tracker.update(t, projected(80, t, cams.map((c) => [c, people] as const)));
          expect(tracker.merged, `cameras ${camIds.join(', ')}, update ${k}`).toHaveLength(0);
        }
        expect(confirmed(tracker)).toHaveLength(2);
        for (const tr of confirmed(tracker)) expect(seenBy(tr, 80)).toEqual(camIds);
      }
    });

    it('refuses detections sized for another store', () => {
      const tracker = new FloorTracker(cfg, 5, 41);
      expect(() => tracker.update(0, new FloorDetections(8))).toThrow(/engine: FloorTracker.update: detections with 1-word camera sets, the tracker's are 2 words/);
    });
  });
});
