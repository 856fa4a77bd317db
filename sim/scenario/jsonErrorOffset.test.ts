import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './jsonErrorOffset.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** JSON.parse's own position where its message names one, else null. */
function v8Offset(text: string): number | null {
  try {
    JSON.parse(text);
    return -1;
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    return m ? Number(m[1]) : null;
  }
}

describe('jsonErrorOffset', () => {
  it('is -1 for valid JSON, including every committed scenario and the catalog', () => {
    for (const text of ['{}', '[]', ' 0 ', '-1.5e+3', '"a\\u00e9\\n"', '{"a": [true, false, null, {"b": []}]}']) {
      expect(jsonErrorOffset(text), text).toBe(-1);
    }
    const files = [...readdirSync(root + 'scenarios').map((f) => `scenarios/${f}`), 'assets/catalog.json', 'assets/appearance.json'];
    for (const f of files.filter((f) => f.endsWith('.json'))) expect(jsonErrorOffset(readFileSync(root + f, 'utf8')), f).toBe(-1);
  });

  it.each([
    ['{"a": tru}', 9],
    ["{'a': 1}", 1],
    ['{"a": 1,}', 8],
    ['[1, 2', 5],
    ['{"a": 01}', 7],
    ['{"a": "x\ty"}', 8],
    ['{"a": "\\x"}', 8],
    ['{"a": 1} 2', 9],
    ['', 0],
  ])('%j stops at %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
    const v8 = v8Offset(text);
    if (v8 !== null) expect(v8).toBe(offset);
  });
});
