import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import * as THREE from 'three';
import { describeStore } from '../../sim/describeStore.ts';
import { CameraModel } from '../../sim/sensors/camera/CameraModel.ts';
import { App } from './App.tsx';
import type { AppDeps } from './App.tsx';
import './app.css';
import { HostEnginePort } from './twin/HostEnginePort.ts';

// The twin's frame is z up (x east, y north); every three.js object here follows it.
THREE.Object3D.DEFAULT_UP.set(0, 0, 1);

const deps: AppDeps = {
  makeEngine: () => new HostEnginePort(),
  describe: (s) => describeStore(s),
  // Views and frustums show the cameras' true poses (what they really see), not the calibration the engine is told.
  calibrate: (s) => s.sensors.cameras.map((d) => CameraModel.fromDecl(d, s.dtS).calibration()),
};

const root = document.getElementById('root');
if (root === null) throw new Error('web: index.html has no #root');
createRoot(root).render(<StrictMode><App deps={deps} /></StrictMode>);
