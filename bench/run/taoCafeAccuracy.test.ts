import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectRun } from '../score/collectRun.ts';
import { scoreRun } from '../score/scoreRun.ts';
import { bundledScenario } from '../../sim/testing.ts';
import { readRunLogLines } from './readRunLog.ts';
import { runEngineTwin } from './runEngineTwin.ts';

/** A bundled scenario with `durationS` of arrivals, the reference engine in a worker as `storetwin run` has it, scored. */
async function referenceRun(name: string, durationS: number) {
  const dir = mkdtempSync(join(tmpdir(), `storetwin-${name}-`));
  const runLogFile = join(dir, 'runlog.jsonl');
  await runEngineTwin({ scenario: bundledScenario(name), runLogFile, timingsFile: join(dir, 'timings.jsonl'), durationS, engineModule: null, mode: { kind: 'lockstep' } });
  return scoreRun(collectRun(readRunLogLines(runLogFile)), null);
}

/**
 * Regression guard of the reference engine's accuracy: tao-cafe, 300 s of arrivals (then the drain),
 * the engine in a worker as `storetwin run` has it. Measured (stop 11: door passes bound by the
 * track's own way in, the hand in the slot when the weight changed, far feet trusted less; wrists
 * hidden by their own torso): exact receipts 100 % (35 of 35), IDF1 99.8 %, HOTA 98.7 %, 2 ID
 * switches, bound right at entry 100 %. Floors sit a little under: with 35 visits one receipt is 2.9 %, so three wrong
 * receipts still pass and a fourth fails.
 */
describe('reference engine on tao-cafe (300 s)', () => {
  it('keeps exact receipts, IDF1, HOTA and entry binding above their floors', async () => {
    const score = await referenceRun('tao-cafe', 300);
    expect(score.checkout!.trueReceipts).toBeGreaterThanOrEqual(30);
    expect(score.checkout!.exactReceiptRate).toBeGreaterThanOrEqual(0.9);
    expect(score.tracking!.IDF1).toBeGreaterThanOrEqual(0.97);
    expect(score.tracking!.HOTA).toBeGreaterThanOrEqual(0.96);
    expect(score.tracking!.IDSW).toBeLessThanOrEqual(8);
    expect(score.identity!.boundRightAtEntryRate).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});

/**
 * The same for the big store: grocery (704 m², 28 cameras), 180 s of arrivals (90 shoppers, 72
 * visits, up to about 50 inside). Measured at stop 11: HOTA 96.5 %, IDF1 98.4 %, 9 ID switches,
 * bound right at entry 100 %, exact receipts 81.9 % (59 of 72), 97 reviews per 1000 visits.
 * With grocery's old 16 cameras (a blind cross aisle, half of every aisle unwatched) HOTA here is
 * 74 %; on a full run 66 %.
 */
describe('reference engine on grocery (180 s)', () => {
  it('keeps tracking, entry binding and exact receipts above their floors', async () => {
    const score = await referenceRun('grocery', 180);
    expect(score.checkout!.trueReceipts).toBeGreaterThanOrEqual(60);
    expect(score.tracking!.HOTA).toBeGreaterThanOrEqual(0.92);
    expect(score.tracking!.IDF1).toBeGreaterThanOrEqual(0.93);
    expect(score.identity!.boundRightAtEntryRate).toBeGreaterThanOrEqual(0.95);
    expect(score.checkout!.exactReceiptRate).toBeGreaterThanOrEqual(0.7);
    expect(score.checkout!.reviewsPer1000).toBeLessThanOrEqual(150);
  }, 90_000);
});
