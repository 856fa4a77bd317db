import { describe, expect, it } from 'vitest';
import { cameraCoverage } from './coverage.ts';
import { cameraRoom } from './testRoom.ts';

describe('cameraCoverage', () => {
  const at = (g: ReturnType<typeof cameraCoverage>, x: number, y: number) => {
    const i = Math.floor((y - g.originY) / g.cellM) * g.cols + Math.floor((x - g.originX) / g.cellM);
    return { whole: g.whole[i], head: g.headOnly[i], inside: g.inside[i] };
  };

  it('counts whole-body and head-only views per cell', () => {
    const g = cameraCoverage(cameraRoom());
    expect([g.cols, g.rows, g.cellM, g.originX, g.originY]).toEqual([20, 20, 0.5, 0, 0]);
    expect(at(g, 5.2, 3.2)).toEqual({ whole: 1, head: 0, inside: 1 }); // in the open, in view
    expect(at(g, 5.2, 6.2)).toEqual({ whole: 0, head: 1, inside: 1 }); // behind the 1.4 m gondola
    expect(at(g, 5.2, 0.2)).toEqual({ whole: 0, head: 0, inside: 1 }); // under the camera, out of view
    expect(g.cameras).toEqual(['cam']);
  });

  it('adds up cameras: one from the north sees behind the gondola whole', () => {
    const g = cameraCoverage(cameraRoom((j) => j.sensors.cameras.push({ id: 'north', position: [5, 9.7, 3], lookAt: [5, 4, 0], hfovDeg: 90, resolution: [1920, 1080], rateHz: 10 })));
    expect(at(g, 5.2, 6.2)).toEqual({ whole: 1, head: 1, inside: 1 });
    expect(at(g, 5.2, 3.2)).toEqual({ whole: 1, head: 1, inside: 1 }); // north camera sees only the top over the gondola
    let covered = 0;
    for (let i = 0; i < g.whole.length; i++) if (g.whole[i]! + g.headOnly[i]! > 0) covered++;
    expect(covered / g.whole.length).toBeGreaterThan(0.6);
  });
});
