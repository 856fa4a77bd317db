// `npm run bench [-- --only twin,cameras,engine,scoring]`: times the twin, the cameras, the engine and
// scoring, and writes bench/results/bench.json (entries of name, value, unit). With --only, the suites
// run are merged into the existing file (their entries replaced), so it always holds every suite's latest.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../sim/scenario/loadScenario.ts';
import type { Scenario } from '../sim/scenario/Scenario.ts';
import { filledScenarioJson, parseBenchScenario } from './suites/filledScenario.ts';
import type { BenchEntry } from './suites/twinStep.ts';
import { timeTwinStep } from './suites/twinStep.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

/** A bundled scenario filled to `maxInStore` through open doorways (see filledScenario.ts). */
function filled(name: string, perHour: number, maxInStore: number): Scenario {
  return parseBenchScenario(root, name, filledScenarioJson(root, name, perHour, maxInStore));
}

const SUITES = ['twin', 'cameras', 'engine', 'scoring'] as const;
type Suite = (typeof SUITES)[number];
const { values: args } = parseArgs({ options: { only: { type: 'string' } } });
const only = args.only === undefined ? [...SUITES] : args.only.split(',').map((x) => x.trim());
for (const x of only) {
  if (!(SUITES as readonly string[]).includes(x)) {
    console.error(`bench: unknown suite "${x}" in --only (suites: ${SUITES.join(', ')})`);
    process.exit(2);
  }
}
const runs = (suite: Suite) => only.includes(suite);

const entries: BenchEntry[] = [];
const add = (name: string, value: number, unit: string) => {
  entries.push({ name, value: Math.round(value * 1000) / 1000, unit });
  console.log(`${name.padEnd(48)} ${String(Math.round(value * 1000) / 1000).padStart(10)} ${unit}`);
};

// Make sure the default scenario still loads as shipped (the bench edits only copies).
loadScenarioFile(`${root}scenarios/tao-cafe.json`);

// The machine's load beside the numbers: a busy machine slows every suite.
const loadBefore = loadavg()[0]!;
if (runs('twin')) for (const [label, scenario, target] of [
  ['50 shoppers (tao-cafe)', filled('tao-cafe', 1200, 50), 50],
  ['300 shoppers (grocery)', filled('grocery', 6000, 300), 300],
] as const) {
  const r = timeTwinStep(scenario, target, 2000);
  const n = `twin.${target}`;
  add(`${n}.shoppersPresent`, r.shoppers, 'shoppers');
  add(`${n}.stepMs`, r.twinStepMs, 'ms/step');
  add(`${n}.rawMatterStepMs`, r.rawMatterStepMs, 'ms/step');
  add(`${n}.stepOverRawMatter`, r.twinStepMs / r.rawMatterStepMs, 'ratio');
  add(`${n}.realTimeFactor`, r.realTimeFactor, 'x real time');
  void label;
}

if (runs('cameras')) for (const e of (await import('./suites/cameras.ts')).benchCameras(root)) add(e.name, e.value, e.unit);
if (runs('engine')) await (await import('./suites/engine.ts')).benchEngine(root, add);
if (runs('scoring')) for (const e of (await import('./suites/scoring.ts')).timeScoring(root)) add(e.name, e.value, e.unit);

const outDir = `${root}bench/results`;
const outFile = `${outDir}/bench.json`;
mkdirSync(outDir, { recursive: true });
const prefixes = only.map((x) => (x === 'scoring' ? 'score.' : `${x}.`));
const kept = args.only !== undefined && existsSync(outFile)
  ? (JSON.parse(readFileSync(outFile, 'utf8')) as { entries: BenchEntry[] }).entries.filter((e) => !prefixes.some((p) => e.name.startsWith(p)) && !e.name.startsWith('machine.'))
  : [];
add('machine.loadAvg1Before', loadBefore, 'runnable processes (1 min average; 2 cores)');
add('machine.loadAvg1After', loadavg()[0]!, 'runnable processes (1 min average; 2 cores)');
writeFileSync(outFile, JSON.stringify({ version: 1, node: process.version, entries: [...kept, ...entries] }, null, 2) + '\n');
console.log(`wrote bench/results/bench.json`);
