import type { ErrorCurvePoint } from '../score/faceErrorRates.ts';
import { xmlEscape as esc } from './junitXml.ts';

/** Drawing constants of an error trade-off plot, SVG pixels. */
const PLOT = { w: 420, h: 260, left: 52, right: 14, top: 28, bottom: 44 } as const;

/** One curve of the plot. */
export interface ErrorCurveSeries {
  readonly label: string;
  readonly colour: string;
  readonly points: readonly ErrorCurvePoint[];
}

/**
 * A DET-style plot: false-positive rate on a log axis (x; a rate of 0 sits on the left edge),
 * false-negative rate linear 0..1 (y), one step line per series, legend in the top right.
 * A pure string, self-contained (no scripts, no external references).
 */
export function errorCurveSvg(title: string, xLabel: string, yLabel: string, series: readonly ErrorCurveSeries[]): string {
  const { w, h, left, right, top, bottom } = PLOT;
  const pw = w - left - right;
  const ph = h - top - bottom;
  let minFp = 1;
  for (const s of series) for (const p of s.points) if (p[0] > 0) minFp = Math.min(minFp, p[0]);
  const lo = Math.min(-1, Math.floor(Math.log10(minFp)));
  const X = (fp: number) => left + ((Math.max(lo, fp > 0 ? Math.log10(fp) : lo) - lo) / -lo) * pw;
  const Y = (fn: number) => top + (1 - fn) * ph;
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-family="system-ui,sans-serif" font-size="11">`];
  out.push(`<text x="${left}" y="16" font-weight="bold" font-size="12">${esc(title)}</text>`);
  for (let d = lo; d <= 0; d++) {
    const x = X(10 ** d).toFixed(1);
    out.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${top + ph}" stroke="#e4e4e4"/><text x="${x}" y="${top + ph + 14}" text-anchor="middle">${d === 0 ? '1' : `1e${d}`}</text>`);
  }
  for (let k = 0; k <= 4; k++) {
    const y = Y(k / 4).toFixed(1);
    out.push(`<line x1="${left}" y1="${y}" x2="${left + pw}" y2="${y}" stroke="#e4e4e4"/><text x="${left - 6}" y="${(Number(y) + 4).toFixed(1)}" text-anchor="end">${k * 25} %</text>`);
  }
  out.push(`<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${left + pw / 2}" y="${h - 8}" text-anchor="middle">${esc(xLabel)} (log)</text>`);
  out.push(`<text transform="rotate(-90 13 ${top + ph / 2})" x="13" y="${top + ph / 2}" text-anchor="middle">${esc(yLabel)}</text>`);
  series.forEach((s, i) => {
    const ly = top + 14 + i * 14;
    out.push(`<line x1="${left + pw - 110}" y1="${ly - 4}" x2="${left + pw - 92}" y2="${ly - 4}" stroke="${s.colour}" stroke-width="2"/><text x="${left + pw - 88}" y="${ly}">${esc(s.label)}${s.points.length === 0 ? ' (no data)' : ''}</text>`);
    if (s.points.length === 0) return;
    // A step line: the false-negative rate holds until the next operating point.
    const d: string[] = [];
    s.points.forEach((p, k) => {
      const x = X(p[0]).toFixed(1);
      const y = Y(p[1]).toFixed(1);
      if (k === 0) d.push(`M${x},${y}`);
      else d.push(`H${x}V${y}`);
    });
    out.push(`<path d="${d.join('')}" fill="none" stroke="${s.colour}" stroke-width="2"><title>${esc(s.label)}</title></path>`);
    for (const p of s.points) out.push(`<circle cx="${X(p[0]).toFixed(1)}" cy="${Y(p[1]).toFixed(1)}" r="2.2" fill="${s.colour}"><title>${esc(`${s.label}: ${(100 * p[0]).toPrecision(3)} % false positive, ${(100 * p[1]).toFixed(1)} % false negative, accept above ${p[2].toFixed(4)}`)}</title></circle>`);
  });
  out.push('</svg>');
  return out.join('');
}
