/** Browser stand-in for node:fs: the app never reads files by path, so any call is a programmer error. */
function noFs(name: string): never {
  throw new Error(`web: node:fs ${name} is not available in the browser`);
}

/** Throws: no file system in the browser. */
export const readFileSync = (): never => noFs('readFileSync');
/** Throws: no file system in the browser. */
export const writeFileSync = (): never => noFs('writeFileSync');
/** Throws: no file system in the browser. */
export const openSync = (): never => noFs('openSync');
/** Throws: no file system in the browser. */
export const closeSync = (): never => noFs('closeSync');
/** Throws: no file system in the browser. */
export const writeSync = (): never => noFs('writeSync');
/** Throws: no file system in the browser. */
export const readSync = (): never => noFs('readSync');
/** Throws: no file system in the browser. */
export const mkdirSync = (): never => noFs('mkdirSync');
/** Throws: no file system in the browser. */
export const existsSync = (): never => noFs('existsSync');
/** Throws: no file system in the browser. */
export const rmSync = (): never => noFs('rmSync');
/** Throws: no file system in the browser. */
export const statSync = (): never => noFs('statSync');
