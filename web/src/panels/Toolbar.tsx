import { useEffect, useState } from 'react';
import type { CameraCalibration } from '../../../engine/api.ts';
import { useUi } from '../state/useUi.ts';
import { BUNDLED_SCENARIOS } from '../twin/bundledScenarios.ts';
import type { HeatmapKind } from '../twin/FloorGrids.ts';
import type { RunController, Speed } from '../twin/RunController.ts';

/** Speeds offered: real time up to as fast as the tab goes. */
const SPEEDS: readonly Speed[] = [1, 2, 5, 10, 30, 100, 'max'];
const HEATMAPS: readonly HeatmapKind[] = ['occupancy', 'dwell', 'coverage', 'errors'];

/** Scenario choice, playback controls, seek bar, view and layer switches. */
export function Toolbar(props: {
  controller: RunController;
  cameras: readonly CameraCalibration[];
  onPickBundled: (name: string) => void;
  onOpenFiles: (files: FileList) => void;
  onSeed: (seed: number) => void;
}) {
  const { controller, cameras } = props;
  const ui = useUi();
  const snap = ui.snapshot;
  const endS = snap?.endS ?? 1;
  const tS = snap?.tS ?? 0;
  // Where the seek bar was put, shown until that seek is done (the run's time lags behind it).
  const [seekTo, setSeekTo] = useState<number | null>(null);
  useEffect(() => {
    if (!ui.seeking) setSeekTo(null);
  }, [ui.seeking, tS]);
  return (
    <div className="toolbar">
      <label>
        scenario{' '}
        <select data-testid="scenario-select" value={BUNDLED_SCENARIOS.has(ui.scenarioName) ? ui.scenarioName : ''} onChange={(e) => props.onPickBundled(e.target.value)}>
          {!BUNDLED_SCENARIOS.has(ui.scenarioName) && <option value="">{ui.scenarioName || '(none)'}</option>}
          {[...BUNDLED_SCENARIOS.keys()].map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <label className="file-button">
        open file…
        <input data-testid="file-input" type="file" accept=".json,application/json" multiple onChange={(e) => e.target.files && props.onOpenFiles(e.target.files)} />
      </label>
      <label>
        seed{' '}
        <input data-testid="seed" type="number" min={0} max={4294967295} style={{ width: '7em' }} value={snap?.seed ?? ''} onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isInteger(v) && v >= 0 && v <= 4294967295) props.onSeed(v);
        }} />
      </label>
      <span className="sep" />
      {ui.playing
        ? <button data-testid="pause" onClick={() => controller.pause()}>pause</button>
        : <button data-testid="play" onClick={() => controller.play()} disabled={snap?.finished ?? true}>play</button>}
      <button data-testid="step" onClick={() => void controller.step()} disabled={ui.playing}>step</button>
      <label>
        speed{' '}
        <select data-testid="speed" value={String(ui.speed)} onChange={(e) => {
          const s: Speed = e.target.value === 'max' ? 'max' : Number(e.target.value);
          ui.set({ speed: s });
          controller.setSpeed(s);
        }}>
          {SPEEDS.map((s) => <option key={String(s)} value={String(s)}>{s === 'max' ? 'max' : `${s}x`}</option>)}
        </select>
      </label>
      <input data-testid="seek" className="seek" type="range" min={0} max={endS} step={1} value={seekTo ?? Math.floor(tS)}
        onChange={(e) => {
          // Both 'input' and 'change' reach here; only a new position is a new seek.
          const v = Number(e.target.value);
          if (v === seekTo) return;
          setSeekTo(v);
          void controller.seek(v);
        }} />
      <span data-testid="clock" className="clock">{fmt(tS)} / {fmt(endS)}{ui.seeking ? ` seeking ${Math.round(ui.seekProgress * 100)}%` : ''}</span>
      <span className="sep" />
      <button data-testid="view-toggle" onClick={() => ui.set({ view: ui.view === 'orbit' ? 'top' : 'orbit' })}>{ui.view === 'orbit' ? 'top-down' : 'orbit'}</button>
      <label>
        heatmap{' '}
        <select data-testid="heatmap" value={ui.heatmap ?? ''} onChange={(e) => ui.set({ heatmap: e.target.value === '' ? null : (e.target.value as HeatmapKind) })}>
          <option value="">off</option>
          {HEATMAPS.map((h) => <option key={h} value={h}>{h === 'coverage' && ui.cameraId !== null ? `coverage (${ui.cameraId} only)` : h}</option>)}
        </select>
      </label>
      <label><input type="checkbox" checked={ui.showTracks} onChange={(e) => ui.set({ showTracks: e.target.checked })} /> tracks</label>
      <label><input type="checkbox" checked={ui.showFrustums} onChange={(e) => ui.set({ showFrustums: e.target.checked })} /> cameras</label>
      <label>
        camera view{' '}
        <select data-testid="camera-select" value={ui.cameraId ?? ''} onChange={(e) => ui.set({ cameraId: e.target.value === '' ? null : e.target.value })}>
          <option value="">off</option>
          {cameras.map((c) => <option key={c.id} value={c.id}>{c.id}</option>)}
        </select>
      </label>
      <label>
        follow{' '}
        <input data-testid="follow" type="number" min={0} style={{ width: '4em' }} value={ui.followId ?? ''} placeholder="id"
          onChange={(e) => ui.set({ followId: e.target.value === '' ? null : Number(e.target.value) })} />
      </label>
    </div>
  );
}

/** m:ss of simulated time. */
export function fmt(s: number): string {
  const m = Math.floor(s / 60);
  const r = Math.floor(s - m * 60);
  return `${m}:${String(r).padStart(2, '0')}`;
}
