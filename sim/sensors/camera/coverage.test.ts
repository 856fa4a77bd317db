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

  it('counts each camera\'s own floor cells: one facing the ceiling sees none, one outside sees none', () => {
    const cameras = (j: Record<string, any>) => j.sensors.cameras as unknown[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const up = { id: 'up', position: [5, 9.7, 2.8], lookAt: [6, 5, 10], hfovDeg: 90, resolution: [1920, 1080], rateHz: 10 };
    const away = { id: 'away', position: [5, -3, 3], lookAt: [5, -8, 0], hfovDeg: 90, resolution: [1920, 1080], rateHz: 10 };
    const g = cameraCoverage(cameraRoom((j) => cameras(j).push(up, away)));
    expect(g.perCamera.map((p) => p.camera)).toEqual(['cam', 'up', 'away']);
    expect(g.perCamera[1]).toMatchObject({ camera: 'up', wholeCells: 0, headOnlyCells: 0 });
    expect(g.perCamera[1]!.sees.every((v) => v === 0)).toBe(true);
    expect(g.perCamera[2]).toMatchObject({ camera: 'away', wholeCells: 0, headOnlyCells: 0 });
    // The per-camera sums add up to the per-cell counts over the floor.
    let whole = 0;
    let head = 0;
    for (let i = 0; i < g.inside.length; i++) if (g.inside[i] === 1) { whole += g.whole[i]!; head += g.headOnly[i]!; }
    expect(g.perCamera.reduce((s, p) => s + p.wholeCells, 0)).toBe(whole);
    expect(g.perCamera.reduce((s, p) => s + p.headOnlyCells, 0)).toBe(head);
    // 'cam' alone: its counts are the cells its one-camera map marks, part of the 400-cell floor.
    const alone = cameraCoverage(cameraRoom());
    const seen = (layer: Uint8Array) => layer.reduce((s, v, i) => s + (alone.inside[i] === 1 && v > 0 ? 1 : 0), 0);
    expect(g.perCamera[0]).toMatchObject({ camera: 'cam', wholeCells: seen(alone.whole), headOnlyCells: seen(alone.headOnly) });
    // Its own cell layer is the one-camera map: 2 where whole, 1 where head only, 0 elsewhere.
    const own = g.perCamera[0]!.sees;
    expect(own.length).toBe(g.cols * g.rows);
    for (let i = 0; i < own.length; i++) expect(own[i]).toBe(2 * alone.whole[i]! + alone.headOnly[i]!);
    expect(own.filter((v) => v === 2).length).toBeGreaterThan(100);
    expect(own.filter((v) => v === 1).length).toBeGreaterThan(0);
    expect(whole).toBeGreaterThan(100);
    expect(whole).toBeLessThan(400);
    expect(head).toBeGreaterThan(0);
  });

  it('counts only cells inside the outline: a camera in the cut-out corner of an L sees floor, none of the store\'s', () => {
    const g = cameraCoverage(cameraRoom((j) => {
      j.store.outline = [[0, 0], [10, 0], [10, 10], [7, 10], [7, 7], [0, 7]];
      j.sensors.cameras.push({ id: 'yard', position: [3, 9.7, 3], lookAt: [3, 8, 0], hfovDeg: 90, resolution: [1920, 1080], rateHz: 10 });
    }));
    let inside = 0;
    let outside = 0;
    for (let i = 0; i < g.inside.length; i++) {
      if (g.inside[i] === 1) inside += g.whole[i]!;
      else outside += g.whole[i]!;
    }
    expect(outside).toBeGreaterThan(10); // the yard camera's cells, outside the outline
    expect(g.perCamera[1]).toMatchObject({ camera: 'yard', wholeCells: 0, headOnlyCells: 0 });
    // The yard camera's layer marks cells outside the outline (what it does see).
    expect(g.perCamera[1]!.sees.reduce((n, v, i) => n + (v === 2 && g.inside[i] === 0 ? 1 : 0), 0)).toBeGreaterThan(10);
    expect(g.perCamera[0]!.wholeCells).toBe(inside);
    expect(inside).toBeGreaterThan(50);
  });
});
