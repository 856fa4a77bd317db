import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import * as THREE from 'three';
import { App } from './App.tsx';
import type { AppDeps } from './App.tsx';
import './app.css';

// The twin's frame is z up (x east, y north); every three.js object here follows it.
THREE.Object3D.DEFAULT_UP.set(0, 0, 1);

const deps: AppDeps = { makeEngine: null, describe: null, calibrate: () => [] };

const root = document.getElementById('root');
if (root === null) throw new Error('web: index.html has no #root');
createRoot(root).render(<StrictMode><App deps={deps} /></StrictMode>);
