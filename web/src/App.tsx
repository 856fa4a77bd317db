import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CameraCalibration, StoreDescription } from '../../engine/api.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import { MetricsPanel } from './panels/MetricsPanel.tsx';
import { ReceiptsPanel } from './panels/ReceiptsPanel.tsx';
import { ReportPanel } from './panels/ReportPanel.tsx';
import { Toolbar } from './panels/Toolbar.tsx';
import { StoreCanvas } from './scene/StoreCanvas.tsx';
import { useUi } from './state/useUi.ts';
import { BUNDLED_CATALOGS, BUNDLED_SCENARIOS, DEFAULT_SCENARIO } from './twin/bundledScenarios.ts';
import type { EngineFactory } from './twin/EnginePort.ts';
import { panelSnapshot } from './twin/panelSnapshot.ts';
import { baseName, parseScenarioText } from './twin/parseScenarioText.ts';
import { RunController } from './twin/RunController.ts';
import { installProbe } from './testProbe.ts';

/** How the app is wired to the engine and to camera calibrations (filled in by main.tsx). */
export interface AppDeps {
  readonly makeEngine: EngineFactory | null;
  readonly describe: ((s: Scenario) => StoreDescription) | null;
  readonly calibrate: (s: Scenario) => readonly CameraCalibration[];
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/** The app: toolbar, 3D view, panels; scenario from the URL (?scenario=&seed=&speed=&play=), a picker, a file or a drop. */
export function App({ deps }: { deps: AppDeps }) {
  const set = useUi((s) => s.set);
  const errors = useUi((s) => s.scenarioErrors);
  const runError = useUi((s) => s.runError);
  const controller = useMemo(() => new RunController(
    () => performance.now(),
    nextFrame,
    (st) => set({ playing: st.playing, seeking: st.seeking, seekProgress: st.seekProgress, runError: st.error }),
    (run) => set({ snapshot: panelSnapshot(run) }),
  ), [set]);
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const [runKey, setRunKey] = useState(0);
  const cameras = useMemo(() => (scenario === null ? [] : deps.calibrate(scenario)), [scenario, deps]);

  const start = useCallback((sc: Scenario, name: string, play: boolean) => {
    set({ scenarioName: name, scenarioErrors: null, followId: null, cameraId: null, snapshot: null });
    setScenario(sc);
    setRunKey((k) => k + 1);
    void controller.load(sc, deps.makeEngine, deps.describe, play);
  }, [controller, deps, set]);

  /** Parses scenario text; on problems shows them and keeps the current run. */
  const open = useCallback((text: string, file: string, name: string, catalogs: ReadonlyMap<string, unknown>, seed: number | null, play: boolean) => {
    const parsed = parseScenarioText(text, file, catalogs);
    if (!parsed.ok) {
      set({ scenarioErrors: parsed.lines });
      return;
    }
    start(seed === null ? parsed.scenario : { ...parsed.scenario, seed }, name, play);
  }, [set, start]);

  const openBundled = useCallback((name: string, seed: number | null, play: boolean) => {
    const text = BUNDLED_SCENARIOS.get(name);
    if (text === undefined) {
      set({ scenarioErrors: [`web: no bundled scenario "${name}" (bundled: ${[...BUNDLED_SCENARIOS.keys()].join(', ')})`] });
      return;
    }
    open(text, `scenarios/${name}.json`, name, BUNDLED_CATALOGS, seed, play);
  }, [open, set]);

  const openFiles = useCallback(async (files: FileList | File[]) => {
    const list = [...files];
    const texts = await Promise.all(list.map(async (f) => ({ name: f.name, text: await f.text() })));
    const catalogs = new Map(BUNDLED_CATALOGS);
    const scenarios = [];
    for (const t of texts) {
      // A file with "skus" is a catalog dropped along with its scenario.
      let json: unknown = null;
      try {
        json = JSON.parse(t.text);
      } catch {
        json = null;
      }
      if (json !== null && typeof json === 'object' && 'skus' in json) catalogs.set(baseName(t.name), json);
      else scenarios.push(t);
    }
    const first = scenarios[0];
    if (first === undefined) {
      set({ scenarioErrors: ['web: no scenario among the files opened (only catalogs)'] });
      return;
    }
    open(first.text, first.name, first.name.replace(/\.json$/, ''), catalogs, null, false);
  }, [open, set]);

  useEffect(() => {
    const q = new URLSearchParams(location.search);
    const seedText = q.get('seed');
    const seed = seedText === null ? null : Number(seedText);
    if (seed !== null && !(Number.isInteger(seed) && seed >= 0 && seed <= 4294967295)) {
      set({ scenarioErrors: [`web: ?seed= must be a whole number 0..4294967295, got "${seedText}"`] });
    }
    const speed = q.get('speed');
    if (speed !== null) {
      const s = speed === 'max' ? 'max' : Number(speed);
      if (s === 'max' || (Number.isFinite(s) && s > 0)) {
        set({ speed: s });
        controller.setSpeed(s);
      }
    }
    const okSeed = seed !== null && Number.isInteger(seed) && seed >= 0 && seed <= 4294967295 ? seed : null;
    openBundled(q.get('scenario') ?? DEFAULT_SCENARIO, okSeed, q.get('play') !== '0');
    installProbe(controller);
    return () => controller.dispose();
  }, [controller, openBundled, set]);

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    if (e.dataTransfer.files.length > 0) void openFiles(e.dataTransfer.files);
  };
  return (
    <div className="app" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <Toolbar controller={controller} cameras={cameras}
        onPickBundled={(n) => openBundled(n, null, true)}
        onOpenFiles={(f) => void openFiles(f)}
        onSeed={(seed) => scenario !== null && start({ ...scenario, seed }, useUi.getState().scenarioName, useUi.getState().playing)} />
      {errors !== null && (
        <div className="errors" data-testid="scenario-errors" role="alert">
          <button className="close" onClick={() => set({ scenarioErrors: null })}>×</button>
          <pre>{errors.join('\n')}</pre>
        </div>
      )}
      {runError !== null && <div className="errors" data-testid="run-error" role="alert"><pre>{runError}</pre></div>}
      <div className="main">
        {scenario !== null ? <StoreCanvas key={runKey} scenario={scenario} controller={controller} cameras={cameras} /> : <div className="canvas-wrap" />}
        <aside className="side">
          <MetricsPanel />
          <ReportPanel controller={controller} />
          <ReceiptsPanel />
        </aside>
      </div>
      <footer className="hint">Drop a scenario file (and its catalog) anywhere to open it. Click a shopper to follow; click the floor to stop.</footer>
    </div>
  );
}
