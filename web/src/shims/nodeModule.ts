/** Browser stand-in for node:module: nothing in the browser resolves packages at run time. */
export function createRequire(_from: string | URL): never {
  throw new Error('web: node:module createRequire is not available in the browser');
}
