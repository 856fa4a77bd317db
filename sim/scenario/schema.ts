import { z } from 'zod';

/**
 * The scenario format: one store, its sensors, its crowd and a seed, as JSON.
 * Units are in the field names (`M` metres, `S` seconds, `Hz`, `G` grams, `Deg`, `Mps` m/s).
 * Floor coordinates are metres, x east and y north; heights (z) are metres above the floor.
 */

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'an id of letters, digits, "_" or "-"');
const metres = (max: number) => z.number().min(0).max(max);
const floorPoint = z.tuple([z.number(), z.number()]).describe('[x, y] on the floor, metres');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day "HH:MM"');
const probability = z.number().min(0).max(1);

/** A normal distribution clipped to [min, max]. */
const clippedNormal = (unitMax: number, d: { mean: number; sd: number; min: number; max: number }) =>
  z.strictObject({
    mean: z.number().min(0).max(unitMax),
    sd: z.number().min(0).max(unitMax),
    min: z.number().min(0).max(unitMax).default(d.min),
    max: z.number().min(0).max(unitMax).default(d.max),
  }).default(d);

const slot = z.strictObject({
  level: z.int().min(0).describe('shelf level, 0 = bottom'),
  column: z.int().min(0).describe('column along the shelf width, 0 = left end seen from the front'),
  face: z.enum(['front', 'back']).default('front').describe('which side of a two-faced gondola'),
  sku: z.string().describe('a SKU id from the catalog'),
  facings: z.int().min(1).max(40).default(1),
  stock: z.int().min(0).max(500),
});

/** A rectangle on the floor: centre, rotation, width along its own x axis, depth along its y axis. */
const footprint = {
  center: floorPoint,
  rotationDeg: z.number().min(-360).max(360).default(0).describe('counter-clockwise; at 0 the width runs along +x and the front faces -y'),
  widthM: metres(30).positive(),
  depthM: metres(10).positive(),
  heightM: metres(4).positive(),
};

const shelf = z.strictObject({
  id,
  kind: z.enum(['shelf', 'gondola', 'fridge', 'rack', 'table']).default('shelf'),
  ...footprint,
  levels: z.int().min(1).max(10),
  columns: z.int().min(1).max(40).default(1),
  faces: z.enum(['front', 'both']).default('front'),
  slots: z.array(slot).min(1),
});

const opening = {
  id,
  position: floorPoint.describe('centre of the opening, on the store outline'),
  widthM: metres(5).min(0.5).default(0.9),
};

const entry = z.strictObject({
  ...opening,
  kind: z.enum(['qr', 'face', 'open']).describe('how the gate binds a shopper: QR entry code, face, or an open doorway'),
  scanS: clippedNormal(30, { mean: 2, sd: 0.6, min: 0.8, max: 6 }).describe('time to scan and pass, seconds'),
});

const exit = z.strictObject({
  ...opening,
  kind: z.enum(['walkthrough', 'gate', 'face']).describe('a walk-through scanner, a gate, or a face-recognition gate'),
  passS: clippedNormal(30, { mean: 1, sd: 0.3, min: 0.3, max: 4 }),
});

const counter = z.strictObject({
  id,
  kind: z.enum(['face-pay']).default('face-pay'),
  ...footprint,
  menu: z.array(z.strictObject({ sku: z.string(), prepS: z.number().min(0).max(1800) })).min(1),
});

const fittingRoom = z.strictObject({
  id,
  ...footprint,
  faceScreen: z.boolean().default(true).describe('a face-scan screen by the door'),
});

const wall = z.strictObject({
  id,
  from: floorPoint,
  to: floorPoint,
  thicknessM: metres(1).positive().default(0.1),
});

const camera = z.strictObject({
  id,
  position: z.tuple([z.number(), z.number(), z.number()]).describe('[x, y, z] metres'),
  lookAt: z.tuple([z.number(), z.number(), z.number()]).optional().describe('[x, y, z] the camera points at (or give yawDeg and pitchDeg)'),
  yawDeg: z.number().optional().describe('view direction on the floor, counter-clockwise from +x (east)'),
  pitchDeg: z.number().min(-90).max(90).optional().describe('tilt below the horizon; 90 looks straight down'),
  rollDeg: z.number().default(0).describe('roll about the view axis, clockwise as seen from behind the camera'),
  hfovDeg: z.number().min(10).max(170),
  resolution: z.tuple([z.int().min(16).max(8192), z.int().min(16).max(8192)]).describe('[width, height] pixels'),
  rateHz: z.number().positive().max(120).describe('frames per second; one frame every whole number of ticks (1 / (rateHz * dtS) must be a whole number)'),
});

/** The camera detection model (`detections` fidelity): every number with its default and why. */
const detection = z.strictObject({
  pDetectMax: probability.default(0.97).describe('P(detect) of a large, unoccluded person: good detectors still miss a few percent'),
  minVisibleFraction: probability.default(0.15).describe('a person less visible than this is never detected'),
  fullVisibleFraction: probability.default(0.6).describe('from this visible fraction up, occlusion no longer lowers P(detect)'),
  minHeightPx: z.number().min(0).max(2000).default(20).describe('a person shorter than this in the image is never detected (pixels)'),
  fullHeightPx: z.number().min(1).max(4000).default(80).describe('from this pixel height up, size no longer lowers P(detect)'),
  boxJitter: z.number().min(0).max(1).default(0.04).describe('box edge noise: sd as a fraction of the box size'),
  keypointSigma: z.number().min(0).max(1).default(0.02).describe('keypoint noise: sd as a fraction of the box height'),
  confidenceSigma: z.number().min(0).max(1).default(0.05).describe('noise of the confidence score around P(detect)'),
  falsePositivesPerFrame: z.number().min(0).max(50).default(0.05).describe('mean spurious detections per frame (Poisson)'),
  appearanceViewSigma: z.number().min(0).max(5).default(0.3).describe('how much a person\'s descriptor changes between front and back views (norm of the offset)'),
  appearanceFrameSigma: z.number().min(0).max(5).default(0.12).describe('per-frame descriptor noise (norm)'),
});

/** Defaults of the detection model. */
const DETECTION_DEFAULTS = {
  pDetectMax: 0.97, minVisibleFraction: 0.15, fullVisibleFraction: 0.6, minHeightPx: 20, fullHeightPx: 80, boxJitter: 0.04,
  keypointSigma: 0.02, confidenceSigma: 0.05, falsePositivesPerFrame: 0.05, appearanceViewSigma: 0.3, appearanceFrameSigma: 0.12,
};

const window = {
  fromS: z.number().min(0).default(0).describe('start of the fault, seconds of simulated time'),
  toS: z.number().min(0).default(1e9).describe('end of the fault (exclusive), seconds'),
};
const cameraTarget = z.union([z.literal('all'), id]).describe('a camera id, or "all"');

/** Faults a run applies to its sensors, as data; each names its target by id. */
const fault = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('camera-dropout'), camera: cameraTarget, ...window })
    .describe('the camera sends no frames in [fromS, toS)'),
  z.strictObject({ kind: z.literal('frame-drops'), camera: cameraTarget, rate: probability, ...window })
    .describe('each frame is lost with this probability'),
  z.strictObject({ kind: z.literal('frame-latency'), camera: cameraTarget, latencyS: z.number().min(0).max(60), jitterS: z.number().min(0).max(60).default(0), ...window })
    .describe('a frame captured at t arrives latencyS + U(0, jitterS) later (its t stays the capture time)'),
  z.strictObject({
    kind: z.literal('calibration-error'), camera: id,
    positionM: z.tuple([z.number(), z.number(), z.number()]).default([0, 0, 0]),
    yawDeg: z.number().default(0), pitchDeg: z.number().default(0), rollDeg: z.number().default(0),
  }).describe('the calibration the engine is given is off from the true pose by these amounts'),
  z.strictObject({ kind: z.literal('plate-drift'), shelf: id, slot: z.string().optional().describe('a slot id; all plates of the shelf if left out'), gPerHour: z.number().min(-100_000).max(100_000), ...window })
    .describe('readings creep by gPerHour from fromS'),
  z.strictObject({ kind: z.literal('plate-stuck'), shelf: id, slot: z.string().optional(), ...window })
    .describe('the plate repeats its last reading before fromS'),
  z.strictObject({ kind: z.literal('plate-noise-burst'), shelf: id, slot: z.string().optional(), sigmaG: z.number().min(0).max(100_000), ...window })
    .describe('extra Gaussian noise of sigmaG grams'),
  z.strictObject({
    kind: z.literal('gate-misread'), reader: id, rate: probability,
    wrongAccountShare: probability.default(0)
      .describe('QR readers: the share of misreads that read someone else\'s code (a wrong account) instead of nothing'),
    ...window,
  }).describe('the reader fails to read a scan with this probability (or, for a share of QR misreads, reads a wrong account)'),
]);

const plates = z.strictObject({
  shelves: z.union([z.literal('all'), z.array(id)]).default('all').describe('shelves whose slots sit on weight plates'),
  rateHz: z.number().positive().max(100).default(10),
  noiseSigmaG: z.number().min(0).max(1000).default(2),
  driftGPerHour: z.number().min(-1000).max(1000).default(0),
  tareG: z.number().min(0).max(100_000).default(500),
});

const gateReader = z.strictObject({
  id,
  at: id.describe('the entry, exit, counter or fitting room it serves'),
  kind: z.enum(['qr', 'face', 'beam']),
  misreadRate: probability.default(0),
  lighting: probability.default(0.9)
    .describe('face readers: how well faces are lit, 0 (dark) .. 1 (even frontal light); 0.9 an evenly lit indoor entrance, 0.5 a backlit doorway'),
});

const profile = z.strictObject({
  name: id,
  weight: z.number().positive(),
  speedMps: clippedNormal(3, { mean: 1.34, sd: 0.26, min: 0.5, max: 2.2 }).describe("walking speed, Vadere's default N(1.34, 0.26) clipped to [0.5, 2.2]"),
  listSize: z.strictObject({ mean: z.number().min(0).max(50), min: z.int().min(0).max(50).default(0), max: z.int().min(0).max(100).default(20) })
    .default({ mean: 3, min: 0, max: 20 }).describe('items on the shopping list: Poisson(mean) clipped to [min, max]'),
  quantityMax: z.int().min(1).max(12).default(2).describe('units taken of one listed item: uniform 1..quantityMax'),
  browseProb: probability.default(0.3),
  dwellS: clippedNormal(600, { mean: 6, sd: 3, min: 1, max: 30 }),
  reachS: clippedNormal(20, { mean: 1.6, sd: 0.4, min: 0.6, max: 4 }),
  putBackProb: probability.default(0.08),
  wrongSlotProb: probability.default(0.15).describe('chance a put-back lands in a neighbouring slot'),
  impulsePerExposure: probability.default(0.01).describe('chance of adding an item passed within 1.5 m'),
  counterProb: probability.default(0),
  fittingRoomProb: probability.default(0),
});

const crowd = z.strictObject({
  openAt: clock.default('09:00').describe('time of day at t = 0'),
  durationS: z.number().positive().max(86_400).describe('arrivals happen in [0, durationS)'),
  drainS: z.number().min(0).max(7200).default(900).describe('after durationS, shoppers still inside get this long to leave'),
  maxInStore: z.int().min(1).max(2000),
  balkAtQueue: z.int().min(1).max(1000).default(15).describe('an arrival who finds this many people queueing at the entry walks away'),
  arrivals: z.array(z.strictObject({ at: clock, perHour: z.number().min(0).max(20_000) })).min(1)
    .describe('arrival rate by time of day, linear between points'),
  accounts: z.strictObject({
    population: z.int().min(1).max(10_000_000).default(5000),
    faceEnrolledShare: probability.default(0.6),
  }).default({ population: 5000, faceEnrolledShare: 0.6 }),
  groups: z.strictObject({
    share: probability.default(0),
    sizeMin: z.int().min(2).max(4).default(2),
    sizeMax: z.int().min(2).max(4).default(4),
    handoverProb: probability.default(0.3),
  }).default({ share: 0, sizeMin: 2, sizeMax: 4, handoverProb: 0.3 }),
  profiles: z.array(profile).min(1),
  adversarial: z.strictObject({
    tailgateProb: probability.default(0),
    concealProb: probability.default(0),
    swapProb: probability.default(0),
  }).default({ tailgateProb: 0, concealProb: 0, swapProb: 0 }),
  initial: z.strictObject({
    count: z.int().min(1).max(2000),
    min: floorPoint,
    max: floorPoint,
    profile: id.optional(),
  }).optional().describe('shoppers already inside at t = 0, uniform in the box, walking to the exit'),
});

/** The whole scenario file. */
export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: id,
  description: z.string().default(''),
  seed: z.int().min(0).max(2 ** 32 - 1),
  dtS: z.number().min(0.01).max(0.5).default(0.1).describe('the twin\'s fixed step, seconds'),
  truthHz: z.number().positive().max(100).default(10).describe('ground-truth sample rate'),
  catalog: z.string().default('../assets/catalog.json').describe('catalog path, relative to this file'),
  store: z.strictObject({
    outline: z.array(floorPoint).min(3).describe('the outer walls as a polygon'),
    walls: z.array(wall).default([]),
    shelves: z.array(shelf),
    entries: z.array(entry).min(1),
    exits: z.array(exit).min(1),
    counters: z.array(counter).default([]),
    fittingRooms: z.array(fittingRoom).default([]),
  }),
  sensors: z.strictObject({
    plates: plates.default({ shelves: 'all', rateHz: 10, noiseSigmaG: 2, driftGPerHour: 0, tareG: 500 }),
    gateReaders: z.array(gateReader).default([]),
    cameras: z.array(camera).default([]),
    detection: detection.default(DETECTION_DEFAULTS).describe('the camera detection model shared by every camera'),
  }),
  crowd,
  faults: z.array(fault).default([]).describe('sensor faults the run applies, tagged by kind'),
});

/** The catalog file: every SKU a store may stock. */
export const catalogSchema = z.strictObject({
  $schema: z.string().optional(),
  currency: z.string().length(3),
  skus: z.array(z.strictObject({
    id,
    name: z.string().min(1),
    category: z.enum(['cafe', 'convenience', 'fashion']),
    priceCents: z.int().min(0),
    weightG: z.number().positive().max(50_000),
    sizeM: z.tuple([z.number().positive().max(2), z.number().positive().max(2), z.number().positive().max(2)]).describe('[width, depth, height]'),
    color: z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour "#rrggbb"'),
  })).min(1),
});

/** One fault of a scenario, after defaults. */
export type FaultInput = z.infer<typeof fault>;

/** A scenario after parsing and defaults, before it is frozen. */
export type ScenarioInput = z.infer<typeof scenarioSchema>;
/** The catalog after parsing. */
export type CatalogInput = z.infer<typeof catalogSchema>;
