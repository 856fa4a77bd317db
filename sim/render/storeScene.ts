import * as THREE from 'three';
import type { Scenario } from '../scenario/Scenario.ts';
import type { Store } from '../store/Store.ts';
import { footprintCorners, toFloor } from '../store/StoreLayout.ts';

/** Looks of the static store; every number here is a drawing choice, not a measurement. */
export const STORE_LOOK = {
  /** Walls are drawn cut away at this height so the orbit view sees over them, metres. */
  wallCutM: 1.2,
  floorColor: '#d9d4c7',
  /** What the view's background should be: the ground outside the store. */
  outsideColor: '#8f9a8c',
  wallColor: '#b9b2a3',
  shelfColor: '#6f7782',
  fridgeColor: '#9fb7c9',
  tableColor: '#a68a64',
  counterColor: '#7a5a3a',
  fittingRoomColor: '#b7a4c9',
  entryColor: '#2e9b4f',
  exitColor: '#c0392b',
  /** Product blocks fill this share of a slot's column width and level height. */
  productFill: 0.8,
  /** How far product blocks stand proud of the shelf face, metres (visible from the aisle). */
  productDepthM: 0.12,
  /** Gate posts: height and square section, metres. */
  gatePostM: { height: 1.0, side: 0.08 },
} as const;

/** Floor-plane box from its centre, size and rotation about z (z0 is its bottom). */
function box(cx: number, cy: number, z0: number, w: number, d: number, h: number, rotRad: number, material: THREE.Material): THREE.Mesh {
  const m = new THREE.Mesh(new THREE.BoxGeometry(w, d, h), material);
  m.position.set(cx, cy, z0 + h / 2);
  m.rotation.z = rotRad;
  return m;
}

/**
 * The static store in the twin's own frame (x east, y north, z up, metres): floor, cut-away walls,
 * fixtures, product blocks coloured from the catalog (one instanced mesh), counters, fitting rooms,
 * entries (green) and exits (red) with gate posts. Built once per scenario.
 */
export function buildStoreScene(scenario: Scenario, store: Store): THREE.Group {
  const g = new THREE.Group();
  g.name = 'store';
  const L = STORE_LOOK;
  const mat = (color: string) => new THREE.MeshLambertMaterial({ color });

  // No ground plane outside: the background colour stands for it (a full-screen plane costs a
  // whole extra pass of fill on a software GPU). The floor is unlit: it is flat and faces up.
  const shape = new THREE.Shape(store.outline.map(([x, y]) => new THREE.Vector2(x, y)));
  const floor = new THREE.Mesh(new THREE.ShapeGeometry(shape), new THREE.MeshBasicMaterial({ color: L.floorColor }));
  floor.name = 'floor';
  g.add(floor);

  const wallMat = mat(L.wallColor);
  for (const w of store.walls) {
    const dx = w.to[0] - w.from[0];
    const dy = w.to[1] - w.from[1];
    const len = Math.hypot(dx, dy);
    if (len < 1e-6) continue;
    g.add(box((w.from[0] + w.to[0]) / 2, (w.from[1] + w.to[1]) / 2, 0, len, w.thicknessM, L.wallCutM, Math.atan2(dy, dx), wallMat));
  }

  const kindColor: Record<string, string> = { shelf: L.shelfColor, gondola: L.shelfColor, rack: L.shelfColor, fridge: L.fridgeColor, table: L.tableColor };
  let slotCount = 0;
  for (const s of scenario.store.shelves) slotCount += s.slots.length;
  const products = new THREE.InstancedMesh(new THREE.BoxGeometry(1, 1, 1), new THREE.MeshLambertMaterial(), Math.max(1, slotCount));
  products.name = 'products';
  const m4 = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const zAxis = new THREE.Vector3(0, 0, 1);
  const pos = new THREE.Vector3();
  const scl = new THREE.Vector3();
  const color = new THREE.Color();
  let k = 0;
  for (const shelf of scenario.store.shelves) {
    const rot = (shelf.rotationDeg * Math.PI) / 180;
    g.add(box(shelf.center[0], shelf.center[1], 0, shelf.widthM, shelf.depthM, shelf.heightM, rot, mat(kindColor[shelf.kind] ?? L.shelfColor)));
    const colW = shelf.widthM / shelf.columns;
    const levelH = shelf.heightM / shelf.levels;
    for (const slot of shelf.slots) {
      const sign = slot.face === 'front' ? -1 : 1;
      const xLocal = -shelf.widthM / 2 + (slot.column + 0.5) * colW;
      // Centred on the face plane so half the block stands proud of it.
      const [px, py] = toFloor(shelf, [xLocal, (sign * shelf.depthM) / 2]);
      pos.set(px, py, (slot.level + 0.5) * levelH);
      q.setFromAxisAngle(zAxis, rot);
      scl.set(colW * L.productFill, L.productDepthM, levelH * L.productFill * 0.75);
      m4.compose(pos, q, scl);
      products.setMatrixAt(k, m4);
      products.setColorAt(k, color.set(scenario.catalog.byId.get(slot.sku)?.color ?? '#ff00ff'));
      k++;
    }
  }
  products.count = k;
  g.add(products);

  for (const c of scenario.store.counters) {
    g.add(box(c.center[0], c.center[1], 0, c.widthM, c.depthM, c.heightM, (c.rotationDeg * Math.PI) / 180, mat(L.counterColor)));
  }
  for (const f of scenario.store.fittingRooms) {
    // Fitting rooms are drawn as low outlines so the people inside stay visible.
    const corners = footprintCorners(f);
    const pts = corners.map(([x, y]) => new THREE.Vector3(x, y, 0.05));
    pts.push(pts[0]!.clone());
    const line = new THREE.Line(new THREE.BufferGeometry().setFromPoints(pts), new THREE.LineBasicMaterial({ color: L.fittingRoomColor }));
    g.add(line);
  }

  const doorGroup = (doors: Store['entries'], color: string, gated: (kind: string) => boolean) => {
    const m = mat(color);
    for (const d of doors) {
      const [ix, iy] = d.inward;
      const tx = -iy;
      const ty = ix;
      const rot = Math.atan2(ty, tx);
      // A coloured strip across the opening, and posts at both ends where a gate stands.
      g.add(box(d.position[0], d.position[1], 0, d.widthM, 0.3, 0.02, rot, m));
      if (gated(d.kind)) {
        const h = d.widthM / 2;
        for (const s of [-1, 1]) {
          g.add(box(d.position[0] + tx * h * s, d.position[1] + ty * h * s, 0, L.gatePostM.side, L.gatePostM.side * 4, L.gatePostM.height, rot, m));
        }
      }
    }
  };
  doorGroup(store.entries, L.entryColor, (kind) => kind !== 'open');
  doorGroup(store.exits, L.exitColor, (kind) => kind !== 'walkthrough');
  return g;
}
