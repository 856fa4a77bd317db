import { useEffect, useMemo } from 'react';
import type * as THREE from 'three';
import { buildStoreScene } from '../../../sim/render/storeScene.ts';
import type { Scenario } from '../../../sim/scenario/Scenario.ts';
import type { Store } from '../../../sim/store/Store.ts';

/** The static store, built once per scenario by sim/render. */
export function StoreLayer({ scenario, store }: { scenario: Scenario; store: Store }) {
  const group = useMemo(() => buildStoreScene(scenario, store), [scenario, store]);
  useEffect(() => () => {
    group.traverse((o) => {
      const mesh = o as THREE.Mesh;
      mesh.geometry?.dispose();
      const m = mesh.material as THREE.Material | undefined;
      m?.dispose();
    });
  }, [group]);
  return <primitive object={group} />;
}
