/** Where a command writes: results to `out`, progress and problems to `err`. */
export interface CommandIo {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}
