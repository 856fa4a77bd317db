import { convexOverlap, pointInPolygon, segmentsCross, signedArea } from '../geometry/polygon.ts';
import type { Vec2 } from '../geometry/Vec2.ts';
import type { Store } from '../store/Store.ts';
import type { ScenarioIssue } from './ScenarioIssue.ts';

/** A fixture may touch the outline: it is checked this far in from its edges, metres. */
const FLUSH_M = 0.01;

/** Moves every corner of a convex polygon `m` metres towards its centroid. */
function inset(corners: readonly Vec2[], m: number): Vec2[] {
  const cx = corners.reduce((a, p) => a + p[0], 0) / corners.length;
  const cy = corners.reduce((a, p) => a + p[1], 0) / corners.length;
  return corners.map((p) => {
    const d = Math.hypot(p[0] - cx, p[1] - cy);
    return d <= m ? [cx, cy] : [p[0] + ((cx - p[0]) * m) / d, p[1] + ((cy - p[1]) * m) / d];
  });
}

/** How far a declared door may sit from the outline, metres. */
const ON_OUTLINE_M = 0.05;

/** Geometric checks: a simple outline, fixtures inside and apart, doors on the outline, everything reachable. */
export function checkGeometry(store: Store): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const outline = store.outline;
  const n = outline.length;

  if (Math.abs(signedArea(outline)) < 1) add('store.outline', 'the outline encloses less than 1 m² (are the points in metres?)');
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsCross(outline[i]!, outline[(i + 1) % n]!, outline[j]!, outline[(j + 1) % n]!)) {
        add('store.outline', `edges ${i} and ${j} cross: the outline must be a simple polygon`);
      }
    }
  }

  for (const f of store.fixtures) {
    // Tested 1 cm in from its corners, so a shelf flush against a wall counts as inside.
    const c = inset(f.corners, FLUSH_M);
    const outside = c.some((p) => !pointInPolygon(p, outline))
      || c.some((p, k) => outline.some((q, m) => segmentsCross(p, c[(k + 1) % c.length]!, q, outline[(m + 1) % n]!)));
    if (outside) add(f.path, `"${f.id}" is not inside the store outline`);
  }
  for (let i = 0; i < store.fixtures.length; i++) {
    for (let j = i + 1; j < store.fixtures.length; j++) {
      const a = store.fixtures[i]!;
      const b = store.fixtures[j]!;
      if (convexOverlap(a.corners, b.corners)) add(b.path, `"${b.id}" overlaps "${a.id}" (${a.path})`);
    }
  }

  const doors = [
    ...store.entries.map((d, i) => ({ d, path: `store.entries[${i}]` })),
    ...store.exits.map((d, i) => ({ d, path: `store.exits[${i}]` })),
  ];
  for (const { d, path } of doors) {
    if (d.offEdgeM > ON_OUTLINE_M) add(`${path}.position`, `"${d.id}" is ${d.offEdgeM.toFixed(2)} m off the outline; a door must sit on it`);
  }
  if (issues.length > 0) return issues; // reachability means little in a broken floor plan

  const nav = store.nav;
  const entryCells = store.entries.map((e) => nav.nearestWalkable(e.inside, 0.5));
  store.entries.forEach((e, i) => {
    if (entryCells[i]! < 0) add(`store.entries[${i}]`, `no room to walk just inside "${e.id}"`);
  });
  const exitCells = store.exits.map((e) => nav.nearestWalkable(e.inside, 0.5));
  store.exits.forEach((e, i) => {
    if (exitCells[i]! < 0) add(`store.exits[${i}]`, `no room to walk just inside "${e.id}"`);
  });
  if (issues.length > 0) return issues;

  for (const [i, e] of store.entries.entries()) {
    const outsideCell = nav.nearestWalkable(e.outside, 0.5);
    const fromOutside = nav.reachableFrom(outsideCell);
    if (fromOutside[entryCells[i]!] !== 1) add(`store.entries[${i}]`, `"${e.id}" cannot be walked through from outside (is it wide enough, or blocked by a fixture?)`);
  }
  const fromEntry = nav.reachableFrom(entryCells[0]!);
  const reachesExit = exitCells.map((cell) => nav.reachableFrom(cell));
  for (const [i, e] of store.exits.entries()) {
    if (fromEntry[exitCells[i]!] !== 1) add(`store.exits[${i}]`, `"${e.id}" cannot be reached from entry "${store.entries[0]!.id}"`);
    const outsideCell = nav.nearestWalkable(e.outside, 0.5);
    if (reachesExit[i]![outsideCell] !== 1) add(`store.exits[${i}]`, `"${e.id}" cannot be walked through to the outside`);
  }
  const check = (path: string, what: string, at: readonly [number, number]) => {
    const cell = nav.nearestWalkable(at, 0.3);
    if (cell < 0 || fromEntry[cell] !== 1) add(path, `${what} cannot be reached from entry "${store.entries[0]!.id}" (no free floor where one would stand, or walled off)`);
    else if (!reachesExit.some((r) => r[cell] === 1)) add(path, `no exit can be reached from ${what}`);
  };
  for (const s of store.slots) check(`store.shelves[${s.shelfIndex}].slots[${s.slotIndex}]`, `slot "${s.id}"`, s.access.standAt);
  store.counters.forEach((c, i) => check(`store.counters[${i}]`, `counter "${c.id}"`, c.access.standAt));
  store.fittingRooms.forEach((f, i) => check(`store.fittingRooms[${i}]`, `fitting room "${f.id}"`, f.access.standAt));
  return issues;
}
