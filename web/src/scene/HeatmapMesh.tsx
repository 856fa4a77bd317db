import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { HeatmapLayer } from '../../../sim/render/HeatmapLayer.ts';
import type { Vec2 } from '../../../sim/geometry/Vec2.ts';
import { useUi } from '../state/useUi.ts';
import { FloorGrids } from '../twin/FloorGrids.ts';
import type { RunController } from '../twin/RunController.ts';
import { heatRamp } from './heatRamp.ts';

/** The heatmap is recoloured at most this often, milliseconds: it changes slowly. */
const REFRESH_MS = 500;

/** The selected floor heatmap of the live run, refreshed in the frame loop. */
export function HeatmapMesh({ controller, outline }: { controller: RunController; outline: readonly Vec2[] }) {
  const kind = useUi((s) => s.heatmap);
  // With a camera picked, the coverage layer is that camera's own footprint on the floor.
  const cameraId = useUi((s) => s.cameraId);
  // Every run of a scenario has the same grid (the outline's): one layer serves them all.
  const layer = useMemo(() => new HeatmapLayer(new FloorGrids(outline).shape), [outline]);
  useEffect(() => () => layer.dispose(), [layer]);
  const last = useMemo(() => ({ ms: -Infinity, kind: '', cameraId: null as string | null }), []);

  useFrame(({ clock }) => {
    const r = controller.run;
    if (kind === null || r === null) return;
    const ms = clock.elapsedTime * 1000;
    if (ms - last.ms < REFRESH_MS && last.kind === kind && last.cameraId === cameraId) return;
    last.ms = ms;
    last.kind = kind;
    last.cameraId = cameraId;
    const { values, max } = r.grids.layer(kind, cameraId);
    const lit = layer.setValues(values, max, heatRamp);
    (window as { __heatmapLit?: number }).__heatmapLit = lit;
  });
  if (kind === null) return null;
  return <primitive object={layer.mesh} />;
}
