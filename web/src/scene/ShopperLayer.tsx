import { useFrame } from '@react-three/fiber';
import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import type { FigurePose } from '../../../sim/render/ShopperFigures.ts';
import { ShopperFigures } from '../../../sim/render/ShopperFigures.ts';
import type { Appearance } from '../../../sim/truth/Truth.ts';
import { useUi } from '../state/useUi.ts';
import type { BlendedPose } from '../twin/poseBlend.ts';
import { blendPose } from '../twin/poseBlend.ts';
import type { RunController } from '../twin/RunController.ts';
import { frameStats } from './frameStats.ts';

/** A reusable figure record (filled in place every frame). */
interface MutableFigure extends BlendedPose {
  appearance: Appearance;
  carried: string[];
  highlighted: boolean;
}

const GREY: Appearance = { heightM: 1.7, build: 1, topColor: '#888888', bottomColor: '#555555' };

/** Shoppers of the live run as instanced human figures; reads the run in the frame loop, not through React. */
export function ShopperLayer({ controller }: { controller: RunController }) {
  const figures = useMemo(() => new ShopperFigures(), []);
  const pool = useMemo<MutableFigure[]>(() => [], []);
  const ids = useMemo<number[]>(() => [], []);
  useEffect(() => () => figures.dispose(), [figures]);

  useFrame(() => {
    const run = controller.run;
    if (run === null) {
      figures.update([], 0);
      return;
    }
    const followId = useUi.getState().followId;
    const poses = run.poses;
    const catalog = run.scenario.catalog.byId;
    const f = controller.blendFraction();
    frameStats.blend(f);
    for (let i = 0; i < poses.length; i++) {
      const p = poses[i]!;
      let fig = pool[i];
      if (fig === undefined) {
        fig = { x: 0, y: 0, headingRad: 0, leftHand: [0, 0, 0], rightHand: [0, 0, 0], appearance: GREY, carried: [], highlighted: false };
        pool.push(fig);
      }
      blendPose(run.prevPoseById.get(p.id), p, f, fig);
      fig.appearance = run.spawns.get(p.id)?.appearance ?? GREY;
      const skus = run.carried.get(p.id);
      fig.carried.length = 0;
      if (skus !== undefined) for (const sku of skus) fig.carried.push(catalog.get(sku)?.color ?? '#ff00ff');
      fig.highlighted = p.id === followId;
      ids[i] = p.id;
    }
    ids.length = poses.length;
    figures.update(pool as readonly FigurePose[], poses.length);
  });

  const onClick = (e: ThreeEvent<MouseEvent>) => {
    if (e.instanceId === undefined) return;
    const name = e.object.name;
    if (name === 'items') return;
    const index = name === 'torso' || name === 'head' ? e.instanceId : Math.floor(e.instanceId / 2);
    const id = ids[index];
    if (id !== undefined) {
      e.stopPropagation();
      useUi.getState().set({ followId: id });
    }
  };
  return <primitive object={figures.group} onClick={onClick} />;
}
