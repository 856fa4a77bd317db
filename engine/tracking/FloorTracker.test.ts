import { describe, expect, it } from 'vitest';
import { APPEARANCE_DIM } from '../api.ts';
import { ENGINE_DEFAULTS } from '../EngineConfig.ts';
import { FloorDetections } from './floorDetections.ts';
import { FloorTracker } from './FloorTracker.ts';

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
    const row = d.push(e.x, e.y, e.conf ?? 0.9, 1 << e.cam, sd * sd);
    d.app[row * APPEARANCE_DIM + (e.look % APPEARANCE_DIM)] = 1;
  }
  return d;
}

const cfg = ENGINE_DEFAULTS.tracking;
const confirmed = (tr: FloorTracker) => tr.tracks.filter((t) => t.state !== 'tentative');

describe('FloorTracker', () => {
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
});
