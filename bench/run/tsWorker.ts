import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Boot scripts for worker threads whose entry is TypeScript. Node refuses a .ts file as a worker's
 * main script and does not pass --import to workers, so a worker starts on a small script
 * (`new Worker(script, { eval: true })`) that registers tsx in the worker, then imports the entry:
 * the same loader the CLI uses (bin/storetwin.js).
 */

let tsxApi: string | null = null;

/** The ESM entry of `tsx/esm/api` as a file URL, read from tsx's package exports (require.resolve would pick the CommonJS one); resolved from here, so workers find it whatever the current folder. */
export function tsxApiUrl(): string {
  if (tsxApi !== null) return tsxApi;
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const entry = pkg.exports['./esm/api']?.import.default;
  if (entry === undefined) throw new Error(`bench: ${pkgFile} exports no ESM "./esm/api" entry`);
  tsxApi = pathToFileURL(join(dirname(pkgFile), entry)).href;
  return tsxApi;
}

/**
 * The boot script (for `eval: true`) of a worker whose entry is the TypeScript module `entry`.
 * `onBootError`: source of a function expression `(err) => ...` called when tsx or the entry fails
 * to load; without it the rejection is unhandled, which ends the worker with an 'error' event.
 * The script is CommonJS (an eval worker's kind), so `onBootError` may use `require`.
 */
export function tsWorkerScript(entry: URL, onBootError?: string): string {
  const boot = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return onBootError === undefined ? `${boot};` : `${boot}.catch(${onBootError});`;
}
