import { LATENCY_BINS_MS } from '../score/latencyScore.ts';
import { DEFINITIONS } from './definitions.ts';
import { errorCurveSvg } from './errorCurveSvg.ts';
import { xmlEscape as esc } from './junitXml.ts';
import type { Report } from './report.ts';
import { duration } from './summaryTable.ts';
import { fmt, headlineRows } from './summaryMd.ts';
import type { ThresholdResult } from './thresholds.ts';

/** What the HTML page shows besides the report: the heatmap SVGs by title, and the latency histogram counts. */
export interface HtmlExtras {
  readonly heatmaps: readonly { readonly title: string; readonly svg: string }[];
  readonly latencyHistogram: readonly number[];
  readonly thresholds: readonly ThresholdResult[];
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;margin:6px 0 12px;width:100%}td,th{border-bottom:1px solid #eee;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f6f6}td.v{font-variant-numeric:tabular-nums;white-space:nowrap}td.d{color:#666;font-size:12px}
.pass{color:#137333}.fail{color:#b3261e;font-weight:bold}.skipped{color:#888}figure{margin:8px 0 20px}figcaption{font-weight:bold;margin-bottom:4px}
figure svg{max-width:100%;height:auto}.muted{color:#666}tr.blind td{background:#fdecea}`;

/** A metric table: key, value, one-line definition. */
function metricTable(section: string, rows: readonly [string, string][]): string {
  const body = rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="v">${esc(v)}</td><td class="d">${esc(DEFINITIONS[`${section}.${k}`] ?? '')}</td></tr>`).join('');
  const def = DEFINITIONS[section];
  return `${def === undefined ? '' : `<p class="muted">${esc(def)}</p>`}<table><tr><th>metric</th><th>value</th><th>definition</th></tr>${body}</table>`;
}

function histogramSvg(counts: readonly number[]): string {
  const w = 640;
  const h = 180;
  const bw = (w - 60) / counts.length;
  const max = Math.max(1, ...counts);
  const bars = counts.map((c, i) => {
    const bh = ((h - 50) * c) / max;
    const x = 40 + i * bw;
    const label = i < LATENCY_BINS_MS.length ? `≤${LATENCY_BINS_MS[i]}` : `>${LATENCY_BINS_MS[LATENCY_BINS_MS.length - 1]}`;
    return `<rect x="${x.toFixed(1)}" y="${(h - 30 - bh).toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${bh.toFixed(1)}" fill="#3b528b"><title>${c} ingests ${label} ms</title></rect>`
      + `<text x="${(x + bw / 2 - 2).toFixed(1)}" y="${h - 16}" font-size="10" text-anchor="middle">${label}</text>`
      + (c > 0 ? `<text x="${(x + bw / 2 - 2).toFixed(1)}" y="${(h - 34 - bh).toFixed(1)}" font-size="10" text-anchor="middle">${c}</text>` : '');
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-family="system-ui,sans-serif">${bars}`
    + `<text x="${w / 2}" y="${h - 2}" font-size="11" text-anchor="middle">engine time per ingest, ms (bins)</text></svg>`;
}

/** The face block: one row per rate, a column per reader place, then the curves. */
function faceSection(r: Report): string {
  const f = r.face;
  if (f.gallerySize === null) return '<p class="muted">No face captures in this run (no face readers, or nobody used them).</p>';
  const places = [['gates', f.gates], ['counters', f.counters], ['all', f.all]] as const;
  const rows: [keyof typeof f.all, 'int' | 'pct'][] = [
    ['searches', 'int'], ['matedSearches', 'int'], ['nonMatedSearches', 'int'], ['rank1HitRate', 'pct'],
    ['fnirAtFpir1pct', 'pct'], ['fnirAtFpir10pct', 'pct'],
    ['genuineComparisons', 'int'], ['impostorComparisons', 'int'], ['fnmrAtFmr0_01pct', 'pct'], ['fnmrAtFmr0_1pct', 'pct'], ['fnmrAtFmr1pct', 'pct'],
  ];
  const body = rows.map(([k, kind]) => `<tr><td>${esc(k)}</td>${places.map(([, g]) => `<td class="v">${esc(fmt(g[k] as number | null, kind))}</td>`).join('')}<td class="d">${esc(DEFINITIONS[`face.${k}`] ?? '')}</td></tr>`).join('');
  const colours = { gates: '#3b528b', counters: '#d95f02', all: '#1b9e77' } as const;
  const series = (curve: 'identificationCurve' | 'verificationCurve') => places.map(([name, g]) => ({ label: name, colour: colours[name], points: g[curve] }));
  return `<p class="muted">${esc(DEFINITIONS.face ?? '')}. Gallery: ${f.gallerySize} enrolled faces; ${f.unmatchedCaptures} capture(s) without a truth scan.</p>`
    + `<table id="face-rates"><tr><th>metric</th>${places.map(([p]) => `<th>${p}</th>`).join('')}<th>definition</th></tr>${body}</table>`
    + `<figure><figcaption>Identification (1:N, rank 1): FNIR vs FPIR</figcaption>${errorCurveSvg('FNIR vs FPIR', 'FPIR', 'FNIR', series('identificationCurve'))}</figure>`
    + `<figure><figcaption>Verification (1:1): FNMR vs FMR</figcaption>${errorCurveSvg('FNMR vs FMR', 'FMR', 'FNMR', series('verificationCurve'))}</figure>`;
}

/** Each camera's own share of the floor, in scenario order; a camera that sees no floor is marked. Empty without cameras. */
function perCameraTable(r: Report): string {
  if (r.coverage.perCamera.length === 0) return '';
  const rows = r.coverage.perCamera.map((c) => {
    const blind = c.headShare === 0;
    return `<tr${blind ? ' class="blind"' : ''}><td>${esc(c.camera)}</td><td class="v">${fmt(c.wholeBodyShare, 'pct')}</td><td class="v">${fmt(c.headShare, 'pct')}</td>`
      + `<td${blind ? ' class="fail">sees no floor: outside the store or facing away' : '>'}</td></tr>`;
  }).join('');
  return `<h3>Per camera</h3><p class="muted">${esc(DEFINITIONS['coverage.perCamera'] ?? '')}</p>`
    + `<table id="coverage-per-camera"><tr><th>camera</th><th>whole body</th><th>head</th><th></th></tr>${rows}</table>`;
}

/** report.html: one self-contained page (no scripts, no external files) with the whole report. */
export function reportHtml(r: Report, extras: HtmlExtras): string {
  const cur = r.checkout.currency;
  const tr = r.tracking;
  const trackingRows: [string, string][] = (['HOTA', 'DetA', 'AssA', 'LocA', 'DetRe', 'DetPr', 'AssRe', 'AssPr', 'MOTA', 'MOTP', 'IDF1', 'IDP', 'IDR'] as const)
    .map((k) => [k, fmt(tr[k], 'pct')] as [string, string])
    .concat((['CLR_TP', 'CLR_FN', 'CLR_FP', 'IDSW', 'MT', 'PT', 'ML', 'Frag', 'IDTP', 'IDFN', 'IDFP', 'frames'] as const).map((k) => [k, fmt(tr[k], 'int')]));
  const id = r.identity;
  const co = r.checkout;
  const la = r.latency;
  const wrong = r.wrongLines.map((l) => `<tr><td class="v">${duration(l.t)}</td><td>${esc(l.shoppers.length ? l.shoppers.map((s) => `#${s}`).join(', ') : '-')}</td><td>${esc(l.accountId)}</td><td>${esc(l.sku)}</td><td class="v">${l.qtyDelta > 0 ? '+' : ''}${l.qtyDelta}</td><td class="v">${fmt(l.centsDelta, 'money', cur)}</td><td>${esc(l.cause)}</td></tr>`).join('');
  const checks = extras.thresholds.map((x) => `<tr><td><code>${esc(`${x.threshold.key} ${x.threshold.op} ${x.threshold.value}`)}</code></td><td class="v">${esc(fmt(x.value))}</td><td class="${x.outcome}">${x.outcome}</td><td class="d">${esc(x.threshold.reason)}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>storetwin report: ${esc(r.run.scenario)} seed ${r.run.seed}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body>
<h1>storetwin: ${esc(r.run.scenario)}, seed ${r.run.seed}</h1>
<p class="muted">engine <b>${esc(r.run.engine ?? 'none (twin only)')}</b>, ${r.run.mode}, camera fidelity <b>${esc(r.run.fidelity)}</b>; ${duration(r.run.simS)} simulated${r.run.complete ? '' : ' (<b>did not finish</b>)'}; ${esc(r.tool)} ${esc(r.toolVersion)}, report v${r.version}</p>
<h2 id="summary">Summary</h2>
<table><tr><th></th><th>metric</th><th>value</th></tr>${headlineRows(r).map(([a, b, c]) => `<tr><td>${esc(a)}</td><td>${esc(b)}</td><td class="v">${esc(c)}</td></tr>`).join('')}</table>
<h2 id="checks">Checks</h2><table><tr><th>check</th><th>value</th><th>outcome</th><th>why</th></tr>${checks}</table>
<h2 id="tracking">Tracking</h2>${metricTable('tracking', trackingRows)}
<h2 id="identity">Identity</h2>${metricTable('identity', [['scannedVisits', fmt(id.scannedVisits, 'int')], ['boundRightAtEntryRate', fmt(id.boundRightAtEntryRate, 'pct')], ['wrongBindings', fmt(id.wrongBindings, 'int')], ['midVisitSwitches', fmt(id.midVisitSwitches, 'int')], ['visitsChargedToWrongAccount', fmt(id.visitsChargedToWrongAccount, 'int')]])}
<h2 id="face">Face recognition</h2>${faceSection(r)}
<h2 id="checkout">Checkout</h2>${metricTable('checkout', [['exactReceiptRate', fmt(co.exactReceiptRate, 'pct')], ['itemPrecision', fmt(co.itemPrecision, 'pct')], ['itemRecall', fmt(co.itemRecall, 'pct')], ['itemF1', fmt(co.itemF1, 'pct')], ['overchargedCents', fmt(co.overchargedCents, 'money', cur)], ['underchargedCents', fmt(co.underchargedCents, 'money', cur)], ['unbilledCents', fmt(co.unbilledCents, 'money', cur)], ['reviewsPer1000', fmt(co.reviewsPer1000)], ['exitToReceiptMeanS', fmt(co.exitToReceiptMeanS)], ['totalCents', fmt(co.totalCents, 'money', cur)]])}
<h3>Receipts: every wrong line</h3>
${r.wrongLines.length === 0 ? '<p class="muted">No wrong lines.</p>' : `<table id="wrong-lines"><tr><th>time</th><th>shopper</th><th>account</th><th>SKU</th><th>qty</th><th>money</th><th>cause</th></tr>${wrong}</table>`}
<h2 id="latency">Latency</h2>${metricTable('latency', [['p50Ms', fmt(la.p50Ms, 'ms')], ['p95Ms', fmt(la.p95Ms, 'ms')], ['p99Ms', fmt(la.p99Ms, 'ms')], ['endToEndP99Ms', fmt(la.endToEndP99Ms, 'ms')], ['droppedFrames', fmt(la.droppedFrames, 'int')]])}
<figure><figcaption>Engine time per ingest</figcaption>${la.ingests === 0 ? '<p class="muted">No timings (twin-only run).</p>' : histogramSvg(extras.latencyHistogram)}</figure>
<h2 id="layout">Crowd and layout</h2>${metricTable('crowd', [['visits', String(r.crowd.visits)], ['visitsCompleted', String(r.crowd.visitsCompleted)], ['meanTimeInStoreS', fmt(r.crowd.meanTimeInStoreS)], ['itemsPerVisit', fmt(r.crowd.itemsPerVisit)], ['peakInStore', String(r.crowd.peakInStore)]])}
${metricTable('layout', [['meanPathLengthM', fmt(r.layout.meanPathLengthM)], ['unplannedPicks', String(r.layout.unplannedPicks)], ['peakDensityPerM2', fmt(r.layout.peakDensityPerM2)], ['fruinShare', Object.entries(r.layout.fruinShare).map(([k, v]) => `${k} ${(100 * v).toFixed(1)} %`).join(', ')]])}
<h2 id="coverage">Camera coverage</h2>${r.coverage.cameras === null ? '<p class="muted">No cameras in this scenario.</p>' : metricTable('coverage', [['cameras', fmt(r.coverage.cameras, 'int')], ['floorM2', `${fmt(r.coverage.floorM2)} m²`], ['wholeBodyAtLeast1', fmt(r.coverage.wholeBodyAtLeast1, 'pct')], ['wholeBodyAtLeast2', fmt(r.coverage.wholeBodyAtLeast2, 'pct')], ['headAtLeast1', fmt(r.coverage.headAtLeast1, 'pct')], ['headAtLeast2', fmt(r.coverage.headAtLeast2, 'pct')], ['blindShare', fmt(r.coverage.blindShare, 'pct')]])}${perCameraTable(r)}
<h2 id="heatmaps">Heatmaps</h2>
${extras.heatmaps.map((m) => `<figure><figcaption>${esc(m.title)}</figcaption>${m.svg}</figure>`).join('\n')}
</body></html>
`;
}
