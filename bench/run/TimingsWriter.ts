import { closeSync, openSync, writeSync } from 'node:fs';
import type { TimingSink } from './Harness.ts';
import type { TimingFooter, TimingLine } from './RunLog.ts';

/** Lines buffered before a write. */
const FLUSH_LINES = 2000;

/** Writes `timings.jsonl`: one TimingLine per ingest, then the TimingFooter. Synchronous writes, so a crash keeps what was measured. */
export class TimingsWriter implements TimingSink {
  private fd: number;
  private buf: string[] = [];

  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
  }

  timing(line: TimingLine): void {
    this.buf.push(JSON.stringify(line));
    if (this.buf.length >= FLUSH_LINES) this.flush();
  }

  footer(line: TimingFooter): void {
    this.buf.push(JSON.stringify(line));
    this.flush();
  }

  flush(): void {
    if (this.buf.length === 0 || this.fd < 0) return;
    writeSync(this.fd, this.buf.join('\n') + '\n');
    this.buf = [];
  }

  /** Flushes and closes (safe twice). */
  close(): void {
    if (this.fd < 0) return;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
      this.fd = -1;
    }
  }
}
