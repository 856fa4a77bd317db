import type { EngineEvent, SensorFrame } from '../../engine/api.ts';
import { loadScenarioFile } from '../../sim/scenario/loadScenario.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import { Sensors } from '../../sim/sensors/Sensors.ts';
import type { TruthEvent } from '../../sim/truth/Truth.ts';
import { World } from '../../sim/World.ts';
import type { EngineReply } from '../../engine/host/EngineWorkerApi.ts';
import { LOCKSTEP_IN_FLIGHT, percentile, runHarness, storeDescriptionOf } from '../run/Harness.ts';
import { startNodeEngine } from '../run/startNodeEngine.ts';
import { filledScenarioJson, parseBenchScenario } from './filledScenario.ts';

/** Records a bench number. */
export type AddEntry = (name: string, value: number, unit: string) => void;

/**
 * A bundled scenario filled like bench.ts fills the twin benchmarks (heavy arrivals, open doorways),
 * with exactly `cameras` cameras: its first ones, and ceiling cameras on a grid if it has fewer.
 */
export function engineBenchScenario(root: string, name: string, perHour: number, maxInStore: number, cameras: number): Scenario {
  const json = filledScenarioJson(root, name, perHour, maxInStore);
  // Exactly `cameras`: the scenario's first ones (grocery has 28; the benchmark is set at 16), padded when it has fewer.
  const cams: unknown[] = (json.sensors.cameras ?? []).slice(0, cameras);
  const outline: [number, number][] = json.store.outline;
  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const missing = Math.max(0, cameras - cams.length);
  const cols = Math.ceil(Math.sqrt(missing * ((x1 - x0) / Math.max(1, y1 - y0))));
  const rows = Math.ceil(missing / Math.max(1, cols));
  for (let k = 0; k < missing; k++) {
    const cx = x0 + ((k % cols) + 0.5) * ((x1 - x0) / cols);
    const cy = y0 + (Math.floor(k / cols) + 0.5) * ((y1 - y0) / rows);
    cams.push({ id: `bench-cam-${k}`, position: [cx, cy, 3.2], lookAt: [cx + 1.5, cy + 0.5, 0], hfovDeg: 100, resolution: [1920, 1080], rateHz: 10 });
  }
  json.sensors.cameras = cams;
  return parseBenchScenario(root, name, json);
}

/** What one engine timing run measured. */
export interface EngineStepResult {
  readonly shoppers: number;
  readonly cameras: number;
  readonly engineMsP50: number;
  readonly engineMsP99: number;
  /** Wall ms per tick of the whole loop: twin step, sensors with cameras, transfer to the worker, engine, answer. */
  readonly loopMsPerTick: number;
  readonly realTimeFactor: number;
}

/**
 * Fills the store to `target` shoppers (twin only), then starts the reference engine in a worker
 * thread and times `ticks` lockstep ticks: engine ms per tick as the worker measured it, and the
 * whole loop's real-time factor.
 */
export async function timeEngineLockstep(scenario: Scenario, target: number, ticks: number): Promise<EngineStepResult> {
  const world = new World(scenario, { durationS: 3600 });
  const sensors = new Sensors(world, { cameras: false });
  while (world.presentCount < target && !world.done) {
    world.step();
    sensors.sample();
    world.takeEvents();
  }
  if (world.presentCount < target) throw new Error(`bench: ${scenario.name} never reached ${target} shoppers (got ${world.presentCount})`);
  const live = new Sensors(world);
  const { client } = await startNodeEngine(storeDescriptionOf(scenario), null);
  try {
    // Warm-up: the first tracks form and the JIT settles.
    for (let i = 0; i < 50; i++) {
      world.step();
      world.takeEvents();
      await client.ingest(world.t, live.sample(), `warm-up tick ${world.tick}`);
    }
    const engineMs: number[] = [];
    let present = 0;
    // Pipelined as the harness runs lockstep: the twin steps ahead while the engine works, at most LOCKSTEP_IN_FLIGHT ticks.
    const pending: Promise<EngineReply>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < ticks; i++) {
      world.step();
      world.takeEvents();
      const frames: SensorFrame[] = live.sample();
      pending.push(client.ingest(world.t, frames, `tick ${world.tick}`));
      present += world.presentCount;
      if (pending.length >= LOCKSTEP_IN_FLIGHT) engineMs.push((await pending.shift()!).engineMs);
    }
    while (pending.length > 0) engineMs.push((await pending.shift()!).engineMs);
    const loopMsPerTick = (performance.now() - t0) / ticks;
    return {
      shoppers: Math.round(present / ticks),
      cameras: scenario.sensors.cameras.length,
      engineMsP50: percentile(engineMs, 0.5),
      engineMsP99: percentile(engineMs, 0.99),
      loopMsPerTick,
      realTimeFactor: (scenario.dtS * 1000) / loopMsPerTick,
    };
  } finally {
    client.close();
  }
}

/** The share of true receipts (of visits bound to an account) that the engine billed exactly: same account, same lines. */
export function exactReceiptRate(truth: readonly Extract<TruthEvent, { kind: 'receipt' }>[], engine: readonly Extract<EngineEvent, { kind: 'receipt' }>[]): { rate: number; exact: number; total: number } {
  const byAccount = new Map<string, string[]>();
  for (const r of engine) {
    const list = byAccount.get(r.accountId) ?? [];
    list.push(JSON.stringify(r.lines.map((l) => [l.sku, l.qty, l.unitCents])));
    byAccount.set(r.accountId, list);
  }
  let exact = 0;
  let total = 0;
  for (const r of truth) {
    if (r.accountId === null) continue;
    total++;
    const list = byAccount.get(r.accountId);
    const key = JSON.stringify(r.lines.map((l) => [l.sku, l.qty, l.unitCents]));
    const i = list?.indexOf(key) ?? -1;
    if (i >= 0) {
      list!.splice(i, 1);
      exact++;
    }
  }
  return { rate: total === 0 ? 0 : exact / total, exact, total };
}

/** Runs a scenario as `npm start` does (reference engine in a worker, lockstep) and compares receipts with truth. */
export async function engineReceiptAccuracy(scenario: Scenario): Promise<{ rate: number; exact: number; total: number; wallS: number; realTimeFactor: number }> {
  const truth: Extract<TruthEvent, { kind: 'receipt' }>[] = [];
  const billed: Extract<EngineEvent, { kind: 'receipt' }>[] = [];
  const { client } = await startNodeEngine(storeDescriptionOf(scenario), null);
  try {
    // Only receipts are kept: the run stays in memory.
    const s = await runHarness({
      scenario,
      engine: client,
      mode: { kind: 'lockstep' },
      sink: {
        header: () => {},
        event: (e) => void (e.kind === 'receipt' && truth.push(e)),
        sensor: () => {},
        engine: (e) => void (e.kind === 'receipt' && billed.push(e)),
        truth: () => {},
        footer: () => {},
        abort: () => {},
      },
      clockMs: () => performance.now(),
    });
    return { ...exactReceiptRate(truth, billed), wallS: s.wallS, realTimeFactor: s.realTimeFactor };
  } finally {
    client.close();
  }
}

/** Runs per engine case; the median one is reported. */
const ENGINE_BENCH_RUNS = 3;

/** The engine suite of `npm run bench`. */
export async function benchEngine(root: string, add: AddEntry): Promise<void> {
  for (const [name, perHour, target, cameras] of [['tao-cafe', 1200, 50, 8], ['grocery', 6000, 300, 16]] as const) {
    // 600 ticks keep the crowd near its target (it keeps growing after); a 50-shopper run of them
    // is 0.3 s of wall time, so take the run with the median loop time of three.
    const runs: EngineStepResult[] = [];
    for (let k = 0; k < ENGINE_BENCH_RUNS; k++) runs.push(await timeEngineLockstep(engineBenchScenario(root, name, perHour, target, cameras), target, 600));
    const r = runs.sort((a, b) => a.loopMsPerTick - b.loopMsPerTick)[Math.floor(runs.length / 2)]!;
    const n = `engine.${target}`;
    add(`${n}.shoppersPresent`, r.shoppers, 'shoppers');
    add(`${n}.cameras`, r.cameras, 'cameras');
    add(`${n}.engineMsP50`, r.engineMsP50, 'ms/tick');
    add(`${n}.engineMsP99`, r.engineMsP99, 'ms/tick');
    add(`${n}.loopMsPerTick`, r.loopMsPerTick, 'ms/tick');
    add(`${n}.realTimeFactor`, r.realTimeFactor, 'x real time');
  }
  const acc = await engineReceiptAccuracy(loadScenarioFile(`${root}scenarios/tao-cafe.json`));
  add('engine.taoCafe.exactReceiptRate', acc.rate, 'share');
  add('engine.taoCafe.exactReceipts', acc.exact, 'receipts');
  add('engine.taoCafe.trueReceipts', acc.total, 'receipts');
  add('engine.taoCafe.realTimeFactor', acc.realTimeFactor, 'x real time');
}
