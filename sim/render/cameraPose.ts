import * as THREE from 'three';
import type { CameraCalibration } from '../../engine/api.ts';

/** Near and far planes of rendered camera views and frustums, metres. */
export const CAMERA_CLIP = { nearM: 0.05, farM: 40 } as const;

/**
 * Sets a three.js camera to a calibrated pinhole: pose from R (world to camera, x right, y down,
 * z forward) and position, projection from fx, fy, cx, cy, so pixels line up with the camera's
 * detections exactly. three.js cameras look down their -z with y up: camera-to-world is
 * R^T diag(1, -1, -1).
 */
export function applyCalibration(cam: THREE.PerspectiveCamera, c: CameraCalibration): void {
  const r = c.rotation;
  const m = new THREE.Matrix4().set(
    r[0]!, -r[3]!, -r[6]!, c.positionM[0],
    r[1]!, -r[4]!, -r[7]!, c.positionM[1],
    r[2]!, -r[5]!, -r[8]!, c.positionM[2],
    0, 0, 0, 1,
  );
  m.decompose(cam.position, cam.quaternion, cam.scale);
  cam.updateMatrixWorld(true);
  const { nearM: n, farM: f } = CAMERA_CLIP;
  const w = c.widthPx;
  const h = c.heightPx;
  // OpenGL projection from intrinsics (v grows downwards in pixels, upwards in NDC).
  cam.projectionMatrix.set(
    (2 * c.fx) / w, 0, 1 - (2 * c.cx) / w, 0,
    0, (2 * c.fy) / h, (2 * c.cy) / h - 1, 0,
    0, 0, -(f + n) / (f - n), (-2 * f * n) / (f - n),
    0, 0, -1, 0,
  );
  cam.projectionMatrixInverse.copy(cam.projectionMatrix).invert();
  cam.near = n;
  cam.far = f;
  cam.aspect = w / h;
}

/** Wireframe pyramids of several cameras' views in one draw call, apex at each camera, base `depthM` ahead. */
export function buildFrustums(cams: readonly CameraCalibration[], depthM: number, color: string): THREE.LineSegments {
  const pts: THREE.Vector3[] = [];
  for (const c of cams) frustumPoints(c, depthM, pts);
  const seg = new THREE.LineSegments(new THREE.BufferGeometry().setFromPoints(pts), new THREE.LineBasicMaterial({ color }));
  seg.name = 'frustums';
  return seg;
}

/** A wireframe pyramid of one camera's view, apex at the camera, base `depthM` ahead. */
export function buildFrustum(c: CameraCalibration, depthM: number, color: string): THREE.LineSegments {
  const seg = new THREE.LineSegments(new THREE.BufferGeometry().setFromPoints(frustumPoints(c, depthM, [])), new THREE.LineBasicMaterial({ color }));
  seg.name = `frustum:${c.id}`;
  return seg;
}

/** Appends the 8 line segments (16 points) of a camera's view pyramid to `pts`. */
function frustumPoints(c: CameraCalibration, depthM: number, pts: THREE.Vector3[]): THREE.Vector3[] {
  const r = c.rotation;
  const corners = [[0, 0], [c.widthPx, 0], [c.widthPx, c.heightPx], [0, c.heightPx]].map(([u, v]) => {
    // Ray in camera axes, then to world with R^T.
    const xc = ((u! - c.cx) / c.fx) * depthM;
    const yc = ((v! - c.cy) / c.fy) * depthM;
    const zc = depthM;
    return new THREE.Vector3(
      c.positionM[0] + r[0]! * xc + r[3]! * yc + r[6]! * zc,
      c.positionM[1] + r[1]! * xc + r[4]! * yc + r[7]! * zc,
      c.positionM[2] + r[2]! * xc + r[5]! * yc + r[8]! * zc,
    );
  });
  const apex = new THREE.Vector3(...c.positionM);
  for (let i = 0; i < 4; i++) pts.push(apex, corners[i]!, corners[i]!, corners[(i + 1) % 4]!);
  return pts;
}
