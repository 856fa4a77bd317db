import { describe, expect, it } from 'vitest';
import { MotFileError, motSequence, parseMotText } from './motFile.ts';

describe('MOTChallenge files', () => {
  it('reads box and floor rows, drops zero-marked ground truth, renumbers ids ascending, keeps file order', () => {
    const gt = parseMotText('1,7,0,0,10,10,1,2.5,3,0\n1,3,20,0,10,10,1,5,3,0\n2,3,20,0,10,10,0,5,3,0\n\n', 'gt.txt', 'floor');
    const hyp = parseMotText('1 9 0 0 10 10 -1 2.5 3.5 0\n2 9 0 0 10 10 -1 2.5 3.5 0\n', 'hyp.txt', 'floor');
    const seq = motSequence(gt, hyp, 'floor');
    expect(seq.numGtIds).toBe(2);
    expect(seq.frames.length).toBe(2);
    expect(Array.from(seq.frames[0]!.gtIds)).toEqual([1, 0]);
    expect(Array.from(seq.frames[0]!.similarity)).toEqual([0.75, Math.max(0, 1 - Math.hypot(2.5, 0.5) / 2)]);
    expect(seq.frames[1]!.gtIds.length).toBe(0);
    const box = motSequence(gt, parseMotText('1,1,5,0,10,10', 'h', 'box'), 'box');
    expect(Array.from(box.frames[0]!.similarity)).toEqual([50 / 150, 0]);
  });

  it('names the file and line of a bad row', () => {
    expect(() => parseMotText('1,1,0,0,1,1\n2,x,0,0,1,1\n', 'gt.txt', 'box')).toThrow('bench: gt.txt:2: column 2 (id) is not a number: "x"');
    expect(() => parseMotText('1,1,0,0,1,1\n', 'hyp.txt', 'floor')).toThrow(/hyp.txt:1: expected at least 9 columns/);
    expect(() => parseMotText('1,1.5,0,0,1,1', 'b', 'box')).toThrow('bench: b:1: id must be a whole number, got 1.5');
    expect(() => parseMotText('1,1,0,zero,1,1\n', 'a', 'box')).toThrow(/a:1: column 4 \(top\) is not a number/);
    try {
      motSequence(parseMotText('1,1,0,0,1,1\n\n1,1,0,0,1,1', 'g', 'box'), [], 'box', { gt: 'g', hyp: 'h' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(MotFileError);
      expect((err as Error).message).toBe('bench: g:3: id 1 appears twice in frame 1 (first on line 1)');
    }
  });
});
