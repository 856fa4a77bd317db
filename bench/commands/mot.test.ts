import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { motCommand } from './mot.ts';

const FIXTURES = '/work/shared/fixtures/mot';

function io() {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (d) => (o += d));
  err.on('data', (d) => (e += d));
  return { io: { out, err }, text: () => ({ out: o, err: e }) };
}

describe('storetwin mot', () => {
  it('prints TrackEval\'s numbers for the floor-walkers files as JSON', () => {
    const t = io();
    expect(motCommand(`${FIXTURES}/floor-walkers/gt.txt`, `${FIXTURES}/floor-walkers/hyp.txt`, { floor: true, json: true }, t.io)).toBe(0);
    const m = JSON.parse(t.text().out);
    expect(m.HOTA).toBeCloseTo(0.6874162673681371, 12);
    expect(m.IDSW).toBe(8);
    expect(m.similarity).toBe('max(0, 1 - d / 2 m)');
  });

  it('prints a table in percent for boxes', () => {
    const t = io();
    expect(motCommand(`${FIXTURES}/tud-campus/gt.txt`, `${FIXTURES}/tud-campus/hyp.txt`, {}, t.io)).toBe(0);
    expect(t.text().out).toMatch(/HOTA\s+DetA[\s\S]*\n39\.140\s+41\.805/);
    expect(t.text().out).toMatch(/IDTP\s+IDFN\s+IDFP\s*\n55\.766\s+72\.973\s+45\.125\s+162\s+197\s+60/);
  });

  it('exits 2 naming the file (and line) of a missing or malformed file, boxes read as floor points, or floor points read as boxes', () => {
    const t = io();
    expect(motCommand('/nonexistent/gt.txt', `${FIXTURES}/tud-campus/hyp.txt`, {}, t.io)).toBe(2);
    expect(t.text().err).toMatch(/^storetwin mot: \/nonexistent\/gt.txt: cannot read/);
    const u = io();
    expect(motCommand(`${FIXTURES}/tud-campus/gt.txt`, `${FIXTURES}/tud-campus/hyp.txt`, { floor: true }, u.io)).toBe(2);
    expect(u.text().err).toContain('tud-campus/gt.txt: x and y (columns 8-9) are -1 on every row');
    expect(u.text().out).toBe('');
    // The other way round: floor-plane rows (no boxes) read as boxes would score 0 everywhere.
    const v = io();
    expect(motCommand(`${FIXTURES}/floor-walkers/gt.txt`, `${FIXTURES}/floor-walkers/hyp.txt`, {}, v.io)).toBe(2);
    expect(v.text().err).toContain('floor-walkers/gt.txt: no row has a box');
    expect(v.text().err).toContain('add --floor');
  });
});
