import * as THREE from 'three';

/** How a track or a true shopper is judged at a tick; decides its marker colour. */
export type MarkStatus = 'bound-right' | 'unbound' | 'bound-wrong' | 'false-track' | 'missed';

/** Marker colours: right is calm, wrong and missed shout. */
export const MARK_COLORS: Readonly<Record<MarkStatus, string>> = {
  'bound-right': '#27ae60',
  unbound: '#f39c12',
  'bound-wrong': '#e01e5a',
  'false-track': '#8e44ad',
  missed: '#ff0000',
};

/** Marker sizes, metres. */
const RING = { innerM: 0.3, outerM: 0.4, liftM: 0.03 } as const;

const m4 = new THREE.Matrix4();
const col = new THREE.Color();

/** Floor rings under engine tracks (and under missed shoppers), one instanced mesh. */
export class TrackMarkers {
  readonly mesh: THREE.InstancedMesh;

  constructor(readonly capacity = 512) {
    this.mesh = new THREE.InstancedMesh(new THREE.RingGeometry(RING.innerM, RING.outerM, 24), new THREE.MeshBasicMaterial({ side: THREE.DoubleSide }), capacity);
    this.mesh.name = 'tracks';
    this.mesh.frustumCulled = false;
    this.mesh.count = 0;
    this.mesh.setColorAt(0, col.set('#ffffff'));
  }

  /** Starts a frame's markers. */
  begin(): void {
    this.mesh.count = 0;
  }

  /** Adds a marker at a floor point; markers past capacity are dropped. */
  add(x: number, y: number, status: MarkStatus): void {
    const i = this.mesh.count;
    if (i >= this.capacity) return;
    this.mesh.setMatrixAt(i, m4.makeTranslation(x, y, RING.liftM));
    this.mesh.setColorAt(i, col.set(MARK_COLORS[status]));
    this.mesh.count = i + 1;
  }

  /** Ends a frame's markers. */
  end(): void {
    this.mesh.instanceMatrix.needsUpdate = true;
    if (this.mesh.instanceColor) this.mesh.instanceColor.needsUpdate = true;
  }
}
