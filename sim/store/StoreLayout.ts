import type { Vec2 } from '../geometry/Vec2.ts';
import { closestOnSegment, distance, rotate } from '../geometry/Vec2.ts';
import { signedArea } from '../geometry/polygon.ts';

/** A point in the store in metres: floor x, y and height z. */
export type Vec3 = readonly [x: number, y: number, z: number];

/** A rectangle as the scenario declares it. */
export interface Footprint {
  readonly center: Vec2;
  readonly rotationDeg: number;
  readonly widthM: number;
  readonly depthM: number;
  readonly heightM: number;
}

/** Where a shopper stands to reach a slot, counter or room, and where their hand goes. */
export interface Access {
  /** Floor point in front of the face, at arm's length. */
  readonly standAt: Vec2;
  /** Unit vector from standAt towards the face. */
  readonly facing: Vec2;
  /** The hand target inside the slot, 3D. */
  readonly reachTo: Vec3;
}

/** How far from a face a shopper stands, metres: an arm's length for someone 0.2 m in radius. */
export const STAND_OFF_M = 0.45;

/** The four corners of a footprint, counter-clockwise. */
export function footprintCorners(f: Footprint): Vec2[] {
  const rad = (f.rotationDeg * Math.PI) / 180;
  const hw = f.widthM / 2;
  const hd = f.depthM / 2;
  const local: Vec2[] = [[-hw, -hd], [hw, -hd], [hw, hd], [-hw, hd]];
  return local.map((p) => {
    const [x, y] = rotate(p, rad);
    return [f.center[0] + x, f.center[1] + y] as Vec2;
  });
}

/** Local (footprint-frame) point to floor point. */
export function toFloor(f: Footprint, local: Vec2): Vec2 {
  const [x, y] = rotate(local, (f.rotationDeg * Math.PI) / 180);
  return [f.center[0] + x, f.center[1] + y];
}

/** The front face's outward unit normal (at rotation 0 it is -y). */
export function frontNormal(f: Footprint): Vec2 {
  return rotate([0, -1], (f.rotationDeg * Math.PI) / 180);
}

/** Slot position within a shelf, as the scenario declares it. */
export interface SlotPlace {
  readonly level: number;
  readonly column: number;
  readonly face: 'front' | 'back';
}

/** Shelf shape that slot geometry depends on. */
export interface ShelfShape extends Footprint {
  readonly levels: number;
  readonly columns: number;
}

/** Where a shopper stands for a slot and where their hand reaches into it. */
export function slotAccess(shelf: ShelfShape, slot: SlotPlace): Access {
  const colW = shelf.widthM / shelf.columns;
  const xLocal = -shelf.widthM / 2 + (slot.column + 0.5) * colW;
  const sign = slot.face === 'front' ? -1 : 1;
  const edge = toFloor(shelf, [xLocal, (sign * shelf.depthM) / 2]);
  const inside = toFloor(shelf, [xLocal, sign * Math.max(0, shelf.depthM / 2 - 0.15)]);
  const n = rotate([0, sign], (shelf.rotationDeg * Math.PI) / 180);
  const levelH = shelf.heightM / shelf.levels;
  const z = Math.min(2.0, (slot.level + 0.5) * levelH);
  return {
    standAt: [edge[0] + n[0] * STAND_OFF_M, edge[1] + n[1] * STAND_OFF_M],
    facing: [-n[0], -n[1]],
    reachTo: [inside[0], inside[1], z],
  };
}

/** Where a shopper stands at the front of a counter or fitting room. */
export function frontAccess(f: Footprint): Access {
  const n = frontNormal(f);
  const edge = toFloor(f, [0, -f.depthM / 2]);
  return {
    standAt: [edge[0] + n[0] * STAND_OFF_M, edge[1] + n[1] * STAND_OFF_M],
    facing: [-n[0], -n[1]],
    reachTo: [edge[0], edge[1], Math.min(1.1, f.heightM)],
  };
}

/** An opening in the outline (entry or exit): where it is and which way is in. */
export interface Opening {
  readonly id: string;
  readonly position: Vec2;
  readonly widthM: number;
  /** Unit vector pointing into the store. */
  readonly inward: Vec2;
  /** Index of the outline edge the opening sits on. */
  readonly edge: number;
  /** Distance from the declared position to that edge, metres. */
  readonly offEdgeM: number;
}

/** Finds the outline edge an opening sits on and its inward normal. */
export function locateOpening(outline: readonly Vec2[], o: { id: string; position: Vec2; widthM: number }): Opening {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < outline.length; i++) {
    const d = distance(o.position, closestOnSegment(o.position, outline[i]!, outline[(i + 1) % outline.length]!));
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  const a = outline[best]!;
  const b = outline[(best + 1) % outline.length]!;
  const len = distance(a, b);
  const ccw = signedArea(outline) > 0;
  // For a counter-clockwise outline the interior lies to the left of each edge.
  const left: Vec2 = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
  const inward: Vec2 = ccw ? left : [-left[0], -left[1]];
  return { id: o.id, position: o.position, widthM: o.widthM, inward, edge: best, offEdgeM: bestD };
}

/** A wall piece: a segment with a thickness. */
export interface WallSegment {
  readonly from: Vec2;
  readonly to: Vec2;
  readonly thicknessM: number;
}

/** The outline's walls with the openings cut out of them, plus interior walls. */
export function wallSegments(
  outline: readonly Vec2[],
  openings: readonly Opening[],
  interior: readonly WallSegment[],
): WallSegment[] {
  const out: WallSegment[] = [];
  for (let i = 0; i < outline.length; i++) {
    const a = outline[i]!;
    const b = outline[(i + 1) % outline.length]!;
    const len = distance(a, b);
    const cuts = openings
      .filter((o) => o.edge === i)
      .map((o) => {
        const t = ((o.position[0] - a[0]) * (b[0] - a[0]) + (o.position[1] - a[1]) * (b[1] - a[1])) / (len * len);
        const half = o.widthM / 2 / len;
        return [Math.max(0, t - half), Math.min(1, t + half)] as const;
      })
      .sort((p, q) => p[0] - q[0]);
    let start = 0;
    for (const [t0, t1] of cuts) {
      if (t0 > start) out.push({ from: lerp(a, b, start), to: lerp(a, b, t0), thicknessM: 0.1 });
      start = Math.max(start, t1);
    }
    if (start < 1) out.push({ from: lerp(a, b, start), to: b, thicknessM: 0.1 });
  }
  return out.concat(interior);
}

function lerp(a: Vec2, b: Vec2, t: number): Vec2 {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}
