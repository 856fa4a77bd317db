// `npm run bench`: times the twin and writes bench/results/bench.json (entries of name, value, unit).
import { mkdirSync, writeFileSync } from 'node:fs';
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

const entries: BenchEntry[] = [];
const add = (name: string, value: number, unit: string) => {
  entries.push({ name, value: Math.round(value * 1000) / 1000, unit });
  console.log(`${name.padEnd(48)} ${String(Math.round(value * 1000) / 1000).padStart(10)} ${unit}`);
};

// Make sure the default scenario still loads as shipped (the bench edits only copies).
loadScenarioFile(`${root}scenarios/tao-cafe.json`);

for (const [label, scenario, target] of [
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

for (const e of (await import('./suites/cameras.ts')).benchCameras(root)) add(e.name, e.value, e.unit);
await (await import('./suites/engine.ts')).benchEngine(root, add);

for (const e of (await import('./suites/scoring.ts')).timeScoring(root)) add(e.name, e.value, e.unit);
const outDir = `${root}bench/results`;
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/bench.json`, JSON.stringify({ version: 1, node: process.version, entries }, null, 2) + '\n');
console.log(`wrote bench/results/bench.json`);
