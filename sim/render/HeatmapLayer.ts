import * as THREE from 'three';

/** A square grid over the floor, row 0 in the south (the layout of bench/score/occupancy.ts). */
export interface FloorGridShape {
  readonly originM: readonly [number, number];
  readonly cellM: number;
  readonly cols: number;
  readonly rows: number;
}

/** Maps a value in 0..1 to RGB bytes, written into `out` at `offset`. */
export type ColorRamp = (unit: number, out: Uint8Array, offset: number) => void;

/** Looks of the heatmap overlay. */
export const HEATMAP_LOOK = {
  /** Height above the floor, metres: above it, below feet and fixtures' bases. */
  liftM: 0.015,
  opacity: 0.8,
  /** Cells at or below this share of the maximum are left clear, so the floor plan shows through. */
  clearBelow: 0.002,
} as const;

/**
 * A heatmap on the floor: one plane over the grid's bounds textured with one texel per cell
 * (nearest filtering, so cells read as cells). `setValues` rewrites the texture in place.
 */
export class HeatmapLayer {
  readonly mesh: THREE.Mesh;
  private readonly data: Uint8Array;
  private readonly texture: THREE.DataTexture;

  constructor(readonly grid: FloorGridShape) {
    this.data = new Uint8Array(grid.cols * grid.rows * 4);
    this.texture = new THREE.DataTexture(this.data, grid.cols, grid.rows, THREE.RGBAFormat);
    this.texture.magFilter = THREE.NearestFilter;
    this.texture.minFilter = THREE.NearestFilter;
    this.texture.colorSpace = THREE.SRGBColorSpace;
    this.texture.needsUpdate = true;
    const w = grid.cols * grid.cellM;
    const h = grid.rows * grid.cellM;
    const material = new THREE.MeshBasicMaterial({ map: this.texture, transparent: true, opacity: HEATMAP_LOOK.opacity, depthWrite: false });
    this.mesh = new THREE.Mesh(new THREE.PlaneGeometry(w, h), material);
    this.mesh.position.set(grid.originM[0] + w / 2, grid.originM[1] + h / 2, HEATMAP_LOOK.liftM);
    this.mesh.name = 'heatmap';
    this.mesh.renderOrder = 1;
  }

  /** Colours every cell by value / max through the ramp; returns how many cells are coloured. */
  setValues(values: ArrayLike<number>, max: number, ramp: ColorRamp): number {
    const n = this.grid.cols * this.grid.rows;
    if (values.length !== n) throw new Error(`render: heatmap expects ${n} values, got ${values.length}`);
    const data = this.data;
    let lit = 0;
    for (let i = 0; i < n; i++) {
      const u = max > 0 ? Math.min(1, values[i]! / max) : 0;
      if (u <= HEATMAP_LOOK.clearBelow) {
        data[i * 4 + 3] = 0;
        continue;
      }
      ramp(u, data, i * 4);
      data[i * 4 + 3] = 255;
      lit++;
    }
    this.texture.needsUpdate = true;
    return lit;
  }

  /** Frees the GPU resources. */
  dispose(): void {
    this.texture.dispose();
    this.mesh.geometry.dispose();
    (this.mesh.material as THREE.Material).dispose();
  }
}
