import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { tsWorkerScript, tsxApiUrl } from './tsWorker.ts';

/** Runs `script` in a real worker thread; resolves to its first message, or its error, and its exit code. */
function runWorker(script: string): Promise<{ message?: unknown; error?: string; code: number }> {
  return new Promise((resolve) => {
    const w = new Worker(script, { eval: true });
    const got: { message?: unknown; error?: string } = {};
    w.once('message', (m) => (got.message = m));
    w.once('error', (e) => (got.error = e.message));
    w.once('exit', (code) => resolve({ ...got, code }));
  });
}

describe('tsWorkerScript', () => {
  const dir = mkdtempSync(join(tmpdir(), 'storetwin-tsworker-'));
  // An ESM folder, as the repository is (in a folder without it Node tries require(esm) on the .ts entry).
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  // TypeScript only tsx can load: a type annotation, an interface and a .ts import.
  writeFileSync(join(dir, 'half.ts'), 'export interface N { n: number }\nexport const half = (x: number): number => x / 2;\n');
  writeFileSync(join(dir, 'entry.ts'), "import { parentPort } from 'node:worker_threads';\nimport { half } from './half.ts';\nconst v: number = half(84);\nparentPort!.postMessage(v);\n");

  it('finds the ESM entry of tsx/esm/api', () => {
    expect(tsxApiUrl()).toMatch(/^file:\/\/.*\/tsx\/dist\/esm\/api\/index\.mjs$/);
  });

  it('boots a TypeScript entry in a real worker thread', async () => {
    expect(await runWorker(tsWorkerScript(pathToFileURL(join(dir, 'entry.ts'))))).toEqual({ message: 42, code: 0 });
  });

  it('a missing entry ends the worker with an error, or calls onBootError with it', async () => {
    const missing = pathToFileURL(join(dir, 'missing.ts'));
    const plain = await runWorker(tsWorkerScript(missing));
    expect(plain.code).toBe(1);
    expect(plain.error).toContain('missing.ts');
    const caught = await runWorker(tsWorkerScript(missing, "(err) => require('node:worker_threads').parentPort.postMessage('boot: ' + err.message)"));
    expect(caught.code).toBe(0);
    expect(String(caught.message)).toMatch(/^boot: .*missing\.ts/);
  });
});
