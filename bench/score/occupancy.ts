import type { Vec2 } from '../../sim/geometry/Vec2.ts';
import { bounds, insidePolygon } from '../../sim/geometry/polygon.ts';
import type { RunLogHeader, RunLogLine } from '../run/RunLog.ts';
import type { TruthEvent } from '../../sim/truth/Truth.ts';

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
  let tally: OccupancyTally | null = null;
  for (const line of lines) {
    switch (line.type) {
      case 'header':
        tally = new OccupancyTally(line);
        break;
      case 'truth': {
        if (tally === null) throw new Error('bench: scoreOccupancy needs the header line first');
        const outline = tally.outline;
        const rows = line.rows;
        const xy = new Float64Array(2 * rows.length);
        const inside = new Uint8Array(rows.length);
        for (let i = 0; i < rows.length; i++) {
          xy[2 * i] = rows[i]![1];
          xy[2 * i + 1] = rows[i]![2];
          inside[i] = insidePolygon(rows[i]![1], rows[i]![2], outline) ? 1 : 0;
        }
        tally.truth(line.t, rows.map((r) => r[0]), xy, inside);
        break;
      }
      case 'event':
        tally?.event(line);
        break;
      default:
        break;
    }
  }
  if (tally === null) throw new Error('bench: scoreOccupancy got no header line');
  return tally.result();
}

/**
 * The occupancy score accumulated truth sample by truth sample and event by event. The two
 * share no state, so the truth samples in order, then the events in order, give what the lines
 * in their interleaved order give.
 */
export class OccupancyTally {
  /** The store outline (from the header). */
  readonly outline: readonly Vec2[];
  private readonly header: RunLogHeader;
  private readonly grid: OccupancyGrid;
  private gridPersonS = 0;
  private outsideGridPersonS = 0;
  private peakInStore = 0;
  private peakAtS = 0;
  private readonly visitOf = new Map<number, number>();
  private readonly enteredAt = new Map<number, number>();
  private readonly exitedAt = new Map<number, number>();
  // Shoppers seen in truth, and those of them whose first row was inside the outline.
  private readonly seen = new Set<number>();
  private readonly startedInside = new Set<number>();
  private readonly receiptUnitsByVisit = new Map<number, number>();
  private receipts = 0;
  private units = 0;
  private totalCents = 0;
  private counterOrders = 0;
  private takes = 0;
  private putBacks = 0;
  private handovers = 0;

  constructor(header: RunLogHeader) {
    this.header = header;
    this.outline = header.scenarioJson.store.outline;
    this.grid = occupancyGrid(this.outline);
  }

  /** One truth sample: shopper ids, positions (x0, y0, x1, y1 ...) and whether each is inside the outline. */
  truth(t: number, ids: ArrayLike<number>, xy: ArrayLike<number>, inside: ArrayLike<number>): void {
    const dt = this.header.truthIntervalS;
    const { originM, cellM, cols, rows, personSPerM2 } = this.grid;
    const perM2 = dt / (cellM * cellM);
    let insideCount = 0;
    for (let i = 0; i < ids.length; i++) {
      const x = xy[2 * i]!;
      const y = xy[2 * i + 1]!;
      const col = Math.floor((x - originM[0]) / cellM);
      const r = Math.floor((y - originM[1]) / cellM);
      if (col >= 0 && col < cols && r >= 0 && r < rows) {
        personSPerM2[r * cols + col]! += perM2;
        this.gridPersonS += dt;
      } else {
        this.outsideGridPersonS += dt;
      }
      const isInside = inside[i] !== 0;
      if (isInside) insideCount++;
      const id = ids[i]!;
      if (!this.seen.has(id)) {
        this.seen.add(id);
        if (isInside) this.startedInside.add(id);
      }
    }
    if (insideCount > this.peakInStore) {
      this.peakInStore = insideCount;
      this.peakAtS = t;
    }
  }

  /** One truth event. */
  event(e: TruthEvent): void {
    switch (e.kind) {
      case 'spawn':
        this.visitOf.set(e.shopper.id, e.shopper.visitId);
        break;
      case 'entered':
        if (!this.enteredAt.has(e.shopper)) this.enteredAt.set(e.shopper, e.t);
        break;
      case 'exited':
        this.exitedAt.set(e.shopper, e.t);
        break;
      case 'receipt': {
        const n = e.lines.reduce((sum, l) => sum + l.qty, 0);
        this.receipts++;
        this.units += n;
        this.totalCents += e.totalCents;
        this.receiptUnitsByVisit.set(e.visitId, (this.receiptUnitsByVisit.get(e.visitId) ?? 0) + n);
        break;
      }
      case 'order':
        this.counterOrders++;
        break;
      case 'take':
        this.takes++;
        break;
      case 'put-back':
        this.putBacks++;
        break;
      case 'handover':
        this.handovers++;
        break;
      default:
        break;
    }
  }

  /** The score of everything tallied. */
  result(): OccupancyScore {
    const { visitOf, enteredAt, exitedAt, startedInside, receiptUnitsByVisit } = this;
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
      grid: this.grid,
      gridPersonS: this.gridPersonS,
      outsideGridPersonS: this.outsideGridPersonS,
      crowd: {
        shoppers: shoppers.size,
        visits: visitDone.size,
        visitsCompleted,
        meanTimeInStoreS: timeCount > 0 ? timeSum / timeCount : null,
        itemsPerVisit: visitsCompleted > 0 ? completedUnits / visitsCompleted : null,
        peakInStore: this.peakInStore,
        peakAtS: this.peakAtS,
      },
      checkout: {
        receipts: this.receipts, units: this.units, totalCents: this.totalCents, currency: this.header.catalog.currency,
        counterOrders: this.counterOrders, takes: this.takes, putBacks: this.putBacks, handovers: this.handovers,
      },
    };
  }
}

