import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile, parseScenario } from '../sim/scenario/loadScenario.ts';

const ROOT = resolve(import.meta.dirname, '..');

describe('README.md', () => {
  it('shows a scenario example that loads', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The scenario format'));
    const block = /```json\n([\s\S]*?)\n```/.exec(section);
    expect(block).not.toBeNull();
    const parsed = parseScenario(JSON.parse(block![1]!), loadCatalogFile(join(ROOT, 'assets', 'catalog.json')));
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });
});
