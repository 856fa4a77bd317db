import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import { TrackMarkers } from '../../../sim/render/TrackMarkers.ts';
import { useUi } from '../state/useUi.ts';
import { blendPoint } from '../twin/poseBlend.ts';
import type { RunController } from '../twin/RunController.ts';

/** Rings under the engine's tracks, coloured by how they compare with truth, and red rings under missed shoppers. */
export function TrackLayer({ controller }: { controller: RunController }) {
  const show = useUi((s) => s.showTracks);
  const markers = useMemo(() => new TrackMarkers(), []);
  const xy = useMemo<[number, number]>(() => [0, 0], []);
  const latest = useMemo<[number, number]>(() => [0, 0], []);
  useFrame(() => {
    markers.begin();
    const run = controller.run;
    if (run !== null && show) {
      const j = run.judgement;
      // Tracks of the latest tick glide from the tick before, as the shoppers do.
      const f = run.tracksTick === run.posesTick ? controller.blendFraction() : 1;
      for (let i = 0; i < run.tracks.length; i++) {
        const t = run.tracks[i]!;
        if (t.state === 'lost') continue;
        blendPoint(run.prevTracksById.get(t.trackId)?.positionM, t.positionM, f, xy);
        markers.add(xy[0], xy[1], j.trackStatus[i] ?? 'unbound');
      }
      // Missed shoppers' rings glide with their figures (the judgement is of the latest poses' tick).
      for (const si of j.missed) {
        const s = run.judgedTruth[si];
        if (s === undefined) continue;
        const p = run.prevPoseById.get(s.id);
        latest[0] = s.x;
        latest[1] = s.y;
        blendPoint(p?.position, latest, f, xy);
        markers.add(xy[0], xy[1], 'missed');
      }
    }
    markers.end();
  });
  return <primitive object={markers.mesh} />;
}
