/** Browser stand-in for node:string_decoder, over TextDecoder in streaming mode. */
export class StringDecoder {
  private readonly decoder = new TextDecoder('utf-8');

  /** Decodes a chunk, keeping a split multi-byte character for the next call. */
  write(chunk: Uint8Array): string {
    return this.decoder.decode(chunk, { stream: true });
  }

  /** Flushes what is left. */
  end(chunk?: Uint8Array): string {
    return this.decoder.decode(chunk);
  }
}
