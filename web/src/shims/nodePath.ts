/** Browser stand-in for the few node:path helpers the twin's loaders use (POSIX-style paths). */

/** The folder part of a path. */
export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}

/** Joins path parts with '/'. */
export function join(...parts: string[]): string {
  return parts.filter((x) => x !== '').join('/').replace(/\/+/g, '/');
}

/** Joins path parts with '/' (no working directory in the browser). */
export function resolve(...parts: string[]): string {
  return join(...parts);
}
