import type { SensorFrame } from '../../engine/api.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import { CameraRig } from '../../sim/sensors/camera/CameraRig.ts';
import { FaultPlan } from '../../sim/sensors/faults/FaultPlan.ts';
import { Sensors } from '../../sim/sensors/Sensors.ts';
import { World } from '../../sim/World.ts';
import { filledScenarioJson, parseBenchScenario } from './filledScenario.ts';
import type { BenchEntry } from './twinStep.ts';

/** Ticks timed per case: 200 s of simulated time at 0.1 s, enough to average out frame-rate phases. */
const TICKS = 2000;

/** A bundled scenario filled through open doorways to `maxInStore`, with its first `cameras` cameras. */
function filled(root: string, name: string, perHour: number, maxInStore: number, cameras: number): Scenario {
  const json = filledScenarioJson(root, name, perHour, maxInStore);
  if (json.sensors.cameras.length < cameras) throw new Error(`bench: ${name} has ${json.sensors.cameras.length} cameras, fewer than ${cameras}`);
  json.sensors.cameras = json.sensors.cameras.slice(0, cameras);
  return parseBenchScenario(root, name, json);
}

/** What one case measured. */
export interface CameraCost {
  readonly shoppers: number;
  readonly cameras: number;
  /** World.step + non-camera sensors, per tick. */
  readonly twinStepMs: number;
  /** Every camera of the rig sampled (detections), per tick, averaged over the cameras' frame periods. */
  readonly cameraMs: number;
  readonly framesPerTick: number;
  readonly detectionsPerFrame: number;
}

/**
 * Camera sampling cost per tick beside the twin's own step, measured in the same loop (twin step,
 * then the camera rig on the same world), so both see the same crowd and the same machine load.
 */
export function timeCameras(scenario: Scenario, target: number, ticks = TICKS): CameraCost {
  const world = new World(scenario, { durationS: 3600 });
  const sensors = new Sensors(world, { cameras: false });
  const rig = new CameraRig(scenario, world.store, new FaultPlan(scenario));
  const out: SensorFrame[] = [];
  while (world.presentCount < target && !world.done) {
    world.step();
    sensors.sample();
    world.takeEvents();
    out.length = 0;
    rig.sample(world, out);
  }
  if (world.presentCount < target) throw new Error(`bench: ${scenario.name} never reached ${target} shoppers (got ${world.presentCount})`);
  let twinMs = 0;
  let camMs = 0;
  let present = 0;
  let frames = 0;
  let detections = 0;
  for (let i = 0; i < ticks; i++) {
    const t0 = performance.now();
    world.step();
    sensors.sample();
    world.takeEvents();
    const t1 = performance.now();
    out.length = 0;
    rig.sample(world, out);
    const t2 = performance.now();
    twinMs += t1 - t0;
    camMs += t2 - t1;
    present += world.presentCount;
    frames += out.length;
    for (const f of out) if (f.kind === 'camera-detections') detections += f.count;
  }
  return {
    shoppers: Math.round(present / ticks),
    cameras: scenario.sensors.cameras.length,
    twinStepMs: twinMs / ticks,
    cameraMs: camMs / ticks,
    framesPerTick: frames / ticks,
    detectionsPerFrame: frames > 0 ? detections / frames : 0,
  };
}

/** Runs per camera case; the one with the median ratio is reported. */
const CAMERA_BENCH_RUNS = 3;

/** The camera suite of `npm run bench`: 8 and 16 cameras at 50 and 300 shoppers (each the median of three runs). */
export function benchCameras(root: string): BenchEntry[] {
  const out: BenchEntry[] = [];
  const cases = [
    { cameras: 8, target: 50, scenario: filled(root, 'tao-cafe', 1200, 50, 8) },
    { cameras: 16, target: 50, scenario: filled(root, 'grocery', 1200, 50, 16) },
    { cameras: 8, target: 300, scenario: filled(root, 'grocery', 6000, 300, 8) },
    { cameras: 16, target: 300, scenario: filled(root, 'grocery', 6000, 300, 16) },
  ];
  for (const c of cases) {
    // The ratio of two sub-millisecond costs moves by +-10 % between runs: report the median of three.
    const runs = Array.from({ length: CAMERA_BENCH_RUNS }, () => timeCameras(c.scenario, c.target));
    const r = runs.sort((a, b) => a.cameraMs / a.twinStepMs - b.cameraMs / b.twinStepMs)[Math.floor(runs.length / 2)]!;
    const n = `cameras.${c.cameras}x${c.target}`;
    out.push(
      { name: `${n}.scenario.${c.scenario.name}`, value: r.shoppers, unit: 'shoppers' },
      { name: `${n}.cameraMsPerTick`, value: r.cameraMs, unit: 'ms/tick' },
      { name: `${n}.twinStepMs`, value: r.twinStepMs, unit: 'ms/step' },
      { name: `${n}.cameraOverTwin`, value: r.cameraMs / r.twinStepMs, unit: 'ratio (target <= 0.3 at 8x50)' },
      { name: `${n}.cameraMsPerFrame`, value: r.framesPerTick > 0 ? r.cameraMs / r.framesPerTick : 0, unit: 'ms/frame' },
      { name: `${n}.framesPerTick`, value: r.framesPerTick, unit: 'frames' },
      { name: `${n}.detectionsPerFrame`, value: r.detectionsPerFrame, unit: 'detections' },
    );
  }
  return out;
}
