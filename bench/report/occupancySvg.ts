import { interpolateViridis } from 'd3-scale-chromatic';
import type { Vec2 } from '../../sim/geometry/Vec2.ts';
import { bounds } from '../../sim/geometry/polygon.ts';
import type { Store } from '../../sim/store/Store.ts';
import type { OccupancyGrid } from '../score/occupancy.ts';

/** Drawing constants of the floor-plan heatmap, in SVG pixels unless named otherwise. */
const LAYOUT = {
  /** Target drawing width of the floor plan; the scale is clamped to [MIN, MAX] px per metre. */
  planWidthPx: 760,
  minPxPerM: 12,
  maxPxPerM: 90,
  margin: 24,
  titleH: 52,
  legendW: 150,
  footerH: 64,
  legendBarW: 16,
  legendBarH: 220,
  legendTickGapPx: 14,
  /** Blank border around the floor plan, at least this many pixels (or 1.2 m). */
  minPadPx: 40,
  /** Door labels start this far outside the outline, metres, and move out a line at a time to clear each other. */
  doorLabelOffsetM: 0.15,
  doorLabelTries: 6,
  doorFontPx: 11,
} as const;

/** What the heatmap shows. */
export interface OccupancySvgInput {
  readonly store: Store;
  readonly grid: OccupancyGrid;
  readonly title: string;
  readonly subtitle: string;
  /** Unit of the cell values (legend and tooltips); default person-s/m². */
  readonly unit?: string;
  /** Line under the plan saying what is shown; default the occupancy caption. */
  readonly caption?: string;
  /** Colour scale: `sqrt` (default) keeps quiet aisles readable; `linear` suits small counts (cameras per cell). */
  readonly scale?: 'sqrt' | 'linear';
  /** Cells drawn red as blind spots (1 = blind), whatever their value: what store planners look for. */
  readonly blind?: Uint8Array;
}

/** Colour of a blind-spot cell. */
const BLIND_FILL = '#d62728';

/**
 * The floor plan (outline, walls, fixtures, labelled doors) with occupancy cells coloured on the
 * perceptually uniform viridis scale (d3-scale-chromatic), a legend in person-s/m² and a scale bar
 * in metres. Colour follows the square root of the value so that quiet aisles stay readable next
 * to a queue; the legend's ticks sit where their values fall. A pure string: no DOM.
 */
export function occupancySvg(input: OccupancySvgInput): string {
  const { store, grid } = input;
  const unit = input.unit ?? 'person-s/m²';
  const x0 = grid.originM[0];
  const y0 = grid.originM[1];
  const widthM = grid.cols * grid.cellM;
  const heightM = grid.rows * grid.cellM;
  const s = Math.min(LAYOUT.maxPxPerM, Math.max(LAYOUT.minPxPerM, LAYOUT.planWidthPx / widthM));
  // Room around the plan for door labels and the first metre of the aprons outside.
  const padPx = Math.max(LAYOUT.minPadPx, 1.2 * s);
  const planX = LAYOUT.margin + padPx;
  const planY = LAYOUT.titleH + padPx;
  const planW = widthM * s;
  const planH = heightM * s;
  const W = Math.ceil(planX + planW + padPx + LAYOUT.legendW + LAYOUT.margin);
  const H = Math.ceil(planY + Math.max(planH + padPx, LAYOUT.legendBarH + 40) + LAYOUT.footerH);
  const px = (x: number) => f1(planX + (x - x0) * s);
  const py = (y: number) => f1(planY + (y0 + heightM - y) * s);
  const pts = (poly: readonly Vec2[]) => poly.map(([x, y]) => `${px(x)},${py(y)}`).join(' ');

  let max = 0;
  for (let i = 0; i < grid.personSPerM2.length; i++) max = Math.max(max, grid.personSPerM2[i]!);
  const linear = input.scale === 'linear';
  const fraction = (v: number) => (max > 0 ? (linear ? v / max : Math.sqrt(v / max)) : 0);
  const colour = (v: number) => interpolateViridis(fraction(v));
  // Several heatmaps share one HTML page: each gradient needs its own id.
  const gradientId = `scale-${input.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${LAYOUT.margin}" y="24" font-size="17" font-weight="bold">${esc(input.title)}</text>`);
  out.push(`<text x="${LAYOUT.margin}" y="43" font-size="12" fill="#444">${esc(input.subtitle)}</text>`);

  // Floor.
  out.push(`<polygon points="${pts(store.outline)}" fill="#f2f2f2" stroke="none"/>`);

  // Heat cells: zero cells are left as floor.
  out.push('<g shape-rendering="crispEdges">');
  const cellPx = f1(grid.cellM * s);
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const v = grid.personSPerM2[r * grid.cols + c]!;
      const x = x0 + c * grid.cellM;
      const y = y0 + (r + 1) * grid.cellM;
      if (input.blind?.[r * grid.cols + c] === 1) {
        out.push(`<rect x="${px(x)}" y="${py(y)}" width="${cellPx}" height="${cellPx}" fill="${BLIND_FILL}" fill-opacity="0.75"><title>blind spot</title></rect>`);
        continue;
      }
      if (v <= 0) continue;
      out.push(`<rect x="${px(x)}" y="${py(y)}" width="${cellPx}" height="${cellPx}" fill="${colour(v)}"><title>${f1(v)} ${unit}</title></rect>`);
    }
  }
  out.push('</g>');

  // Fixtures: shelves grey, counters and fitting rooms a warmer grey; ids on top.
  const labelPx = Math.max(8, Math.min(12, s * 0.28));
  for (const f of store.fixtures) {
    const fill = f.path.startsWith('store.shelves') ? '#8c8c8c' : '#a08c78';
    out.push(`<polygon points="${pts(f.corners)}" fill="${fill}" fill-opacity="0.9" stroke="#404040" stroke-width="1"/>`);
    const [cx, cy] = centroid(f.corners);
    const b = bounds(f.corners);
    // Labels run along the fixture's longer side.
    const upright = b.max[1] - b.min[1] > (b.max[0] - b.min[0]) * 1.2;
    const tx = upright ? f1(Number(px(cx)) + labelPx * 0.35) : px(cx);
    const ty = upright ? py(cy) : f1(Number(py(cy)) + labelPx * 0.35);
    const rotate = upright ? ` transform="rotate(-90 ${tx} ${ty})"` : '';
    out.push(`<text x="${tx}" y="${ty}"${rotate} font-size="${f1(labelPx)}" text-anchor="middle" fill="#ffffff">${esc(f.id)}</text>`);
  }

  // Walls.
  for (const w of store.walls) {
    out.push(`<line x1="${px(w.from[0])}" y1="${py(w.from[1])}" x2="${px(w.to[0])}" y2="${py(w.to[1])}" stroke="#1a1a1a" stroke-width="${f1(Math.max(2, w.thicknessM * s))}" stroke-linecap="square"/>`);
  }

  // Doors: a coloured bar across the opening, labelled outside (along the wall), nudged outward
  // until the label clears the ones already placed.
  const doors = [
    ...store.entries.map((d) => ({ d, label: `in: ${d.id} (${d.kind})`, stroke: '#1b7f3b' })),
    ...store.exits.map((d) => ({ d, label: `out: ${d.id} (${d.kind})`, stroke: '#c0392b' })),
  ];
  const placed: Box[] = [];
  for (const { d, label, stroke } of doors) {
    const [ix, iy] = d.inward;
    const tx = -iy;
    const ty = ix;
    const h = d.widthM / 2;
    const [x, y] = d.position;
    out.push(`<line x1="${px(x - tx * h)}" y1="${py(y - ty * h)}" x2="${px(x + tx * h)}" y2="${py(y + ty * h)}" stroke="${stroke}" stroke-width="4"/>`);
    const along = label.length * LAYOUT.doorFontPx * 0.6;
    const across = LAYOUT.doorFontPx + 3;
    const upright = Math.abs(ix) > Math.abs(iy); // a door in a north-south wall: label runs north-south
    let cx = 0;
    let cy = 0;
    let box: Box = { x0: 0, y0: 0, x1: 0, y1: 0 };
    for (let k = 0; k < LAYOUT.doorLabelTries; k++) {
      const outPx = LAYOUT.doorLabelOffsetM * s + across / 2 + k * across;
      // Outward on screen: -inward, with y flipped.
      cx = Number(px(x)) - ix * outPx;
      cy = Number(py(y)) + iy * outPx;
      box = upright
        ? { x0: cx - across / 2, y0: cy - along / 2, x1: cx + across / 2, y1: cy + along / 2 }
        : { x0: cx - along / 2, y0: cy - across / 2, x1: cx + along / 2, y1: cy + across / 2 };
      if (!placed.some((b) => overlap(b, box))) break;
    }
    placed.push(box);
    const rotate = upright ? ` transform="rotate(-90 ${f1(cx)} ${f1(cy)})"` : '';
    out.push(`<text x="${f1(cx)}" y="${f1(cy)}"${rotate} font-size="${LAYOUT.doorFontPx}" text-anchor="middle" dominant-baseline="central" fill="${stroke}" font-weight="bold">${esc(label)}</text>`);
  }

  out.push(legend({ x: planX + planW + padPx + 16, y: planY, max, colour, fraction, unit, gradientId, linear, blind: input.blind !== undefined }));
  out.push(scaleBar(planX, H - LAYOUT.footerH + 10, s, widthM));
  out.push(`<text x="${f1(planX)}" y="${H - 12}" font-size="11" fill="#444">${input.caption ?? `Occupancy: person-seconds per m² on ${grid.cellM} m cells (truth).`} North is up.</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** What the legend draws: position, range, the cells' colour map and its scale. */
interface LegendInput {
  readonly x: number;
  readonly y: number;
  readonly max: number;
  readonly colour: (v: number) => string;
  /** Where a value falls on the bar, 0..1, as the cells are coloured. */
  readonly fraction: (v: number) => number;
  readonly unit: string;
  readonly gradientId: string;
  readonly linear: boolean;
  readonly blind: boolean;
}

/** The colour bar: 0 at the bottom, the maximum at the top, on the same scale as the cells. */
function legend(l: LegendInput): string {
  const { x, y, max, colour, unit } = l;
  const { legendBarW: bw, legendBarH: bh } = LAYOUT;
  const out: string[] = ['<g font-size="11">'];
  out.push(`<text x="${f1(x)}" y="${f1(y - 8)}" font-weight="bold">${unit}</text>`);
  out.push(`<defs><linearGradient id="${l.gradientId}" x1="0" y1="1" x2="0" y2="0">`);
  const stops = 16;
  for (let i = 0; i <= stops; i++) {
    const f = i / stops;
    out.push(`<stop offset="${f1(f * 100)}%" stop-color="${colour(l.linear ? max * f : max * f * f)}"/>`);
  }
  out.push('</linearGradient></defs>');
  out.push(`<rect x="${f1(x)}" y="${f1(y)}" width="${bw}" height="${bh}" fill="url(#${l.gradientId})" stroke="#404040" stroke-width="0.5"/>`);
  // Small whole counts (cameras per cell) get a tick per count.
  const ticks = l.linear && Number.isInteger(max) && max <= 10 ? Array.from({ length: max + 1 }, (_, i) => i) : niceTicks(max);
  for (const v of ticks) {
    const fromTop = (1 - l.fraction(v)) * bh;
    // The square root packs the top ticks together: drop any that would touch the maximum's label.
    if (v !== max && fromTop < LAYOUT.legendTickGapPx) continue;
    const ty = y + fromTop;
    out.push(`<line x1="${f1(x + bw)}" y1="${f1(ty)}" x2="${f1(x + bw + 5)}" y2="${f1(ty)}" stroke="#404040"/>`);
    out.push(`<text x="${f1(x + bw + 8)}" y="${f1(ty + 4)}">${formatTick(v)}</text>`);
  }
  out.push(`<text x="${f1(x)}" y="${f1(y + bh + 18)}" fill="#444">${l.linear ? 'linear scale; blank = none' : '√ scale; blank = nobody'}</text>`);
  if (l.blind) {
    out.push(`<rect x="${f1(x)}" y="${f1(y + bh + 28)}" width="${bw}" height="12" fill="${BLIND_FILL}" fill-opacity="0.75"/>`);
    out.push(`<text x="${f1(x + bw + 8)}" y="${f1(y + bh + 38)}" fill="#444">blind spot: no camera</text>`);
  }
  out.push('</g>');
  return out.join('\n');
}

/** A black-and-white bar of a round number of metres, about a quarter of the plan wide. */
function scaleBar(x: number, y: number, pxPerM: number, widthM: number): string {
  const lengthM = niceLength(widthM / 4);
  const segments = lengthM >= 2 && Number.isInteger(lengthM / 2) ? 2 : 1;
  const out: string[] = ['<g font-size="11">'];
  for (let i = 0; i < segments; i++) {
    const segPx = (lengthM / segments) * pxPerM;
    out.push(`<rect x="${f1(x + i * segPx)}" y="${f1(y)}" width="${f1(segPx)}" height="6" fill="${i % 2 === 0 ? '#1a1a1a' : '#ffffff'}" stroke="#1a1a1a" stroke-width="1"/>`);
  }
  out.push(`<text x="${f1(x)}" y="${f1(y + 20)}" text-anchor="middle">0</text>`);
  if (segments === 2) out.push(`<text x="${f1(x + (lengthM / 2) * pxPerM)}" y="${f1(y + 20)}" text-anchor="middle">${lengthM / 2}</text>`);
  out.push(`<text x="${f1(x + lengthM * pxPerM)}" y="${f1(y + 20)}" text-anchor="middle">${lengthM} m</text>`);
  out.push('</g>');
  return out.join('\n');
}

/** Round tick values from 0 to max: 0, a few 1-2-5 steps, and max itself. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0];
  const step = niceLength(max / 4);
  const ticks: number[] = [];
  for (let v = 0; v < max - step * 0.3; v += step) ticks.push(Number(v.toPrecision(12)));
  ticks.push(max);
  return ticks;
}

/** The 1-2-5 number nearest below or at x (x > 0). */
export function niceLength(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

function formatTick(v: number): string {
  if (v === 0) return '0';
  if (v >= 100) return String(Math.round(v));
  if (v >= 10) return v.toFixed(1).replace(/\.0$/, '');
  return String(Number(v.toPrecision(2)));
}

/** A screen rectangle, pixels. */
interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

function overlap(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function centroid(poly: readonly Vec2[]): Vec2 {
  let x = 0;
  let y = 0;
  for (const p of poly) {
    x += p[0];
    y += p[1];
  }
  return [x / poly.length, y / poly.length];
}

/** One decimal, as a string: small files, byte-stable output. */
function f1(v: number): string {
  const r = Math.round(v * 10) / 10;
  return String(r === 0 ? 0 : r);
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
