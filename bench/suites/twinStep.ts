import Matter from 'matter-js';
import { PhysicsWorld } from '../../sim/physics/PhysicsWorld.ts';
import { Rng } from '../../sim/rng/Rng.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import { Sensors } from '../../sim/sensors/Sensors.ts';
import type { Vec2 } from '../../sim/geometry/Vec2.ts';
import { World } from '../../sim/World.ts';

/** One benchmark number. */
export interface BenchEntry {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** Result of timing the twin at one crowd size. */
export interface TwinStepResult {
  readonly shoppers: number;
  readonly twinStepMs: number;
  readonly rawMatterStepMs: number;
  readonly realTimeFactor: number;
}

/**
 * Fills the store until `target` shoppers are present, then times `steps` twin steps
 * (World.step + non-camera Sensors.sample) and, on the same store with the same bodies at the
 * same places, `steps` raw matter-js updates whose bodies walk to random points at 1.34 m/s.
 */
export function timeTwinStep(scenario: Scenario, target: number, steps: number): TwinStepResult {
  const world = new World(scenario, { durationS: 3600 });
  const sensors = new Sensors(world, { cameras: false });
  while (world.presentCount < target && !world.done) {
    world.step();
    sensors.sample();
    world.takeEvents();
  }
  if (world.presentCount < target) throw new Error(`bench: ${scenario.name} never reached ${target} shoppers (got ${world.presentCount})`);
  let present = 0;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    world.step();
    sensors.sample();
    world.takeEvents();
    present += world.presentCount;
  }
  const twinStepMs = (performance.now() - t0) / steps;
  const shoppers = Math.round(present / steps);
  const rawMatterStepMs = timeRawMatter(world, shoppers, steps);
  return { shoppers, twinStepMs, rawMatterStepMs, realTimeFactor: (scenario.dtS * 1000) / twinStepMs };
}

/** Plain matter-js: the store's static bodies and `count` circles at the twin's positions, each walking to random floor points. */
function timeRawMatter(world: World, count: number, steps: number): number {
  const store = world.store;
  const physics = new PhysicsWorld(store);
  const rng = new Rng(1, 'bench:raw-matter');
  const poses = world.poses().slice(0, count);
  const bodies = poses.map((p) => physics.addWalker(p.id, p.position, 0.2));
  const walkable: Vec2[] = [];
  for (let cell = 0; cell < store.nav.walkable.length; cell += 7) if (store.nav.walkable[cell] === 1) walkable.push(store.nav.center(cell));
  const targets = poses.map(() => rng.pick(walkable));
  let matterMs = 0;
  for (let i = 0; i < steps; i++) {
    bodies.forEach((b, k) => {
      const x = PhysicsWorld.x(b);
      const y = PhysicsWorld.y(b);
      let tgt = targets[k]!;
      let d = Math.hypot(tgt[0] - x, tgt[1] - y);
      if (d < 0.3) {
        tgt = targets[k] = rng.pick(walkable);
        d = Math.hypot(tgt[0] - x, tgt[1] - y);
      }
      PhysicsWorld.setVelocity(b, ((tgt[0] - x) / d) * 1.34, ((tgt[1] - y) / d) * 1.34, world.dtS);
    });
    const t0 = performance.now();
    Matter.Engine.update(physics.engine);
    matterMs += performance.now() - t0;
  }
  return matterMs / steps;
}
