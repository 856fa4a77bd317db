import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../../testing.ts';
import { World } from '../../World.ts';
import { Sensors } from '../Sensors.ts';

const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');

describe('README "Cameras, sensors and faults"', () => {
  it('shows one fault of every kind, and they load into tao-cafe and act', () => {
    const section = readme.slice(readme.indexOf('## Cameras, sensors and faults'));
    const block = /```json\n"faults": (\[[\s\S]*?\])\n```/.exec(section);
    expect(block).not.toBeNull();
    const faults = JSON.parse(block![1]!) as { kind: string }[];
    expect(new Set(faults.map((f) => f.kind))).toEqual(new Set(['camera-dropout', 'frame-drops', 'frame-latency', 'calibration-error',
      'plate-drift', 'plate-stuck', 'plate-noise-burst', 'gate-misread']));
    const world = new World(bundledScenario('tao-cafe', (j) => {
      j.faults = faults;
    }), { durationS: 120 });
    const sensors = new Sensors(world);
    for (let i = 0; i < 900; i++) {
      world.step();
      world.takeEvents();
      sensors.sample();
    }
    const effect = new Map(sensors.faultReport().map((r) => [r.kind, r.effect]));
    expect(effect.get('camera-dropout')!.framesDropped).toBe(150); // 30 s at 5 Hz
    expect(effect.get('frame-latency')!.framesDelayed).toBeGreaterThan(400);
    expect(effect.get('calibration-error')!.yawDeg).toBe(1.5);
    expect(effect.get('plate-stuck')!.readingsAffected).toBe(600); // 60 s at 10 Hz
  });
});
