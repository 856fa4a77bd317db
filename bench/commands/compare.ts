import { readFileSync } from 'node:fs';
import { EXIT } from '../exitCodes.ts';
import { aggregateReports } from '../report/aggregateReports.ts';
import type { Delta } from '../report/compareReports.ts';
import { FailOnError, compareReports, parseFailOn } from '../report/compareReports.ts';
import type { CommandIo } from './CommandIo.ts';

function readReport(file: string, io: CommandIo, command: string): unknown {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; tool?: unknown };
    if (r === null || typeof r !== 'object' || r.tool !== 'storetwin') throw new Error('not a storetwin report.json');
    return r;
  } catch (err) {
    io.err.write(`storetwin ${command}: ${file}: ${(err as Error).message}\n`);
    return undefined;
  }
}

const num = (v: number | null, digits = 4) => (v === null ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

/** Table rows of the keys that changed (all keys with `all`). */
function table(deltas: readonly Delta[], all: boolean): string {
  const rows = deltas.filter((d) => all || (d.delta !== null && d.delta !== 0) || (d.base === null) !== (d.head === null));
  if (rows.length === 0) return '  no numbers changed\n';
  const w = Math.max(...rows.map((d) => d.key.length));
  return rows.map((d) => `  ${d.key.padEnd(w)}  ${num(d.base).padStart(12)}  ${num(d.head).padStart(12)}  ${(d.delta === null ? '-' : (d.delta > 0 ? '+' : '') + num(d.delta)).padStart(12)}  ${d.relative === null ? '' : `${d.relative > 0 ? '+' : ''}${(100 * d.relative).toFixed(1)} %`}`).join('\n') + '\n';
}

/** `storetwin compare <base> <head> [--fail-on EXPR] [--all]`: deltas; exit 1 when a rule fires, 2 on bad input. */
export function compareCommand(baseFile: string, headFile: string, options: { readonly failOn?: string; readonly all?: boolean }, io: CommandIo): number {
  let rules;
  try {
    rules = options.failOn === undefined ? [] : parseFailOn(options.failOn);
  } catch (err) {
    if (!(err instanceof FailOnError)) throw err;
    io.err.write(`storetwin compare: ${err.message.replace(/^bench: /, '')}\n`);
    return EXIT.badInput;
  }
  const base = readReport(baseFile, io, 'compare');
  const head = readReport(headFile, io, 'compare');
  if (base === undefined || head === undefined) return EXIT.badInput;
  let result;
  try {
    result = compareReports(base, head, rules);
  } catch (err) {
    if (!(err instanceof FailOnError)) throw err;
    io.err.write(`storetwin compare: ${err.message.replace(/^bench: /, '')}\n`);
    return EXIT.badInput;
  }
  io.out.write(`storetwin compare: ${baseFile} -> ${headFile}\n\n  ${'key'.padEnd(Math.max(3, ...result.deltas.map((d) => d.key.length)))}  ${'base'.padStart(12)}  ${'head'.padStart(12)}  ${'delta'.padStart(12)}\n`);
  io.out.write(table(result.deltas, options.all === true));
  if (result.unchecked.length > 0) io.out.write(`\nnot checked (no value in base): ${result.unchecked.map((r) => r.rule.text).join(', ')}\n`);
  if (result.regressions.length > 0) {
    io.out.write(`\nREGRESSION: ${result.regressions.map((r) => `${r.rule.text} (${num(r.delta.base)} -> ${r.delta.head === null ? 'no value' : num(r.delta.head)})`).join('; ')}\n`);
    return 1;
  }
  const checked = rules.filter((r) => !result.unchecked.some((u) => u.rule === r));
  if (checked.length > 0) io.out.write(`\nno regression against ${checked.map((r) => r.text).join(', ')}\n`);
  return EXIT.ok;
}

/** `storetwin aggregate <report.json...>`: mean and 95 % CI of every number over runs (e.g. seeds). */
export function aggregateCommand(files: readonly string[], options: { readonly json?: boolean }, io: CommandIo): number {
  const reports = files.map((f) => readReport(f, io, 'aggregate'));
  if (reports.some((r) => r === undefined)) return EXIT.badInput;
  const agg = aggregateReports(reports);
  if (options.json === true) {
    io.out.write(JSON.stringify({ runs: files.length, metrics: Object.fromEntries(agg.map((a) => [a.key, { mean: a.mean, ci95: a.ci95, n: a.n }])) }, null, 2) + '\n');
    return EXIT.ok;
  }
  const w = Math.max(...agg.map((a) => a.key.length));
  io.out.write(`storetwin aggregate: ${files.length} reports, mean ± 95 % CI (Student's t)\n\n`);
  io.out.write(agg.map((a) => `  ${a.key.padEnd(w)}  ${num(a.mean).padStart(12)}  ${a.ci95 === null ? '' : `± ${num(a.ci95)}`}  (n=${a.n})`).join('\n') + '\n');
  return EXIT.ok;
}
