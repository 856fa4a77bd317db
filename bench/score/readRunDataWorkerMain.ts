// The read worker's entry (see readRunData.ts): one stretch of a RunLog in, its packed parts out.
import { RunLogError, readRunLogRange } from '../run/readRunLog.ts';
import { collectParts } from './collectRun.ts';
import { packParts, packedBuffers } from './packedParts.ts';
import type { ReadStretchReply, ReadStretchRequest } from './readRunData.ts';
import { serveOnce } from './SyncWorker.ts';

serveOnce(
  (r: ReadStretchRequest): ReadStretchReply => {
    try {
      // Line numbers here are not the file's (the first stretch's count is not known yet): an error only says "re-read".
      return { parts: packParts(collectParts(readRunLogRange(r.file, r.start, r.end, 2), r.outline)) };
    } catch (err) {
      if (err instanceof RunLogError) return { failed: true };
      throw err;
    }
  },
  // The packed frames move, not copy.
  (reply) => ('parts' in reply ? packedBuffers(reply.parts) : []),
);
