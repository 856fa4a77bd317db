// The tracking worker's entry (see TrackingWorker.ts): one sequence in; CLEAR, Identity and the floor match out.
import { floorMatchPacked } from '../storeTracking.ts';
import { serveOnce } from '../SyncWorker.ts';
import { clearSequence } from './clear.ts';
import { identitySequence } from './identity.ts';
import type { TrackingWorkerResult } from './TrackingWorker.ts';
import type { TrackingSequence } from './TrackingSequence.ts';

serveOnce(
  (seq: TrackingSequence): TrackingWorkerResult => ({ clear: clearSequence(seq), identity: identitySequence(seq), floorMatch: floorMatchPacked(seq) }),
  (r) => [r.floorMatch.buffer as ArrayBuffer],
);
