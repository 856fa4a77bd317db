import { describe, expect, it } from 'vitest';
import { explainWeightChange } from './explainWeightChange.ts';

const cola = { sku: 'cola', weightG: 350 };
const chips = { sku: 'chips', weightG: 75 };
const gum = { sku: 'gum', weightG: 20 };

describe('explainWeightChange', () => {
  it('counts units of the planogram SKU, taken or put back', () => {
    expect(explainWeightChange(-351.5, [cola])).toEqual({ sku: 'cola', qty: -1, residualG: -1.5 });
    expect(explainWeightChange(-1048, [cola])).toEqual({ sku: 'cola', qty: -3, residualG: 2 });
    expect(explainWeightChange(349, [cola])).toEqual({ sku: 'cola', qty: 1, residualG: -1 });
  });
  it('finds a wrong-slot put-back among other candidates', () => {
    const r = explainWeightChange(74, [cola, chips, gum]);
    expect(r?.sku).toBe('chips');
    expect(r?.qty).toBe(1);
  });
  it('keeps the first candidate on a close call and switches on a clearly better fit', () => {
    // 150 g: 2 chips (residual 0) vs... cola does not fit; gum 7.5 units is past maxUnits.
    expect(explainWeightChange(-150, [chips, gum])?.sku).toBe('chips');
    // 60 g: 1 chips is 15 g off (no fit), 3 gum fits exactly.
    expect(explainWeightChange(-60, [chips, gum])).toEqual({ sku: 'gum', qty: -3, residualG: -0 });
  });
  it('returns null when nothing fits', () => {
    expect(explainWeightChange(-200, [cola, chips])).toBeNull();
    expect(explainWeightChange(-5000, [cola])).toBeNull();
    expect(() => explainWeightChange(10, [{ sku: 'x', weightG: 0 }])).toThrow(/engine: explainWeightChange/);
  });
});
