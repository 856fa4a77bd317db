import type { RunData } from './collectRun.ts';
import type { OccupancyGrid } from './occupancy.ts';
import { occupancyGrid } from './occupancy.ts';
import { mean } from './stats.ts';

/** Fruin's walkway levels of service A..F: upper densities of A..E, persons per m² (Fruin 1971). */
export const FRUIN_WALKWAY_LIMITS = [0.31, 0.43, 0.72, 1.08, 2.17] as const;
/** Level of service names, A (free flow) to F (breakdown). */
export const FRUIN_LEVELS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** How the layout figures are taken. */
export interface LayoutScoreConfig {
  /** Local density counts people within this radius (self included): 1.5 m, about a 7 m² neighbourhood, what a walker reacts to. */
  readonly densityRadiusM: number;
  /** Below this speed between samples a shopper dwells: slower than a shuffle in a queue. */
  readonly dwellSpeedMps: number;
  /** Congestion maps person-time at this level of service or worse (D: restricted, frequent conflicts). */
  readonly congestedFrom: (typeof FRUIN_LEVELS)[number];
}

/** Defaults of LayoutScoreConfig. */
export const LAYOUT_SCORE: LayoutScoreConfig = { densityRadiusM: 1.5, dwellSpeedMps: 0.2, congestedFrom: 'D' };

/** How a layout performed for shoppers. */
export interface LayoutScore {
  readonly visits: number;
  readonly meanTimeInStoreS: number | null;
  /** Mean walked distance inside the store per shopper who was inside, metres. */
  readonly meanPathLengthM: number | null;
  readonly itemsPerVisit: number | null;
  /** Takes not on the shopper's list. */
  readonly unplannedPicks: number;
  readonly unplannedPicksPerVisit: number | null;
  /** Highest local density any shopper stood in, persons/m², and when. */
  readonly peakDensityPerM2: number;
  readonly peakDensityAtS: number;
  /** Share of person-time inside at each Fruin level A..F (sums to 1, or all 0 with nobody inside). */
  readonly fruinShare: Readonly<Record<(typeof FRUIN_LEVELS)[number], number>>;
  /** Person-seconds per m² spent dwelling, and spent at congestedFrom or worse, on the occupancy grid. */
  readonly dwellGrid: OccupancyGrid;
  readonly congestionGrid: OccupancyGrid;
}

/** The Fruin level index 0..5 of a density in persons/m². */
export function fruinLevel(densityPerM2: number): number {
  let k = 0;
  while (k < FRUIN_WALKWAY_LIMITS.length && densityPerM2 > FRUIN_WALKWAY_LIMITS[k]!) k++;
  return k;
}

/** Layout figures from the truth: walking, dwelling, crowding. */
export function scoreLayout(run: RunData, config: LayoutScoreConfig = LAYOUT_SCORE): LayoutScore {
  const outline = run.header.scenarioJson.store.outline;
  const dwellGrid = occupancyGrid(outline);
  const congestionGrid = occupancyGrid(outline);
  const dt = run.header.truthIntervalS;
  const area = Math.PI * config.densityRadiusM ** 2;
  const r2 = config.densityRadiusM ** 2;
  const congestedFrom = FRUIN_LEVELS.indexOf(config.congestedFrom);
  const levelTime = new Float64Array(FRUIN_LEVELS.length);
  const path = new Map<number, number>();
  const last = new Map<number, { x: number; y: number; t: number }>();
  let peak = 0;
  let peakAt = 0;
  const add = (grid: OccupancyGrid, x: number, y: number, personS: number) => {
    const c = Math.floor((x - grid.originM[0]) / grid.cellM);
    const r = Math.floor((y - grid.originM[1]) / grid.cellM);
    if (c >= 0 && c < grid.cols && r >= 0 && r < grid.rows) grid.personSPerM2[r * grid.cols + c]! += personS / (grid.cellM * grid.cellM);
  };
  for (const f of run.truth) {
    const n = f.ids.length;
    for (let i = 0; i < n; i++) {
      if (f.inside[i] === 0) continue;
      const x = f.xy[2 * i]!;
      const y = f.xy[2 * i + 1]!;
      let near = 0;
      for (let j = 0; j < n; j++) {
        if (f.inside[j] === 0) continue;
        const dx = f.xy[2 * j]! - x;
        const dy = f.xy[2 * j + 1]! - y;
        if (dx * dx + dy * dy <= r2) near++;
      }
      const density = near / area;
      if (density > peak) {
        peak = density;
        peakAt = f.t;
      }
      const level = fruinLevel(density);
      levelTime[level]! += dt;
      if (level >= congestedFrom) add(congestionGrid, x, y, dt);
      const id = f.ids[i]!;
      const prev = last.get(id);
      if (prev !== undefined) {
        const d = Math.hypot(x - prev.x, y - prev.y);
        path.set(id, (path.get(id) ?? 0) + d);
        if (d / Math.max(1e-9, f.t - prev.t) < config.dwellSpeedMps) add(dwellGrid, x, y, f.t - prev.t);
      } else {
        path.set(id, 0);
      }
      last.set(id, { x, y, t: f.t });
    }
    // A shopper who stepped outside starts a new stretch when back.
    for (let i = 0; i < n; i++) if (f.inside[i] === 0) last.delete(f.ids[i]!);
  }
  const total = levelTime.reduce((s, v) => s + v, 0);
  const fruinShare = Object.fromEntries(FRUIN_LEVELS.map((l, k) => [l, total > 0 ? levelTime[k]! / total : 0])) as Record<(typeof FRUIN_LEVELS)[number], number>;
  const visits = run.occupancy.crowd.visits;
  let unplanned = 0;
  for (const e of run.events) if (e.kind === 'take' && !e.planned) unplanned++;
  return {
    visits,
    meanTimeInStoreS: run.occupancy.crowd.meanTimeInStoreS,
    meanPathLengthM: mean([...path.values()]),
    itemsPerVisit: run.occupancy.crowd.itemsPerVisit,
    unplannedPicks: unplanned,
    unplannedPicksPerVisit: visits === 0 ? null : unplanned / visits,
    peakDensityPerM2: peak,
    peakDensityAtS: peakAt,
    fruinShare,
    dwellGrid,
    congestionGrid,
  };
}
