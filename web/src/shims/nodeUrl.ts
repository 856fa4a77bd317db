/** Browser stand-in for node:url: a file URL's path. */
export function fileURLToPath(url: string | URL): string {
  return new URL(String(url)).pathname;
}
