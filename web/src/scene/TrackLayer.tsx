import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import { TrackMarkers } from '../../../sim/render/TrackMarkers.ts';
import { useUi } from '../state/useUi.ts';
import type { RunController } from '../twin/RunController.ts';

/** Rings under the engine's tracks, coloured by how they compare with truth, and red rings under missed shoppers. */
export function TrackLayer({ controller }: { controller: RunController }) {
  const show = useUi((s) => s.showTracks);
  const markers = useMemo(() => new TrackMarkers(), []);
  useFrame(() => {
    markers.begin();
    const run = controller.run;
    if (run !== null && show) {
      const j = run.judgement;
      run.tracks.forEach((t, i) => {
        if (t.state !== 'lost') markers.add(t.positionM[0], t.positionM[1], j.trackStatus[i] ?? 'unbound');
      });
      for (const si of j.missed) {
        const s = run.judgedTruth[si];
        if (s !== undefined) markers.add(s.x, s.y, 'missed');
      }
    }
    markers.end();
  });
  return <primitive object={markers.mesh} />;
}
