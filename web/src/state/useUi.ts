import { create } from 'zustand';
import type { HeatmapKind } from '../twin/FloorGrids.ts';
import type { PanelSnapshot } from '../twin/panelSnapshot.ts';
import type { Speed } from '../twin/RunController.ts';

/** Which way the 3D view looks. */
export type ViewMode = 'orbit' | 'top';

/**
 * UI state (zustand). The simulation itself is not in here: the 3D scene reads the live run in its
 * frame loop, and the panels get a snapshot a few times a second.
 */
export interface UiState {
  /** Name of the scenario shown (bundled name or file name). */
  scenarioName: string;
  /** Problems of the last scenario that failed to load, one CLI-style line each. */
  scenarioErrors: readonly string[] | null;
  playing: boolean;
  seeking: boolean;
  seekProgress: number;
  runError: string | null;
  speed: Speed;
  heatmap: HeatmapKind | null;
  showTracks: boolean;
  showFrustums: boolean;
  view: ViewMode;
  followId: number | null;
  cameraId: string | null;
  snapshot: PanelSnapshot | null;
  set: (patch: Partial<Omit<UiState, 'set'>>) => void;
}

/** The app's UI store. */
export const useUi = create<UiState>()((set) => ({
  scenarioName: '',
  scenarioErrors: null,
  playing: false,
  seeking: false,
  seekProgress: 0,
  runError: null,
  speed: 1,
  heatmap: null,
  showTracks: true,
  showFrustums: true,
  view: 'orbit',
  followId: null,
  cameraId: null,
  snapshot: null,
  set: (patch) => set(patch),
}));
