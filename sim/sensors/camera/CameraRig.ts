import type { CameraDetectionsFrame, SensorFrame } from '../../../engine/api.ts';
import type { Scenario } from '../../scenario/Scenario.ts';
import type { Shopper } from '../../shoppers/Shopper.ts';
import type { Store } from '../../store/Store.ts';
import type { ActiveFault, FaultPlan } from '../faults/FaultPlan.ts';
import { countEffect, inWindow } from '../faults/FaultPlan.ts';
import { Bodies } from './Bodies.ts';
import { CameraModel } from './CameraModel.ts';
import { DetectionCamera } from './DetectionCamera.ts';
import { FastRng } from './FastRng.ts';
import { OcclusionGrid, storeGridBounds } from './OcclusionGrid.ts';

/** What the rig reads of the world each tick. */
export interface CameraSource {
  readonly tick: number;
  readonly t: number;
  readonly dtS: number;
  readonly present: readonly Shopper[];
}

/** One camera with the faults that hit it. */
interface RigCamera {
  readonly cam: DetectionCamera;
  frame: number;
  /** The tick the camera's latest delivered (or held) frame arrives at: no later frame arrives before it. */
  lastArriveTick: number;
  readonly dropouts: ActiveFault<'camera-dropout'>[];
  readonly drops: ActiveFault<'frame-drops'>[];
  readonly latency: ActiveFault<'frame-latency'>[];
}

/** A frame held back by a latency fault until the tick it arrives. */
interface Delayed {
  readonly arriveTick: number;
  readonly seq: number;
  readonly frame: CameraDetectionsFrame;
}

/**
 * Every camera of a scenario at the `detections` fidelity, with camera faults applied: each camera
 * captures every `periodTicks` ticks (frame numbers count captures, so a lost frame leaves a gap;
 * t is the capture time, an exact multiple of the period). Each camera draws from its own stream
 * `camera:<id>`, and a camera's frames are computed whether or not a fault then loses them, so a
 * fault changes nothing but what it hits. Frames come out camera by camera in scenario order.
 * A camera's frames arrive in capture order, as over one stream: a frame delayed by latency holds
 * back those captured after it (each arrives no earlier than the one before), never reorders them.
 */
export class CameraRig {
  readonly cameras: readonly RigCamera[];
  private readonly bodies: Bodies;
  private readonly delayed: Delayed[] = [];
  private seq = 0;
  private bodiesTick = -1;

  constructor(scenario: Scenario, store: Store, faults: FaultPlan) {
    this.bodies = new Bodies(scenario.seed);
    const bounds = storeGridBounds(store);
    const occluders = { fixtures: store.fixtures, walls: store.walls };
    this.cameras = scenario.sensors.cameras.map((decl) => {
      const model = CameraModel.fromDecl(decl, scenario.dtS);
      const grid = new OcclusionGrid(bounds, model.positionM, occluders);
      const hits = (f: { camera: string }) => f.camera === 'all' || f.camera === decl.id;
      return {
        cam: new DetectionCamera(model, grid, scenario.sensors.detection, new FastRng(scenario.seed, `camera:${decl.id}`)),
        frame: 0,
        lastArriveTick: -1,
        dropouts: faults.of('camera-dropout', hits),
        drops: faults.of('frame-drops', hits),
        latency: faults.of('frame-latency', hits),
      };
    });
  }

  /** Appends the camera frames that arrive at this tick. */
  sample(src: CameraSource, out: SensorFrame[]): void {
    if (this.delayed.length > 0) this.release(src.tick, out);
    for (const rc of this.cameras) {
      if (src.tick % rc.cam.model.periodTicks !== 0) continue;
      if (this.bodiesTick !== src.tick) {
        this.bodies.fill(src.present, src.tick, src.t);
        this.bodiesTick = src.tick;
      }
      const frame = rc.cam.sample(this.bodies, src.t, rc.frame++);
      if (this.lost(rc, src.t)) continue;
      let delayS = 0;
      for (const f of rc.latency) {
        if (!inWindow(f.fault, src.t)) continue;
        const d = f.fault.latencyS + f.fault.jitterS * f.rng.uniform();
        delayS += d;
        countEffect(f, 'framesDelayed');
        countEffect(f, 'delaySTotal', d);
      }
      // Arrives at the first tick at or after capture + delay, and not before the frame captured before it.
      let arriveTick = delayS > 0 ? src.tick + Math.max(0, Math.ceil(delayS / src.dtS - 1e-9)) : src.tick;
      if (arriveTick < rc.lastArriveTick) arriveTick = rc.lastArriveTick;
      rc.lastArriveTick = arriveTick;
      if (delayS > 0 || arriveTick > src.tick) {
        this.delayed.push({ arriveTick, seq: this.seq++, frame });
        if (arriveTick === src.tick) this.release(src.tick, out);
        continue;
      }
      out.push(frame);
    }
  }

  /** Whether a fault loses this capture (dropout first, then random drops). */
  private lost(rc: RigCamera, tS: number): boolean {
    for (const f of rc.dropouts) {
      if (inWindow(f.fault, tS)) {
        countEffect(f, 'framesDropped');
        return true;
      }
    }
    for (const f of rc.drops) {
      if (inWindow(f.fault, tS) && f.rng.chance(f.fault.rate)) {
        countEffect(f, 'framesDropped');
        return true;
      }
    }
    return false;
  }

  private release(tick: number, out: SensorFrame[]): void {
    const due = this.delayed.filter((d) => d.arriveTick <= tick).sort((a, b) => a.arriveTick - b.arriveTick || a.seq - b.seq);
    if (due.length === 0) return;
    for (const d of due) out.push(d.frame);
    const keep = this.delayed.filter((d) => d.arriveTick > tick);
    this.delayed.length = 0;
    this.delayed.push(...keep);
  }
}
