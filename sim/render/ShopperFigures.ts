import * as THREE from 'three';
import type { Vec3 } from '../store/StoreLayout.ts';
import type { Appearance } from '../truth/Truth.ts';

/** Body proportions as shares of stature (anthropometric rules of thumb) and drawing sizes. */
export const FIGURE = {
  hipShare: 0.47,
  shoulderShare: 0.82,
  headCentreShare: 0.93,
  headRadiusShare: 0.065,
  /** Half shoulder width at build 1, metres. */
  shoulderHalfM: 0.19,
  torsoDepthM: 0.13,
  legHalfM: 0.08,
  armRadiusM: 0.035,
  handRadiusM: 0.05,
  skinColor: '#e0b899',
  /** Side of a carried item's block, metres, and the basket it hangs in (offset from the left hand). */
  itemSideM: 0.1,
  /** Items drawn per shopper at most (a full basket looks full either way). */
  maxItemsDrawn: 6,
} as const;

/** One shopper to draw this frame. */
export interface FigurePose {
  readonly x: number;
  readonly y: number;
  readonly headingRad: number;
  readonly leftHand: Vec3;
  readonly rightHand: Vec3;
  readonly appearance: Appearance;
  /** Colours of carried items, oldest first. */
  readonly carried: readonly string[];
  /** Drawn lifted and tinted when picked (followed in the UI). */
  readonly highlighted: boolean;
}

const ZUP = new THREE.Vector3(0, 0, 1);
const m4 = new THREE.Matrix4();
const q = new THREE.Quaternion();
const p = new THREE.Vector3();
const s = new THREE.Vector3();
const d = new THREE.Vector3();
const col = new THREE.Color();

/** A unit cylinder along +z from z = 0 to 1. */
function zCylinder(segments: number): THREE.CylinderGeometry {
  const g = new THREE.CylinderGeometry(1, 1, 1, segments);
  g.rotateX(Math.PI / 2);
  g.translate(0, 0, 0.5);
  return g;
}

/**
 * Shoppers as simple human figures, all in a handful of instanced meshes (legs, torso, head, arms,
 * hands, carried items): a crowd costs six draw calls. `update` writes matrices and colours in
 * place and allocates nothing; the meshes grow (rebuilt once, doubling) when the crowd outgrows them.
 */
export class ShopperFigures {
  readonly group = new THREE.Group();
  private capacity = 0;
  private legs!: THREE.InstancedMesh;
  private torso!: THREE.InstancedMesh;
  private head!: THREE.InstancedMesh;
  private arms!: THREE.InstancedMesh;
  private hands!: THREE.InstancedMesh;
  private items!: THREE.InstancedMesh;
  // Few segments: a figure is a few dozen pixels tall, and a software GPU pays for every triangle.
  private readonly geo = {
    limb: zCylinder(6),
    torso: zCylinder(8),
    ball: new THREE.SphereGeometry(1, 8, 6),
    item: new THREE.BoxGeometry(1, 1, 1),
  };

  constructor(initialCapacity = 64) {
    this.group.name = 'shoppers';
    this.allocate(initialCapacity);
  }

  /** Figures currently drawn. */
  get count(): number {
    return this.torso.count;
  }

  private allocate(n: number): void {
    for (const mesh of [this.legs, this.torso, this.head, this.arms, this.hands, this.items]) {
      if (mesh) {
        this.group.remove(mesh);
        mesh.dispose();
      }
    }
    this.capacity = n;
    const make = (geo: THREE.BufferGeometry, k: number, name: string) => {
      const mesh = new THREE.InstancedMesh(geo, new THREE.MeshLambertMaterial(), n * k);
      mesh.name = name;
      mesh.count = 0;
      mesh.frustumCulled = false; // instances move; the bounding sphere of the first frame would cull them
      mesh.setColorAt(0, col.set('#ffffff'));
      this.group.add(mesh);
      return mesh;
    };
    this.legs = make(this.geo.limb, 2, 'legs');
    this.torso = make(this.geo.torso, 1, 'torso');
    this.head = make(this.geo.ball, 1, 'head');
    this.arms = make(this.geo.limb, 2, 'arms');
    this.hands = make(this.geo.ball, 2, 'hands');
    this.items = make(this.geo.item, FIGURE.maxItemsDrawn, 'items');
  }

  /** Draws these figures (the first `n` of `poses`), replacing the previous frame's. */
  update(poses: readonly FigurePose[], n = poses.length): void {
    if (n > this.capacity) this.allocate(Math.max(n, this.capacity * 2));
    const F = FIGURE;
    let items = 0;
    for (let i = 0; i < n; i++) {
      const f = poses[i]!;
      const a = f.appearance;
      const h = a.heightM;
      const lift = f.highlighted ? 0.02 : 0;
      const c = Math.cos(f.headingRad);
      const sn = Math.sin(f.headingRad);
      q.setFromAxisAngle(ZUP, f.headingRad);
      // Legs: two columns from the floor to the hip, bottom colour.
      const hipZ = F.hipShare * h;
      for (let k = 0; k < 2; k++) {
        const side = (k === 0 ? 1 : -1) * F.legHalfM * a.build;
        p.set(f.x - sn * side, f.y + c * side, lift);
        s.set(F.legHalfM * 0.8, F.legHalfM * 0.8, hipZ);
        this.legs.setMatrixAt(i * 2 + k, m4.compose(p, q, s));
        this.legs.setColorAt(i * 2 + k, col.set(a.bottomColor));
      }
      // Torso: hip to shoulder, as wide as the build, top colour.
      const shoulderZ = F.shoulderShare * h;
      p.set(f.x, f.y, hipZ + lift);
      s.set(F.torsoDepthM, F.shoulderHalfM * a.build, shoulderZ - hipZ);
      this.torso.setMatrixAt(i, m4.compose(p, q, s));
      this.torso.setColorAt(i, f.highlighted ? col.set(a.topColor).lerp(WHITE, 0.35) : col.set(a.topColor));
      const r = F.headRadiusShare * h;
      p.set(f.x, f.y, F.headCentreShare * h + lift);
      s.set(r, r, r * 1.15);
      this.head.setMatrixAt(i, m4.compose(p, q, s));
      this.head.setColorAt(i, col.set(F.skinColor));
      // Arms from each shoulder to its hand (the truth's hand positions, so reaching shows).
      for (let k = 0; k < 2; k++) {
        const hand = k === 0 ? f.leftHand : f.rightHand;
        const side = (k === 0 ? 1 : -1) * F.shoulderHalfM * a.build;
        const sx = f.x - sn * side;
        const sy = f.y + c * side;
        const sz = shoulderZ - 0.03 + lift;
        d.set(hand[0] - sx, hand[1] - sy, hand[2] - sz);
        const len = Math.max(1e-3, d.length());
        d.multiplyScalar(1 / len);
        const qa = QA.setFromUnitVectors(ZUP, d);
        p.set(sx, sy, sz);
        s.set(F.armRadiusM, F.armRadiusM, len);
        this.arms.setMatrixAt(i * 2 + k, m4.compose(p, qa, s));
        this.arms.setColorAt(i * 2 + k, col.set(a.topColor));
        p.set(hand[0], hand[1], hand[2] + lift);
        s.set(F.handRadiusM, F.handRadiusM, F.handRadiusM);
        this.hands.setMatrixAt(i * 2 + k, m4.compose(p, q, s));
        this.hands.setColorAt(i * 2 + k, col.set(F.skinColor));
      }
      // Carried goods: a small stack hanging by the left hand, one block per item, product colours.
      const shown = Math.min(F.maxItemsDrawn, f.carried.length);
      for (let j = 0; j < shown; j++) {
        const lh = f.leftHand;
        p.set(lh[0] + c * 0.05, lh[1] + sn * 0.05, lh[2] - 0.08 - j * F.itemSideM * 0.9 + lift);
        s.set(F.itemSideM, F.itemSideM, F.itemSideM * 0.8);
        this.items.setMatrixAt(items, m4.compose(p, q, s));
        this.items.setColorAt(items, col.set(f.carried[f.carried.length - 1 - j]!));
        items++;
      }
    }
    this.legs.count = n * 2;
    this.torso.count = n;
    this.head.count = n;
    this.arms.count = n * 2;
    this.hands.count = n * 2;
    this.items.count = items;
    for (const mesh of [this.legs, this.torso, this.head, this.arms, this.hands, this.items]) {
      mesh.instanceMatrix.needsUpdate = true;
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    }
  }

  /** Frees the GPU buffers. */
  dispose(): void {
    for (const mesh of [this.legs, this.torso, this.head, this.arms, this.hands, this.items]) mesh.dispose();
    for (const g of Object.values(this.geo)) g.dispose();
  }
}

const WHITE = new THREE.Color('#ffffff');
const QA = new THREE.Quaternion();
