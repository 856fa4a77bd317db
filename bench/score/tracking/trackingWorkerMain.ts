// The tracking worker's entry (see TrackingWorker.ts): one sequence in, HOTA and CLEAR out.
import { serveOnce } from '../SyncWorker.ts';
import { clearSequence } from './clear.ts';
import { hotaSequence } from './hota.ts';
import type { TrackingWorkerResult } from './TrackingWorker.ts';
import type { TrackingSequence } from './TrackingSequence.ts';

serveOnce((seq: TrackingSequence): TrackingWorkerResult => ({ hota: hotaSequence(seq), clear: clearSequence(seq) }));
