import type { StoreDescription } from '../api.ts';
import { FACE_DIM } from '../api.ts';

/** The best gallery match of a face. */
export interface FaceMatch {
  readonly accountId: string | null;
  /** Cosine with the best account (-1..1). */
  readonly score: number;
  /** Cosine with the runner-up. */
  readonly runnerUp: number;
}

/** The enrolled faces, packed for a linear cosine scan (a few thousand accounts: well under a millisecond). */
export class FaceGallery {
  private readonly ids: string[];
  private readonly vecs: Float32Array;

  constructor(gallery: StoreDescription['gallery']) {
    this.ids = gallery.map((g) => g.accountId);
    this.vecs = new Float32Array(gallery.length * FACE_DIM);
    gallery.forEach((g, i) => {
      if (g.descriptor.length !== FACE_DIM) throw new Error(`engine: gallery entry ${g.accountId} has ${g.descriptor.length} values, expected ${FACE_DIM}`);
      this.vecs.set(g.descriptor, i * FACE_DIM);
    });
  }

  get size(): number {
    return this.ids.length;
  }

  /** The account whose face is most like `descriptor`; `accountId` is null below `minScore` or within `minMargin` of the runner-up. */
  match(descriptor: readonly number[], minScore: number, minMargin: number): FaceMatch {
    let best = -2;
    let second = -2;
    let bestI = -1;
    const v = this.vecs;
    for (let i = 0; i < this.ids.length; i++) {
      let dot = 0;
      const o = i * FACE_DIM;
      for (let d = 0; d < FACE_DIM; d++) dot += v[o + d]! * descriptor[d]!;
      if (dot > best) {
        second = best;
        best = dot;
        bestI = i;
      } else if (dot > second) {
        second = dot;
      }
    }
    const ok = bestI >= 0 && best >= minScore && best - second >= minMargin;
    return { accountId: ok ? this.ids[bestI]! : null, score: best, runnerUp: second };
  }
}
