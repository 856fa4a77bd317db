import { framePeriodTicks } from '../sensors/camera/CameraModel.ts';
import type { ScenarioIssue } from './ScenarioIssue.ts';
import type { ScenarioInput } from './schema.ts';

/** Checks what the schema alone cannot: ids, SKUs and references resolve; ranges are ordered. */
export function checkReferences(s: ScenarioInput, skuIds: ReadonlySet<string>): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const unknownSku = (path: string, sku: string) => {
    if (!skuIds.has(sku)) add(path, `unknown SKU "${sku}" (not in the catalog)`);
  };

  // Every fixture, door and sensor id is unique across the store: events name them.
  const seen = new Map<string, string>();
  const claim = (path: string, id: string) => {
    const first = seen.get(id);
    if (first !== undefined) add(path, `duplicate id "${id}" (first used at ${first})`);
    else seen.set(id, path);
  };
  s.store.shelves.forEach((x, i) => claim(`store.shelves[${i}].id`, x.id));
  s.store.entries.forEach((x, i) => claim(`store.entries[${i}].id`, x.id));
  s.store.exits.forEach((x, i) => claim(`store.exits[${i}].id`, x.id));
  s.store.counters.forEach((x, i) => claim(`store.counters[${i}].id`, x.id));
  s.store.fittingRooms.forEach((x, i) => claim(`store.fittingRooms[${i}].id`, x.id));
  s.store.walls.forEach((x, i) => claim(`store.walls[${i}].id`, x.id));
  s.sensors.gateReaders.forEach((x, i) => claim(`sensors.gateReaders[${i}].id`, x.id));
  s.sensors.cameras.forEach((x, i) => claim(`sensors.cameras[${i}].id`, x.id));

  s.store.shelves.forEach((shelf, i) => {
    const places = new Set<string>();
    shelf.slots.forEach((slot, j) => {
      const p = `store.shelves[${i}].slots[${j}]`;
      unknownSku(`${p}.sku`, slot.sku);
      if (slot.level >= shelf.levels) add(`${p}.level`, `level ${slot.level} but the shelf has ${shelf.levels} levels (0..${shelf.levels - 1})`);
      if (slot.column >= shelf.columns) add(`${p}.column`, `column ${slot.column} but the shelf has ${shelf.columns} columns (0..${shelf.columns - 1})`);
      if (slot.face === 'back' && shelf.faces !== 'both') add(`${p}.face`, 'a back-face slot on a shelf with faces "front"');
      const place = `${slot.face}/${slot.level}/${slot.column}`;
      if (places.has(place)) add(p, `two slots at level ${slot.level}, column ${slot.column}, ${slot.face} face`);
      places.add(place);
    });
  });
  s.store.counters.forEach((c, i) => c.menu.forEach((m, j) => unknownSku(`store.counters[${i}].menu[${j}].sku`, m.sku)));

  const doorKinds = new Map<string, string>();
  s.store.entries.forEach((e) => doorKinds.set(e.id, `entry:${e.kind}`));
  s.store.exits.forEach((e) => doorKinds.set(e.id, `exit:${e.kind}`));
  s.store.counters.forEach((c) => doorKinds.set(c.id, 'counter:face'));
  s.store.fittingRooms.forEach((f) => doorKinds.set(f.id, 'fitting-room:face'));
  s.sensors.gateReaders.forEach((r, i) => {
    if (!doorKinds.has(r.at)) add(`sensors.gateReaders[${i}].at`, `"${r.at}" is not an entry, exit, counter or fitting room`);
  });
  const readerAt = (at: string, kind: string) => s.sensors.gateReaders.some((r) => r.at === at && r.kind === kind);
  s.store.entries.forEach((e, i) => {
    if (e.kind !== 'open' && !readerAt(e.id, e.kind)) add(`store.entries[${i}]`, `a "${e.kind}" entry needs a "${e.kind}" reader in sensors.gateReaders (at: "${e.id}")`);
  });
  s.store.exits.forEach((e, i) => {
    if (e.kind === 'face' && !readerAt(e.id, 'face')) add(`store.exits[${i}]`, `a "face" exit needs a "face" reader in sensors.gateReaders (at: "${e.id}")`);
  });
  s.store.counters.forEach((c, i) => {
    if (!readerAt(c.id, 'face')) add(`store.counters[${i}]`, `a face-pay counter needs a "face" reader in sensors.gateReaders (at: "${c.id}")`);
  });
  s.store.fittingRooms.forEach((f, i) => {
    if (f.faceScreen && !readerAt(f.id, 'face')) add(`store.fittingRooms[${i}]`, `a fitting room with a face screen needs a "face" reader in sensors.gateReaders (at: "${f.id}")`);
  });
  s.sensors.gateReaders.forEach((r, i) => {
    const served = doorKinds.get(r.at);
    if (served === undefined) return;
    const fits = r.kind === 'beam' ? served.startsWith('entry:') || served.startsWith('exit:') : served.endsWith(`:${r.kind}`);
    if (!fits) add(`sensors.gateReaders[${i}].kind`, `a "${r.kind}" reader cannot serve ${served.replace(':', ' of kind ')} "${r.at}"`);
  });

  const plated = s.sensors.plates.shelves;
  if (plated !== 'all') {
    const shelfIds = new Set(s.store.shelves.map((x) => x.id));
    plated.forEach((id, i) => {
      if (!shelfIds.has(id)) add(`sensors.plates.shelves[${i}]`, `unknown shelf "${id}"`);
    });
  }
  s.sensors.cameras.forEach((c, i) => {
    const byLook = c.lookAt !== undefined;
    const byAngles = c.yawDeg !== undefined || c.pitchDeg !== undefined;
    if (byLook === byAngles) add(`sensors.cameras[${i}]`, 'give either lookAt or yawDeg and pitchDeg, not both and not neither');
    if (byAngles && (c.yawDeg === undefined || c.pitchDeg === undefined)) add(`sensors.cameras[${i}]`, 'yawDeg and pitchDeg go together');
    if (c.lookAt !== undefined && c.lookAt.every((v, k) => v === c.position[k])) add(`sensors.cameras[${i}].lookAt`, 'the camera looks at its own position');
    if (framePeriodTicks(c.rateHz, s.dtS) === null) {
      const ok = [1, 2, 3, 4, 5].map((k) => Math.round(1000 / (k * s.dtS)) / 1000).join(', ');
      add(`sensors.cameras[${i}].rateHz`, `a camera sends a frame every whole number of ${s.dtS} s ticks: ${c.rateHz} Hz is ${Math.round(1000 / (c.rateHz * s.dtS)) / 1000} ticks (try ${ok} Hz)`);
    }
  });
  const d = s.sensors.detection;
  if (d.minVisibleFraction > d.fullVisibleFraction) add('sensors.detection.minVisibleFraction', `${d.minVisibleFraction} is above fullVisibleFraction ${d.fullVisibleFraction}`);
  if (d.minHeightPx >= d.fullHeightPx) add('sensors.detection.minHeightPx', `${d.minHeightPx} must be below fullHeightPx ${d.fullHeightPx}`);
  issues.push(...checkFaults(s));

  const c = s.crowd;
  let last = -1;
  c.arrivals.forEach((a, i) => {
    const m = minutesOfDay(a.at);
    if (m <= last) add(`crowd.arrivals[${i}].at`, `times must increase (${a.at} is not after the previous point)`);
    last = m;
  });
  const names = new Set<string>();
  c.profiles.forEach((p, i) => {
    const path = `crowd.profiles[${i}]`;
    if (names.has(p.name)) add(`${path}.name`, `duplicate profile name "${p.name}"`);
    names.add(p.name);
    for (const key of ['speedMps', 'dwellS', 'reachS'] as const) {
      const d = p[key];
      if (d.min > d.max) add(`${path}.${key}`, `min ${d.min} is above max ${d.max}`);
      if (d.mean < d.min || d.mean > d.max) add(`${path}.${key}.mean`, `mean ${d.mean} lies outside [${d.min}, ${d.max}]`);
    }
    if (p.speedMps.max > 0 && p.speedMps.min < 0.2) add(`${path}.speedMps.min`, `expected a walking speed in m/s of at least 0.2, got ${p.speedMps.min}`);
    if (p.listSize.min > p.listSize.max) add(`${path}.listSize`, `min ${p.listSize.min} is above max ${p.listSize.max}`);
  });
  if (c.groups.sizeMin > c.groups.sizeMax) add('crowd.groups', `sizeMin ${c.groups.sizeMin} is above sizeMax ${c.groups.sizeMax}`);
  if (c.initial?.profile !== undefined && !names.has(c.initial.profile)) add('crowd.initial.profile', `unknown profile "${c.initial.profile}"`);
  if (c.initial !== undefined && (c.initial.min[0] > c.initial.max[0] || c.initial.min[1] > c.initial.max[1])) {
    add('crowd.initial', 'min must be below max on both axes');
  }
  return issues;
}

/** Minutes since midnight of an "HH:MM" string. */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** Faults name cameras, shelves, slots and readers that exist, and windows that are not empty. */
function checkFaults(s: ScenarioInput): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const cameras = new Set(s.sensors.cameras.map((c) => c.id));
  const shelves = new Map(s.store.shelves.map((x) => [x.id, x]));
  const readers = new Map(s.sensors.gateReaders.map((r) => [r.id, r] as const));
  const platedShelves = s.sensors.plates.shelves;
  s.faults.forEach((f, i) => {
    const p = `faults[${i}]`;
    const add = (path: string, message: string) => issues.push({ path, message });
    if ('fromS' in f && f.fromS >= f.toS) add(`${p}.toS`, `the window is empty: toS ${f.toS} is not after fromS ${f.fromS}`);
    switch (f.kind) {
      case 'camera-dropout': case 'frame-drops': case 'frame-latency': case 'calibration-error':
        if (f.camera !== 'all' && !cameras.has(f.camera)) add(`${p}.camera`, `unknown camera "${f.camera}" (not in sensors.cameras)`);
        break;
      case 'plate-drift': case 'plate-stuck': case 'plate-noise-burst': {
        const shelf = shelves.get(f.shelf);
        if (!shelf) {
          add(`${p}.shelf`, `unknown shelf "${f.shelf}"`);
          break;
        }
        if (platedShelves !== 'all' && !platedShelves.includes(f.shelf)) add(`${p}.shelf`, `shelf "${f.shelf}" has no weight plates (see sensors.plates.shelves)`);
        if (f.slot !== undefined && !shelf.slots.some((x) => `${f.shelf}/${x.face === 'front' ? 'f' : 'b'}${x.level}-${x.column}` === f.slot)) {
          add(`${p}.slot`, `"${f.slot}" is not a slot of shelf "${f.shelf}" (slot ids read "${f.shelf}/f<level>-<column>")`);
        }
        break;
      }
      case 'gate-misread':
        if (!readers.has(f.reader)) add(`${p}.reader`, `unknown reader "${f.reader}" (not in sensors.gateReaders)`);
        else if (f.wrongAccountShare > 0 && readers.get(f.reader)!.kind !== 'qr') {
          // A face reader's wrong matches come from its capture noise against the gallery, not from a misread.
          add(`${p}.wrongAccountShare`, `reader "${f.reader}" is a ${readers.get(f.reader)!.kind} reader; wrongAccountShare applies to QR readers only (a face reader misidentifies through its capture quality: lighting)`);
        }
        break;
    }
  });
  return issues;
}
