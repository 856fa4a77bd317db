import type { Vec2 } from '../geometry/Vec2.ts';
import { NavGrid } from '../nav/NavGrid.ts';
import type { Scenario, Sku } from '../scenario/Scenario.ts';
import type { Access, Opening, WallSegment } from './StoreLayout.ts';
import { footprintCorners, frontAccess, locateOpening, slotAccess, wallSegments } from './StoreLayout.ts';

/** Nav cell edge, metres: fine enough that a 0.9 m gate leaves a clear lane. */
export const NAV_CELL_M = 0.1;
/** Clearance a walker's centre keeps from walls and fixtures: body radius 0.2 m plus 0.05 m. */
export const NAV_CLEARANCE_M = 0.25;
/** How far the walkable apron reaches outside a door, metres (where queues form). */
export const APRON_DEPTH_M = 6;

/** A slot with its derived id, geometry and SKU. */
export interface StoreSlot {
  /** `shelfId/f<level>-<column>` (front) or `shelfId/b<level>-<column>` (back). */
  readonly id: string;
  readonly index: number;
  readonly shelfId: string;
  readonly shelfIndex: number;
  readonly slotIndex: number;
  readonly sku: Sku;
  readonly facings: number;
  readonly initialStock: number;
  readonly access: Access;
  /** Whether a weight plate sits under it. */
  readonly plated: boolean;
}

/** A door with the points where walkers spawn outside, queue, and stand inside. */
export interface StoreDoor extends Opening {
  readonly kind: string;
  /** Outside, where arrivals appear (entries) or where leavers vanish (exits). */
  readonly outside: Vec2;
  /** Just inside the opening. */
  readonly inside: Vec2;
}

/** The geometry of a scenario's store, derived once: walls, fixtures, slots, doors and the nav grid. */
export interface Store {
  readonly outline: readonly Vec2[];
  readonly walls: readonly WallSegment[];
  /** Fixture footprints (shelves, counters, rooms) as convex polygons, with what they are. */
  readonly fixtures: readonly { readonly path: string; readonly id: string; readonly corners: readonly Vec2[]; readonly heightM: number }[];
  readonly slots: readonly StoreSlot[];
  readonly slotById: ReadonlyMap<string, StoreSlot>;
  readonly entries: readonly StoreDoor[];
  readonly exits: readonly StoreDoor[];
  readonly counters: readonly { readonly id: string; readonly access: Access }[];
  readonly fittingRooms: readonly { readonly id: string; readonly access: Access }[];
  readonly nav: NavGrid;
  /** Floor area inside the outline, m². */
  readonly areaM2: number;
}

/** The id of a slot from its shelf and place. */
export function slotId(shelfId: string, s: { level: number; column: number; face: 'front' | 'back' }): string {
  return `${shelfId}/${s.face === 'front' ? 'f' : 'b'}${s.level}-${s.column}`;
}

/** Derives the store geometry of a scenario (its SKUs must already be known to exist). */
export function buildStore(scenario: Omit<Scenario, 'catalog' | 'catalogPath'> & { catalog: { byId: ReadonlyMap<string, Sku> } }): Store {
  const st = scenario.store;
  const outline = st.outline;
  const door = (o: { id: string; position: Vec2; widthM: number; kind: string }): StoreDoor => {
    const at = locateOpening(outline, o);
    const [ix, iy] = at.inward;
    return {
      ...at,
      kind: o.kind,
      outside: [o.position[0] - ix * 2.5, o.position[1] - iy * 2.5],
      inside: [o.position[0] + ix * 0.8, o.position[1] + iy * 0.8],
    };
  };
  const entries = st.entries.map(door);
  const exits = st.exits.map(door);
  const walls = wallSegments(outline, [...entries, ...exits], st.walls);
  const fixtures = [
    ...st.shelves.map((s, i) => ({ path: `store.shelves[${i}]`, id: s.id, corners: footprintCorners(s), heightM: s.heightM })),
    ...st.counters.map((c, i) => ({ path: `store.counters[${i}]`, id: c.id, corners: footprintCorners(c), heightM: c.heightM })),
    ...st.fittingRooms.map((f, i) => ({ path: `store.fittingRooms[${i}]`, id: f.id, corners: footprintCorners(f), heightM: f.heightM })),
  ];
  const platedShelves = scenario.sensors.plates.shelves;
  const slots: StoreSlot[] = [];
  st.shelves.forEach((shelf, shelfIndex) => {
    shelf.slots.forEach((s, slotIndex) => {
      slots.push({
        id: slotId(shelf.id, s),
        index: slots.length,
        shelfId: shelf.id,
        shelfIndex,
        slotIndex,
        sku: scenario.catalog.byId.get(s.sku)!,
        facings: s.facings,
        initialStock: s.stock,
        access: slotAccess(shelf, s),
        plated: platedShelves === 'all' || platedShelves.includes(shelf.id),
      });
    });
  });
  const aprons = [...entries, ...exits].map(apron);
  const nav = new NavGrid({
    regions: [outline, ...aprons],
    obstacles: fixtures.map((f) => f.corners),
    walls,
    cellM: NAV_CELL_M,
    clearanceM: NAV_CLEARANCE_M,
  });
  let area = 0;
  for (let i = 0; i < outline.length; i++) {
    const a = outline[i]!;
    const b = outline[(i + 1) % outline.length]!;
    area += a[0] * b[1] - b[0] * a[1];
  }
  return {
    outline,
    walls,
    fixtures,
    slots,
    slotById: new Map(slots.map((s) => [s.id, s])),
    entries,
    exits,
    counters: st.counters.map((c) => ({ id: c.id, access: frontAccess(c) })),
    fittingRooms: st.fittingRooms.map((f) => ({ id: f.id, access: frontAccess(f) })),
    nav,
    areaM2: Math.abs(area) / 2,
  };
}

/** The walkable strip outside a door: as wide as the door plus 2 m, APRON_DEPTH_M deep. */
function apron(d: Opening): Vec2[] {
  const [ix, iy] = d.inward;
  const tx = -iy;
  const ty = ix;
  const hw = d.widthM / 2 + 1;
  const [px, py] = d.position;
  // Starts 0.05 m inside so the apron meets the store through the opening.
  const near = -0.05;
  const far = APRON_DEPTH_M;
  return [
    [px - ix * near + tx * hw, py - iy * near + ty * hw],
    [px - ix * far + tx * hw, py - iy * far + ty * hw],
    [px - ix * far - tx * hw, py - iy * far - ty * hw],
    [px - ix * near - tx * hw, py - iy * near - ty * hw],
  ];
}
