import type { Vec2 } from '../../sim/geometry/Vec2.ts';
import { bounds, insidePolygon } from '../../sim/geometry/polygon.ts';
import type { RunLogHeader, RunLogLine } from '../run/RunLog.ts';

/** Heatmap cell edge, metres: about one standing person, the grain planners read floor plans at. */
export const OCCUPANCY_CELL_M = 0.5;

/** Person-seconds per m² on a square grid over the store's bounding box. */
export interface OccupancyGrid {
  /** South-west corner of cell (0, 0), metres. */
  readonly originM: Vec2;
  readonly cellM: number;
  readonly cols: number;
  readonly rows: number;
  /** Row-major, row 0 in the south: `values[row * cols + col]`, person-seconds per m². */
  readonly personSPerM2: Float64Array;
}

/** Shopping as it happened in truth, summed over a run. */
export interface CrowdSummary {
  /** Shoppers who came through an entry, or were inside the outline when they first appeared (a scenario's `crowd.initial`). */
  readonly shoppers: number;
  /** Distinct visits (a group shopping together is one visit) of those shoppers. */
  readonly visits: number;
  /** Visits whose every shopper has left through an exit. */
  readonly visitsCompleted: number;
  /** Mean of exit time minus entry time over shoppers who did both (not those who started inside); null when none did. */
  readonly meanTimeInStoreS: number | null;
  /** Units on the receipts of completed visits divided by the completed visits; null when none completed. */
  readonly itemsPerVisit: number | null;
  /** Most shoppers inside the store outline in one truth sample. */
  readonly peakInStore: number;
  /** When that peak was first reached, seconds. */
  readonly peakAtS: number;
}

/** What was bought and moved, in truth. */
export interface CheckoutTotals {
  readonly receipts: number;
  readonly units: number;
  readonly totalCents: number;
  readonly currency: string;
  readonly counterOrders: number;
  readonly takes: number;
  readonly putBacks: number;
  readonly handovers: number;
}

/** Everything the occupancy score reads off a RunLog. */
export interface OccupancyScore {
  readonly grid: OccupancyGrid;
  /** Person-seconds inside the grid. */
  readonly gridPersonS: number;
  /** Person-seconds outside the grid (queues outside the store's bounding box). */
  readonly outsideGridPersonS: number;
  readonly crowd: CrowdSummary;
  readonly checkout: CheckoutTotals;
}

/** An empty grid covering the bounding box of an outline, snapped outward to whole cells. */
export function occupancyGrid(outline: readonly Vec2[], cellM = OCCUPANCY_CELL_M): OccupancyGrid {
  const b = bounds(outline);
  const x0 = Math.floor(b.min[0] / cellM) * cellM;
  const y0 = Math.floor(b.min[1] / cellM) * cellM;
  const cols = Math.max(1, Math.ceil((b.max[0] - x0) / cellM - 1e-9));
  const rows = Math.max(1, Math.ceil((b.max[1] - y0) / cellM - 1e-9));
  return { originM: [x0, y0], cellM, cols, rows, personSPerM2: new Float64Array(cols * rows) };
}

/**
 * Scores a RunLog's lines (the header first, as read) for occupancy and crowd totals. Pure: reads
 * the lines once, in order, so it works on a RunLog in memory or streamed from disk.
 * Each truth sample stands for `header.truthIntervalS` seconds of every shopper in it.
 */
export function scoreOccupancy(lines: Iterable<RunLogLine>): OccupancyScore {
  let header: RunLogHeader | null = null;
  let grid: OccupancyGrid | null = null;
  let outline: readonly Vec2[] = [];
  let gridPersonS = 0;
  let outsideGridPersonS = 0;
  let peakInStore = 0;
  let peakAtS = 0;
  const visitOf = new Map<number, number>();
  const enteredAt = new Map<number, number>();
  const exitedAt = new Map<number, number>();
  // Shoppers seen in truth, and those of them whose first row was inside the outline.
  const seen = new Set<number>();
  const startedInside = new Set<number>();
  const receiptUnitsByVisit = new Map<number, number>();
  let receipts = 0;
  let units = 0;
  let totalCents = 0;
  let counterOrders = 0;
  let takes = 0;
  let putBacks = 0;
  let handovers = 0;

  for (const line of lines) {
    switch (line.type) {
      case 'header':
        header = line;
        outline = line.scenarioJson.store.outline;
        grid = occupancyGrid(outline);
        break;
      case 'truth': {
        if (header === null || grid === null) throw new Error('bench: scoreOccupancy needs the header line first');
        const dt = header.truthIntervalS;
        const { originM, cellM, cols, rows, personSPerM2 } = grid;
        const perM2 = dt / (cellM * cellM);
        let inside = 0;
        for (const row of line.rows) {
          const x = row[1];
          const y = row[2];
          const col = Math.floor((x - originM[0]) / cellM);
          const r = Math.floor((y - originM[1]) / cellM);
          if (col >= 0 && col < cols && r >= 0 && r < rows) {
            personSPerM2[r * cols + col]! += perM2;
            gridPersonS += dt;
          } else {
            outsideGridPersonS += dt;
          }
          const isInside = insidePolygon(x, y, outline);
          if (isInside) inside++;
          if (!seen.has(row[0])) {
            seen.add(row[0]);
            if (isInside) startedInside.add(row[0]);
          }
        }
        if (inside > peakInStore) {
          peakInStore = inside;
          peakAtS = line.t;
        }
        break;
      }
      case 'event':
        switch (line.kind) {
          case 'spawn':
            visitOf.set(line.shopper.id, line.shopper.visitId);
            break;
          case 'entered':
            if (!enteredAt.has(line.shopper)) enteredAt.set(line.shopper, line.t);
            break;
          case 'exited':
            exitedAt.set(line.shopper, line.t);
            break;
          case 'receipt': {
            const n = line.lines.reduce((sum, l) => sum + l.qty, 0);
            receipts++;
            units += n;
            totalCents += line.totalCents;
            receiptUnitsByVisit.set(line.visitId, (receiptUnitsByVisit.get(line.visitId) ?? 0) + n);
            break;
          }
          case 'order':
            counterOrders++;
            break;
          case 'take':
            takes++;
            break;
          case 'put-back':
            putBacks++;
            break;
          case 'handover':
            handovers++;
            break;
          default:
            break;
        }
        break;
      default:
        break;
    }
  }
  if (header === null || grid === null) throw new Error('bench: scoreOccupancy got no header line');

  // A shopper with no spawn line (should not happen) counts as a visit of their own, keyed negative.
  const visitKey = (shopper: number) => visitOf.get(shopper) ?? -1 - shopper;
  const shoppers = new Set([...enteredAt.keys(), ...startedInside]);
  const visitDone = new Map<number, boolean>();
  let timeSum = 0;
  let timeCount = 0;
  for (const shopper of shoppers) {
    const tIn = enteredAt.get(shopper);
    const tOut = exitedAt.get(shopper);
    const key = visitKey(shopper);
    visitDone.set(key, (visitDone.get(key) ?? true) && tOut !== undefined);
    if (tIn !== undefined && tOut !== undefined) {
      timeSum += tOut - tIn;
      timeCount++;
    }
  }
  let visitsCompleted = 0;
  let completedUnits = 0;
  for (const [visit, done] of visitDone) {
    if (!done) continue;
    visitsCompleted++;
    completedUnits += receiptUnitsByVisit.get(visit) ?? 0;
  }

  return {
    grid,
    gridPersonS,
    outsideGridPersonS,
    crowd: {
      shoppers: shoppers.size,
      visits: visitDone.size,
      visitsCompleted,
      meanTimeInStoreS: timeCount > 0 ? timeSum / timeCount : null,
      itemsPerVisit: visitsCompleted > 0 ? completedUnits / visitsCompleted : null,
      peakInStore,
      peakAtS,
    },
    checkout: { receipts, units, totalCents, currency: header.catalog.currency, counterOrders, takes, putBacks, handovers },
  };
}

