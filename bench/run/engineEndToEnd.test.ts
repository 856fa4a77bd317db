import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../engine/api.ts';
import type { EngineClient } from '../../engine/host/EngineClient.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import { bundledScenario } from '../../sim/testing.ts';
import type { TruthEvent } from '../../sim/truth/Truth.ts';
import { runHarness, storeDescriptionOf } from './Harness.ts';
import { startNodeEngine } from './startNodeEngine.ts';

/** tao-cafe with plain shoppers: fixed list size, one unit per item, no put-backs, impulse buys, counters or groups. */
function plainCafe(listSize: number, perHour: number, durationS: number, edit: (json: Record<string, any>) => void = () => {}): Scenario { // eslint-disable-line @typescript-eslint/no-explicit-any
  return bundledScenario('tao-cafe', (json) => {
    json.crowd.durationS = durationS;
    json.crowd.drainS = 400;
    json.crowd.arrivals = [{ at: json.crowd.openAt ?? '09:00', perHour }];
    json.crowd.groups = { share: 0 };
    json.crowd.profiles = [{ name: 'plain', weight: 1, listSize: { mean: listSize, min: listSize, max: listSize }, quantityMax: 1, browseProb: 0, putBackProb: 0, impulsePerExposure: 0, counterProb: 0 }];
    edit(json);
  });
}

interface Run {
  readonly truth: TruthEvent[];
  readonly engine: EngineEvent[];
}

/** Runs the twin with the reference engine in a worker thread, lockstep, keeping truth and engine events in memory. */
async function run(scenario: Scenario): Promise<Run> {
  const { client } = await startNodeEngine(storeDescriptionOf(scenario), null);
  clients.push(client);
  const truth: TruthEvent[] = [];
  const engine: EngineEvent[] = [];
  await runHarness({
    scenario, engine: client, mode: { kind: 'lockstep' }, clockMs: () => 0,
    sink: { header() {}, event: (e) => truth.push(e), sensor() {}, engine: (e) => engine.push(e), truth() {}, footer() {}, abort() {} },
  });
  client.close();
  return { truth, engine };
}
const clients: EngineClient[] = [];
afterAll(() => clients.forEach((c) => c.close()));

const receipts = (r: Run) => ({
  truth: r.truth.filter((e): e is Extract<TruthEvent, { kind: 'receipt' }> => e.kind === 'receipt'),
  engine: r.engine.filter((e): e is Extract<EngineEvent, { kind: 'receipt' }> => e.kind === 'receipt'),
});

describe('end to end: twin, cameras and plates, the reference engine in a worker', () => {
  let one: Run;
  let two: Run;
  beforeAll(async () => {
    // 3600 an hour for 2 s: with this seed, three arrivals; one at a time in the store (the others queue).
    [one, two] = await Promise.all([run(plainCafe(3, 3600, 2, (j) => { j.crowd.maxInStore = 1; })), run(plainCafe(2, 240, 40, (j) => { j.crowd.maxInStore = 2; }))]);
  });

  it('a shopper alone in the store buying three items gets the exact receipt (three visits in turn)', () => {
    const { truth, engine } = receipts(one);
    expect(truth).toHaveLength(3);
    expect(engine).toHaveLength(3);
    for (const [i, r] of truth.entries()) {
      expect(r.lines.reduce((n, l) => n + l.qty, 0)).toBe(3);
      expect(engine[i]!.accountId).toBe(r.accountId);
      expect(engine[i]!.lines).toEqual(r.lines);
      expect(engine[i]!.totalCents).toBe(r.totalCents);
      // Billed as they leave.
      expect(Math.abs(engine[i]!.t - r.t)).toBeLessThan(2);
    }
  });

  it('shoppers taking from the same shelf in turns each get their own exact receipt', () => {
    const { truth, engine } = receipts(two);
    expect(truth.length).toBeGreaterThanOrEqual(2);
    // They did share a shelf.
    const shelvesOf = new Map<number, Set<string>>();
    for (const e of two.truth) if (e.kind === 'take') shelvesOf.set(e.shopper, (shelvesOf.get(e.shopper) ?? new Set()).add(e.slot.split('/')[0]!));
    const sets = [...shelvesOf.values()];
    expect(sets.some((a, i) => sets.some((b, j) => j > i && [...a].some((s) => b.has(s))))).toBe(true);
    for (const r of truth) {
      const mine = engine.filter((e) => e.accountId === r.accountId);
      expect(mine, `receipt of ${r.accountId}`).toHaveLength(1);
      expect(mine[0]!.lines).toEqual(r.lines);
    }
  });

  it('a tailgater raises a tailgating alert at the entry', async () => {
    const r = await run(plainCafe(1, 3600, 2, (j) => { j.crowd.adversarial = { tailgateProb: 1 }; }));
    const sneaks = r.truth.filter((e) => e.kind === 'entered' && !e.scanned);
    expect(sneaks.length).toBeGreaterThanOrEqual(1);
    const alerts = r.engine.filter((e): e is Extract<EngineEvent, { kind: 'alert' }> => e.kind === 'alert' && e.alert === 'tailgating');
    expect(alerts).toHaveLength(sneaks.length);
    expect(alerts[0]!.at).toBe('entry');
    const sneakAt = sneaks[0]!.t;
    expect(Math.abs(alerts[0]!.t - sneakAt)).toBeLessThan(0.5);
  });
});
