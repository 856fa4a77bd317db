import type { CameraCalibration, WorldPoint } from '../../../engine/api.ts';
import type { CameraDecl } from '../../scenario/Scenario.ts';
import type { CameraAngles } from './pinhole.ts';
import { anglesOfLookAt, floorFromPixel, focalPx, rotationOfAngles } from './pinhole.ts';

/** How far a camera's frame period may be from a whole number of ticks and still count as one (fraction of a tick). */
export const PERIOD_TOLERANCE_TICKS = 0.01;

/** Ticks between a camera's frames, or null when `rateHz` does not give a whole number of `dtS` steps. */
export function framePeriodTicks(rateHz: number, dtS: number): number | null {
  const p = 1 / (rateHz * dtS);
  const n = Math.round(p);
  return n >= 1 && Math.abs(p - n) <= PERIOD_TOLERANCE_TICKS ? n : null;
}

/** A calibration offset: how far a camera's believed pose is from its true one. */
export interface PoseError {
  readonly positionM: readonly [number, number, number];
  readonly yawDeg: number;
  readonly pitchDeg: number;
  readonly rollDeg: number;
}

/**
 * A calibrated pinhole camera of the scenario: pose, intrinsics and frame period.
 * `project` is the hot path (no allocation); the rest runs once per camera.
 */
export class CameraModel {
  readonly rotation: Float64Array;
  readonly fx: number;
  readonly fy: number;
  readonly cx: number;
  readonly cy: number;
  /** The twin ticks between two frames. */
  readonly periodTicks: number;
  /** R (9), t = -R C (3), fx, fy, cx, cy: one typed array, so the hot path reads a single fast object. */
  private readonly k: Float64Array;

  constructor(
    readonly id: string,
    readonly positionM: WorldPoint,
    readonly angles: CameraAngles,
    readonly hfovDeg: number,
    readonly widthPx: number,
    readonly heightPx: number,
    readonly dtS: number,
    periodTicks: number,
  ) {
    const R = rotationOfAngles(angles);
    this.rotation = Float64Array.from(R);
    this.fx = focalPx(hfovDeg, widthPx);
    this.fy = this.fx;
    this.cx = widthPx / 2;
    this.cy = heightPx / 2;
    this.periodTicks = periodTicks;
    const [px, py, pz] = positionM;
    const t = [0, 1, 2].map((i) => -(R[3 * i]! * px + R[3 * i + 1]! * py + R[3 * i + 2]! * pz));
    this.k = Float64Array.from([...R, ...t, this.fx, this.fy, this.cx, this.cy]);
  }

  /** The camera a scenario declares (its rate must give a whole number of ticks: the loader checks it). */
  static fromDecl(decl: CameraDecl, dtS: number): CameraModel {
    const angles = decl.lookAt !== undefined
      ? anglesOfLookAt(decl.position, decl.lookAt, decl.rollDeg)
      : { yawDeg: decl.yawDeg ?? 0, pitchDeg: decl.pitchDeg ?? 0, rollDeg: decl.rollDeg };
    const period = framePeriodTicks(decl.rateHz, dtS);
    if (period === null) throw new Error(`sim: camera "${decl.id}": ${decl.rateHz} Hz is not a whole number of ${dtS} s ticks`);
    return new CameraModel(decl.id, [decl.position[0], decl.position[1], decl.position[2]], angles, decl.hfovDeg, decl.resolution[0], decl.resolution[1], dtS, period);
  }

  /** Frames per second actually produced: one every `periodTicks` ticks. */
  get rateHz(): number {
    return 1 / (this.periodTicks * this.dtS);
  }

  /** The same camera believed to be somewhere else (a calibration fault). */
  withError(e: PoseError): CameraModel {
    const p = this.positionM;
    return new CameraModel(this.id, [p[0] + e.positionM[0], p[1] + e.positionM[1], p[2] + e.positionM[2]], {
      yawDeg: this.angles.yawDeg + e.yawDeg,
      pitchDeg: this.angles.pitchDeg + e.pitchDeg,
      rollDeg: this.angles.rollDeg + e.rollDeg,
    }, this.hfovDeg, this.widthPx, this.heightPx, this.dtS, this.periodTicks);
  }

  /**
   * Projects a world point: writes [u, v] into `out` and returns its depth along the view axis,
   * metres (<= 0: behind the camera, `out` then undefined).
   */
  project(x: number, y: number, z: number, out: Float64Array): number {
    const k = this.k;
    const zc = k[6]! * x + k[7]! * y + k[8]! * z + k[11]!;
    if (zc <= 0) return zc;
    out[0] = (k[12]! * (k[0]! * x + k[1]! * y + k[2]! * z + k[9]!)) / zc + k[14]!;
    out[1] = (k[13]! * (k[3]! * x + k[4]! * y + k[5]! * z + k[10]!)) / zc + k[15]!;
    return zc;
  }

  /** Camera coordinates (x right, y down, z forward) of a world point, into out[at..at+2]. */
  toCamera(x: number, y: number, z: number, out: Float64Array, at: number): void {
    const k = this.k;
    out[at] = k[0]! * x + k[1]! * y + k[2]! * z + k[9]!;
    out[at + 1] = k[3]! * x + k[4]! * y + k[5]! * z + k[10]!;
    out[at + 2] = k[6]! * x + k[7]! * y + k[8]! * z + k[11]!;
  }

  /** Depth of a world point along the view axis, metres. */
  depth(x: number, y: number, z: number): number {
    const k = this.k;
    return k[6]! * x + k[7]! * y + k[8]! * z + k[11]!;
  }

  /** The calibration an operator would hold for this camera. */
  calibration(): CameraCalibration {
    // + 0 turns -0 into 0, so the description prints the same as it parses back.
    const rotation = Array.from(this.rotation, (v) => v + 0);
    return {
      id: this.id,
      positionM: this.positionM,
      rotation,
      fx: this.fx,
      fy: this.fy,
      cx: this.cx,
      cy: this.cy,
      widthPx: this.widthPx,
      heightPx: this.heightPx,
      rateHz: this.rateHz,
      floorFromPixel: floorFromPixel({ rotation, positionM: this.positionM, fx: this.fx, fy: this.fy, cx: this.cx, cy: this.cy }).map((v) => v + 0),
    };
  }
}
