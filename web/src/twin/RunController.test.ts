import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../sim/scenario/Scenario.ts';
import { bundledScenario } from '../../../sim/testing.ts';
import { RunController } from './RunController.ts';

const cafe: Scenario = bundledScenario('tao-cafe', (j) => {
  j.crowd.durationS = 120;
  j.crowd.drainS = 300;
});

describe('RunController: the play clock the view blends ticks by', () => {
  it('draws the latest tick when paused or just after play, then the share of the tick the clock is past it', async () => {
    let ms = 1000;
    let frames = 0;
    let release: () => void = () => {};
    const controller = new RunController(() => ms, () => new Promise<void>((r) => {
      frames++;
      release = r;
    }), () => {}, () => {});
    await controller.load(cafe, null, null, false);
    const run = controller.run!;
    expect(run.posesTick).toBe(0);
    await controller.step();
    await controller.step();
    expect(run.posesTick).toBe(2);
    expect(run.posesT).toBeCloseTo(0.2, 12);
    expect(controller.blendFraction()).toBe(1);

    controller.play();
    // Nothing delivered since play: the paused view's tick exactly, even as the clock runs on.
    await expect.poll(() => frames).toBe(1);
    ms += 50;
    expect(controller.blendFraction()).toBe(1);
    // 150 ms after play at 1x the clock is at 0.35 s: tick 3 (0.3 s) is delivered, and drawn half way from tick 2.
    ms += 100;
    release();
    await expect.poll(() => frames).toBe(2);
    expect(run.posesTick).toBe(3);
    expect(controller.blendFraction()).toBeCloseTo(0.5, 9);
    ms += 30;
    expect(controller.blendFraction()).toBeCloseTo(0.8, 9);
    // A speed change carries the clock on from where it is: no jump in the view.
    controller.setSpeed(0.5);
    expect(controller.blendFraction()).toBeCloseTo(0.8, 9);
    ms += 40;
    expect(controller.blendFraction()).toBeCloseTo(1, 9);
    // Paused: the latest tick exactly; 'max' speed likewise.
    controller.pause();
    expect(controller.blendFraction()).toBe(1);
    controller.setSpeed('max');
    controller.play();
    expect(controller.blendFraction()).toBe(1);
    controller.dispose();
    release();
  });

  it('keeps the previous tick\'s poses beside the latest ones', async () => {
    const controller = new RunController(() => 0, async () => {}, () => {}, () => {});
    await controller.load(cafe, null, null, false);
    const run = controller.run!;
    await controller.seek(60);
    expect(run.posesTick).toBe(600);
    const before = run.poses;
    expect(before.length).toBeGreaterThan(0);
    await controller.step();
    expect(run.posesTick).toBe(601);
    expect([...run.prevPoseById.values()]).toEqual(before);
    const ids = new Set(before.map((p) => p.id));
    expect(run.poses.filter((p) => ids.has(p.id)).length).toBeGreaterThan(0);
    controller.dispose();
  });
});
