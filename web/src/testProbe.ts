import { frameStats } from './scene/frameStats.ts';
import type { RunController } from './twin/RunController.ts';

/** What the browser tests and the fps benchmark read off the live app (numbers only, copied out). */
export interface Probe {
  scenario: string;
  tS: number;
  tick: number;
  finished: boolean;
  present: number;
  /** Positions of the shoppers present: [id, x, y]. */
  positions: [number, number, number][];
  trueReceipts: number;
  engineReceipts: number;
  engine: { name: string; where: string } | null;
  engineTrackSnapshots: number;
  heatmapLit: number | null;
  fps: number;
  frames: number;
  /** The view's pixel ratio now (adaptive resolution). */
  dpr: number;
  /** Frames that drew shoppers between two ticks (inter-tick smoothing), and the latest frame's blend (0..1). */
  blendedFrames: number;
  blend: number;
}

declare global {
  interface Window {
    __storetwin?: { probe: () => Probe };
    __heatmapLit?: number;
  }
}

/** Puts `window.__storetwin.probe()` on the page. */
export function installProbe(controller: RunController): void {
  window.__storetwin = {
    probe: () => {
      const run = controller.run;
      return {
        scenario: run?.scenario.name ?? '',
        tS: run?.t ?? 0,
        tick: run?.tick ?? 0,
        finished: run?.finished ?? false,
        present: run?.poses.length ?? 0,
        positions: run?.poses.map((p) => [p.id, p.position[0], p.position[1]] as [number, number, number]) ?? [],
        trueReceipts: run?.trueReceipts.length ?? 0,
        engineReceipts: run?.engineReceipts.length ?? 0,
        engine: run?.engine ? { name: run.engine.name, where: run.engine.where } : null,
        engineTrackSnapshots: run?.engineEvents.trackSnapshots ?? 0,
        heatmapLit: window.__heatmapLit ?? null,
        fps: frameStats.fps(),
        frames: frameStats.frames,
        dpr: frameStats.dpr,
        blendedFrames: frameStats.blendedFrames,
        blend: frameStats.lastBlend,
      };
    },
  };
}
