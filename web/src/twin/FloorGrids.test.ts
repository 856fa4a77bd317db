import { describe, expect, it } from 'vitest';
import { coverageSummary } from '../../../bench/score/coverageSummary.ts';
import { cameraCoverage } from '../../../sim/sensors/camera/coverage.ts';
import { cameraRoom } from '../../../sim/sensors/camera/testRoom.ts';
import { FloorGrids } from './FloorGrids.ts';

describe('FloorGrids coverage', () => {
  const north = { id: 'north', position: [5, 9.7, 3], lookAt: [5, 4, 0], hfovDeg: 90, resolution: [1920, 1080], rateHz: 10 };
  const scenario = cameraRoom((j) => j.sensors.cameras.push(north));
  const grids = new FloorGrids(scenario.store.outline);
  grids.setCoverage(cameraCoverage(scenario));

  it('keeps each camera\'s own layer, and the store-wide layer is their sum', () => {
    const all = grids.layer('coverage');
    const cam = grids.layer('coverage', 'cam');
    const nor = grids.layer('coverage', 'north');
    expect(cam.values).not.toBe(all.values);
    expect(cam.max).toBe(1);
    expect(nor.max).toBe(1);
    expect(all.max).toBe(2);
    let onlyCam = 0;
    for (let i = 0; i < all.values.length; i++) {
      expect(all.values[i]).toBeCloseTo(cam.values[i]! + nor.values[i]!, 12);
      if (cam.values[i]! > 0 && nor.values[i] === 0) onlyCam++;
    }
    expect(onlyCam).toBeGreaterThan(10);
  });

  it('marks where one camera sees a person whole (1) or only head and shoulders (0.5)', () => {
    const cell = (x: number, y: number) => grids.cellOf(x, y);
    const cam = grids.layer('coverage', 'cam').values;
    expect(cam[cell(5.2, 3.2)]).toBe(1); // in the open, in view
    expect(cam[cell(5.2, 6.2)]).toBe(0.5); // behind the 1.4 m gondola
    expect(cam[cell(5.2, 0.2)]).toBe(0); // under the camera
    expect(grids.layer('coverage', 'north').values[cell(5.2, 6.2)]).toBe(1);
  });

  it("gives each camera's floor shares as the report does", () => {
    const report = coverageSummary(cameraCoverage(scenario)).perCamera;
    expect(report.map((p) => p.camera)).toEqual(['cam', 'north']);
    for (const p of report) {
      expect(grids.coverageShares.get(p.camera)).toEqual({ wholeShare: p.wholeBodyShare, headShare: p.headShare });
      expect(p.wholeBodyShare).toBeGreaterThan(0.2);
      expect(p.headShare).toBeGreaterThan(p.wholeBodyShare);
    }
  });

  it('ignores the camera for other layers and for an unknown id', () => {
    expect(grids.layer('occupancy', 'cam').values).toBe(grids.occupancy);
    expect(grids.layer('coverage', 'nope').values).toBe(grids.coverage);
  });
});
