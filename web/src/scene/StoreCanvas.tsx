import { Canvas } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import type { CameraCalibration } from '../../../engine/api.ts';
import { buildFrustum, buildFrustums } from '../../../sim/render/cameraPose.ts';
import { STORE_LOOK } from '../../../sim/render/storeScene.ts';
import type { Scenario } from '../../../sim/scenario/Scenario.ts';
import { buildStore } from '../../../sim/store/Store.ts';
import { useUi } from '../state/useUi.ts';
import type { RunController } from '../twin/RunController.ts';
import { FrameRenderer } from './FrameRenderer.tsx';
import { HeatmapMesh } from './HeatmapMesh.tsx';
import { ShopperLayer } from './ShopperLayer.tsx';
import { StoreLayer } from './StoreLayer.tsx';
import { TrackLayer } from './TrackLayer.tsx';
import { ViewControls } from './ViewControls.tsx';

/** Frustum depth drawn for each camera, metres (enough to show where it looks, short enough not to clutter). */
const FRUSTUM_DEPTH_M = 1.2;

function Frustums({ cameras }: { cameras: readonly CameraCalibration[] }) {
  const show = useUi((s) => s.showFrustums);
  const picked = useUi((s) => s.cameraId);
  // All cameras in one draw call; the picked one again, longer and yellow.
  const all = useMemo(() => buildFrustums(cameras, FRUSTUM_DEPTH_M, '#1e88e5'), [cameras]);
  const hot = useMemo(() => {
    const c = cameras.find((k) => k.id === picked);
    return c === undefined ? null : buildFrustum(c, FRUSTUM_DEPTH_M * 2, '#ffeb3b');
  }, [cameras, picked]);
  if (!show) return null;
  return <><primitive object={all} />{hot !== null && <primitive object={hot} />}</>;
}

/**
 * The 3D view: the store, its shoppers, engine tracks, heatmap and camera frustums, with a 2D
 * overlay canvas for labels and detections. Shadows off and simple materials: in CI the GPU is
 * SwiftShader, on the CPU.
 */
export function StoreCanvas({ scenario, controller, cameras }: { scenario: Scenario; controller: RunController; cameras: readonly CameraCalibration[] }) {
  const store = useMemo(() => buildStore(scenario), [scenario]);
  const overlay = useRef<HTMLCanvasElement>(null);
  return (
    <div className="canvas-wrap" data-testid="view">
      <Canvas flat dpr={initialDpr()} gl={{ antialias: false, powerPreference: 'high-performance' }} camera={{ fov: 50, near: 0.1, far: 500, up: [0, 0, 1] }}
        onPointerMissed={() => useUi.getState().set({ followId: null })}>
        <color attach="background" args={[STORE_LOOK.outsideColor]} />
        <ambientLight intensity={1.4} />
        <directionalLight position={[5, -8, 12]} intensity={1.6} />
        <StoreLayer scenario={scenario} store={store} />
        <ShopperLayer controller={controller} />
        <TrackLayer controller={controller} />
        <HeatmapMesh controller={controller} outline={scenario.store.outline} />
        <Frustums cameras={cameras} />
        <ViewControls outline={scenario.store.outline} controller={controller} />
        <FrameRenderer controller={controller} cameras={cameras} overlay={overlay} />
      </Canvas>
      <canvas ref={overlay} className="overlay" />
    </div>
  );
}

/** `?dpr=` from the URL when given (0.25..2), else 1 (adaptive from there). */
function initialDpr(): number {
  const v = Number(new URLSearchParams(location.search).get('dpr') ?? NaN);
  return Number.isFinite(v) && v >= 0.25 && v <= 2 ? v : 1;
}
