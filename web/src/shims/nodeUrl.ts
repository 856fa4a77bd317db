/** Browser stand-in for node:url: a file URL's path. */
export function fileURLToPath(url: string | URL): string {
  return new URL(String(url)).pathname;
}

/** Throws: the app never turns file paths into URLs (only Node shells of the bench do). */
export function pathToFileURL(path: string): never {
  throw new Error(`web: node:url pathToFileURL(${JSON.stringify(path)}) is not available in the browser`);
}
