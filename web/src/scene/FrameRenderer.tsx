import { useFrame, useThree } from '@react-three/fiber';
import { useMemo } from 'react';
import * as THREE from 'three';
import type { CameraCalibration } from '../../../engine/api.ts';
import { applyCalibration } from '../../../sim/render/cameraPose.ts';
import { MARK_COLORS } from '../../../sim/render/TrackMarkers.ts';
import { useUi } from '../state/useUi.ts';
import { blendPoint } from '../twin/poseBlend.ts';
import type { RunController } from '../twin/RunController.ts';
import { frameStats } from './frameStats.ts';
import { LABEL_LAYOUT, LabelLayout } from './labelLayout.ts';

/** Width of a label character in the overlay's 11 px font, pixels (an average: close enough to keep labels apart). */
const LABEL_CHAR_PX = 6;

/** A share as a whole-number percentage. */
const pct = (share: number) => `${Math.round(share * 100)} %`;

/** Size of the camera-view inset, as a share of the canvas width, and its margin in pixels. */
const INSET = { widthShare: 0.34, marginPx: 12 } as const;

/**
 * Adaptive resolution: on a slow GPU (software WebGL in CI) the view renders fewer pixels rather
 * than fewer frames. Checked every `everyMs`; below `lowFps` the pixel ratio steps down, above
 * `highFps` back up, within [minDpr, maxDpr]. `?dpr=` in the URL fixes it instead.
 */
export const ADAPTIVE_DPR = { everyMs: 1500, lowFps: 30, highFps: 50, step: 0.125, minDpr: 0.5, maxDpr: 1 } as const;

/**
 * Renders each frame by hand (priority 1 takes over R3F's render): the store view, then, when a
 * camera is picked, that camera's view in an inset with its detections drawn over it on the 2D
 * overlay, plus track labels (id and bound account) on the overlay.
 */
export function FrameRenderer({ controller, cameras, overlay }: { controller: RunController; cameras: readonly CameraCalibration[]; overlay: React.RefObject<HTMLCanvasElement | null> }) {
  const { gl, scene, camera, size, setDpr } = useThree();
  const camView = useMemo(() => new THREE.PerspectiveCamera(), []);
  const v = useMemo(() => new THREE.Vector3(), []);
  const xy = useMemo<[number, number]>(() => [0, 0], []);
  const adapt = useMemo(() => ({ lastMs: 0, dpr: 1, fixed: fixedDpr() }), []);
  const layout = useMemo(() => new LabelLayout(), []);
  const labels = useMemo(() => ({ text: [] as string[], track: [] as number[], ax: [] as number[], ay: [] as number[], w: [] as number[] }), []);

  useFrame((state) => {
    const nowMs = state.clock.elapsedTime * 1000;
    frameStats.frame(nowMs);
    if (adapt.fixed === null && nowMs - adapt.lastMs > ADAPTIVE_DPR.everyMs) {
      adapt.lastMs = nowMs;
      const fps = frameStats.fps(ADAPTIVE_DPR.everyMs);
      const A = ADAPTIVE_DPR;
      const next = fps < A.lowFps ? Math.max(A.minDpr, adapt.dpr - A.step) : fps > A.highFps ? Math.min(A.maxDpr, adapt.dpr + A.step) : adapt.dpr;
      if (next !== adapt.dpr) {
        adapt.dpr = next;
        frameStats.dpr = next;
        setDpr(next);
      }
    }
    const ui = useUi.getState();
    gl.setScissorTest(false);
    gl.setViewport(0, 0, size.width, size.height);
    gl.render(scene, camera);
    const ctx = overlay.current?.getContext('2d') ?? null;
    if (ctx !== null) {
      const c = ctx.canvas;
      if (c.width !== size.width || c.height !== size.height) {
        c.width = size.width;
        c.height = size.height;
      }
      ctx.clearRect(0, 0, c.width, c.height);
    }
    const run = controller.run;
    if (run === null) return;
    // Labels over tracks: id and bound account, in the track's status colour, laid out so a group's
    // labels stack instead of overprinting (a moved label gets a leader line to its track).
    if (ctx !== null && ui.showTracks) {
      ctx.font = '11px system-ui, sans-serif';
      // Labels follow the markers' inter-tick blend (TrackLayer).
      const f = run.tracksTick === run.posesTick ? controller.blendFraction() : 1;
      let n = 0;
      for (let i = 0; i < run.tracks.length; i++) {
        const t = run.tracks[i]!;
        if (t.state === 'lost') continue;
        blendPoint(run.prevTracksById.get(t.trackId)?.positionM, t.positionM, f, xy);
        v.set(xy[0], xy[1], 2.05).project(camera);
        if (v.z > 1) continue;
        const text = `#${t.trackId} ${t.accountId ?? '(unbound)'}`;
        labels.text[n] = text;
        labels.track[n] = i;
        labels.ax[n] = ((v.x + 1) / 2) * size.width - 20;
        labels.ay[n] = ((1 - v.y) / 2) * size.height;
        labels.w[n] = text.length * LABEL_CHAR_PX;
        n++;
      }
      layout.place(n, labels.ax, labels.ay, labels.w);
      ctx.lineWidth = 1;
      for (let k = 0; k < n; k++) {
        const colour = MARK_COLORS[run.judgement.trackStatus[labels.track[k]!] ?? 'unbound'];
        ctx.fillStyle = colour;
        const y = layout.y[k]!;
        ctx.fillText(labels.text[k]!, labels.ax[k]!, y);
        if (layout.moved[k] === 1) {
          ctx.strokeStyle = colour;
          ctx.beginPath();
          ctx.moveTo(labels.ax[k]! + 20, labels.ay[k]!);
          ctx.lineTo(labels.ax[k]! + 2, y - LABEL_LAYOUT.lineHeightPx + 3);
          ctx.stroke();
        }
      }
    }
    const cal = ui.cameraId === null ? undefined : cameras.find((c) => c.id === ui.cameraId);
    if (cal === undefined) return;
    const w = Math.round(size.width * INSET.widthShare);
    const h = Math.round((w * cal.heightPx) / cal.widthPx);
    const x0 = size.width - w - INSET.marginPx;
    const y0 = INSET.marginPx; // from the bottom in GL, from the top on the overlay
    applyCalibration(camView, cal);
    gl.setScissorTest(true);
    gl.setScissor(x0, size.height - y0 - h, w, h);
    gl.setViewport(x0, size.height - y0 - h, w, h);
    gl.clear();
    gl.render(scene, camView);
    gl.setScissorTest(false);
    gl.setViewport(0, 0, size.width, size.height);
    if (ctx === null) return;
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.strokeRect(x0, y0, w, h);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(`${cal.id} (${cal.widthPx}x${cal.heightPx})`, x0 + 4, y0 + h + 12);
    // What this camera covers on its own (the coverage map's shares, as in the report).
    const seen = run.grids.coverageShares.get(cal.id);
    if (seen !== undefined) ctx.fillText(`floor seen: ${pct(seen.wholeShare)} whole, ${pct(seen.headShare)} by head`, x0 + 4, y0 + h + 26);
    const det = run.detections.get(cal.id);
    if (det === undefined) return;
    const sx = w / cal.widthPx;
    const sy = h / cal.heightPx;
    ctx.strokeStyle = '#00e5ff';
    ctx.lineWidth = 1.5;
    for (let i = 0; i < det.count; i++) {
      const l = det.boxes[i * 5]!;
      const t = det.boxes[i * 5 + 1]!;
      const bw = det.boxes[i * 5 + 2]!;
      const bh = det.boxes[i * 5 + 3]!;
      ctx.strokeRect(x0 + l * sx, y0 + t * sy, bw * sx, bh * sy);
      ctx.fillStyle = '#00e5ff';
      ctx.fillText(det.boxes[i * 5 + 4]!.toFixed(2), x0 + l * sx, y0 + t * sy - 2);
    }
  }, 1);
  return null;
}

/** A pixel ratio fixed by `?dpr=` (0.25..2), or null for adaptive. */
function fixedDpr(): number | null {
  const v = Number(new URLSearchParams(location.search).get('dpr') ?? NaN);
  return Number.isFinite(v) && v >= 0.25 && v <= 2 ? v : null;
}
