import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { HeatmapLayer } from '../../../sim/render/HeatmapLayer.ts';
import { useUi } from '../state/useUi.ts';
import type { RunController } from '../twin/RunController.ts';
import { heatRamp } from './heatRamp.ts';

/** The heatmap is recoloured at most this often, milliseconds: it changes slowly. */
const REFRESH_MS = 500;

/** The selected floor heatmap of the live run, refreshed in the frame loop. */
export function HeatmapMesh({ controller }: { controller: RunController }) {
  const kind = useUi((s) => s.heatmap);
  const run = controller.run;
  const grids = run?.grids ?? null;
  const layer = useMemo(() => (grids === null ? null : new HeatmapLayer(grids.shape)), [grids]);
  useEffect(() => () => layer?.dispose(), [layer]);
  const last = useMemo(() => ({ ms: -Infinity, kind: '' }), []);

  useFrame(({ clock }) => {
    const r = controller.run;
    if (layer === null || kind === null || r === null) return;
    const ms = clock.elapsedTime * 1000;
    if (ms - last.ms < REFRESH_MS && last.kind === kind) return;
    last.ms = ms;
    last.kind = kind;
    const { values, max } = r.grids.layer(kind);
    const lit = layer.setValues(values, max, heatRamp);
    (window as { __heatmapLit?: number }).__heatmapLit = lit;
  });
  if (layer === null || kind === null) return null;
  return <primitive object={layer.mesh} />;
}
