import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { bounds } from '../../../sim/geometry/polygon.ts';
import type { Vec2 } from '../../../sim/geometry/Vec2.ts';
import { useUi } from '../state/useUi.ts';
import type { RunController } from '../twin/RunController.ts';

/** How the view camera frames the store. */
const VIEW = {
  /** Orbit: distance as a multiple of the store's larger side, and the elevation angle, radians. */
  orbitDistance: 1.05,
  orbitElevationRad: 0.85,
  /** Top-down: height as a multiple of the larger side (fits a 50-degree field of view). */
  topHeight: 1.15,
  /** Following: distance behind and above the shopper, metres, and how fast the view catches up (per second). */
  followBackM: 5,
  followUpM: 4,
  followRate: 4,
} as const;

/** Orbit controls (drag, wheel), a top-down preset, and following a shopper. */
export function ViewControls({ outline, controller }: { outline: readonly Vec2[]; controller: RunController }) {
  const { camera, gl } = useThree();
  const view = useUi((s) => s.view);
  const controls = useMemo(() => new OrbitControls(camera, gl.domElement), [camera, gl]);
  const b = bounds(outline);
  const cx = (b.min[0] + b.max[0]) / 2;
  const cy = (b.min[1] + b.max[1]) / 2;
  const side = Math.max(b.max[0] - b.min[0], b.max[1] - b.min[1]);
  const goal = useMemo(() => new THREE.Vector3(), []);

  useEffect(() => () => controls.dispose(), [controls]);
  useEffect(() => {
    controls.target.set(cx, cy, 0);
    if (view === 'top') {
      // A hair off vertical: orbit controls are degenerate when looking straight along the up axis.
      camera.position.set(cx, cy - 0.01, side * VIEW.topHeight);
    } else {
      const d = side * VIEW.orbitDistance;
      camera.position.set(cx, cy - d * Math.cos(VIEW.orbitElevationRad), d * Math.sin(VIEW.orbitElevationRad));
    }
    camera.lookAt(cx, cy, 0);
    controls.update();
  }, [view, cx, cy, side, camera, controls]);

  useFrame((_, dtS) => {
    const id = useUi.getState().followId;
    const run = controller.run;
    if (id !== null && run !== null) {
      const p = run.poses.find((q) => q.id === id);
      if (p === undefined) {
        // The shopper left: stop following.
        if (run.spawns.has(id) && !run.poses.some((q) => q.id === id)) useUi.getState().set({ followId: null });
      } else {
        const k = Math.min(1, dtS * VIEW.followRate);
        goal.set(p.position[0], p.position[1], 0);
        const shift = goal.sub(controls.target).multiplyScalar(k);
        controls.target.add(shift);
        camera.position.add(shift);
      }
    }
    controls.update();
  });
  return null;
}
