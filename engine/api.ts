/**
 * The engine contract: the wire messages between the twin (or a real store) and an engine.
 * Versioned; every message is structured-clone safe. The engine sees these and nothing else:
 * a StoreDescription once, then SensorFrames tick by tick. It never sees ground truth.
 */

/** Version of the wire messages below. */
export const API_VERSION = 2;

/** A point on the floor plane, metres (x east, y north). */
export type FloorPoint = readonly [x: number, y: number];
/** A point in the store, metres (x east, y north, z up from the floor). */
export type WorldPoint = readonly [x: number, y: number, z: number];
/** A point in a camera image, pixels (u right, v down, origin at the top-left corner). */
export type PixelPoint = readonly [u: number, v: number];

// ---------------------------------------------------------------------------------------------
// The store, as its operator knows it
// ---------------------------------------------------------------------------------------------

/**
 * A calibrated pinhole camera. World to camera: `Xc = R (Xw - positionM)`, camera axes x right,
 * y down, z forward; then `u = fx Xc/Zc + cx`, `v = fy Yc/Zc + cy`. No lens distortion.
 */
export interface CameraCalibration {
  readonly id: string;
  readonly positionM: WorldPoint;
  /** R, row-major 3x3, world to camera. */
  readonly rotation: readonly number[];
  readonly fx: number;
  readonly fy: number;
  readonly cx: number;
  readonly cy: number;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly rateHz: number;
  /** Row-major 3x3 homography taking pixel [u, v, 1] to floor [x, y, 1] (the plane z = 0). */
  readonly floorFromPixel: readonly number[];
}

/** A weight plate under one slot. */
export interface PlateInfo {
  /** `shelfId/f<level>-<column>` (front) or `shelfId/b<level>-<column>` (back). */
  readonly slotId: string;
  /** The SKU the planogram puts here. */
  readonly sku: string;
  readonly facings: number;
  /** Units stocked when the store opens. */
  readonly initialStock: number;
  /** Centre of the slot's front edge, where a hand reaches in. */
  readonly reachPointM: WorldPoint;
  /** Where a shopper stands to reach it. */
  readonly standPointM: FloorPoint;
}

/** A shelf whose plates are read together: one ShelfWeightFrame per reading, grams in `plates` order. */
export interface WeighedShelf {
  /** Also the sensorId of its ShelfWeightFrames. */
  readonly id: string;
  readonly plates: readonly PlateInfo[];
}

/** A fixture's footprint on the floor. */
export interface FixtureInfo {
  readonly id: string;
  readonly kind: 'shelf' | 'gondola' | 'fridge' | 'rack' | 'table' | 'counter' | 'fitting-room';
  /** Convex footprint, counter-clockwise. */
  readonly corners: readonly FloorPoint[];
  readonly heightM: number;
}

/** An entry or exit opening in the outline. */
export interface DoorInfo {
  readonly id: string;
  readonly role: 'entry' | 'exit';
  /** entry: 'qr' | 'face' | 'open'; exit: 'walkthrough' | 'gate' | 'face'. */
  readonly kind: string;
  readonly positionM: FloorPoint;
  readonly widthM: number;
  /** Unit vector pointing into the store. */
  readonly inward: FloorPoint;
}

/** Everything an engine is told about a store before the first frame. */
export interface StoreDescription {
  readonly apiVersion: number;
  readonly name: string;
  readonly currency: string;
  /** The twin's step: ingest is called once per tick, every `dtS` seconds. */
  readonly dtS: number;
  readonly outline: readonly FloorPoint[];
  readonly walls: readonly { readonly from: FloorPoint; readonly to: FloorPoint; readonly thicknessM: number }[];
  readonly fixtures: readonly FixtureInfo[];
  readonly shelves: readonly WeighedShelf[];
  readonly plateSpec: { readonly rateHz: number; readonly noiseSigmaG: number };
  readonly catalog: readonly { readonly sku: string; readonly name: string; readonly priceCents: number; readonly weightG: number }[];
  readonly cameras: readonly CameraCalibration[];
  readonly doors: readonly DoorInfo[];
  readonly counters: readonly { readonly id: string; readonly positionM: FloorPoint; readonly menu: readonly string[] }[];
  readonly fittingRooms: readonly { readonly id: string; readonly positionM: FloorPoint }[];
  /** Gate and counter readers; `at` is the door, counter or fitting room served. */
  readonly readers: readonly { readonly id: string; readonly kind: 'qr' | 'face' | 'beam'; readonly at: string }[];
  /** Faces of the accounts that opted in (unit vectors, FACE_DIM long). */
  readonly gallery: readonly { readonly accountId: string; readonly descriptor: readonly number[] }[];
}

// ---------------------------------------------------------------------------------------------
// Sensor frames
// ---------------------------------------------------------------------------------------------

/** Every frame says which sensor sent it, its frame number (0, 1, 2... per sensor) and its capture time in seconds. */
export interface FrameHeader {
  readonly sensorId: string;
  readonly frame: number;
  readonly t: number;
}

/** The weight plates of one shelf, read together: grams per plate in the shelf's `plates` order. */
export interface ShelfWeightFrame extends FrameHeader {
  readonly kind: 'shelf-weight';
  readonly grams: readonly number[];
}

/** A QR entry code read at a gate: the token the shopper's app shows and the account it encodes. */
export interface QrScanFrame extends FrameHeader {
  readonly kind: 'qr-scan';
  /** The entry, exit or counter the reader serves. */
  readonly at: string;
  readonly token: string;
  readonly accountId: string;
}

/** Length of a face descriptor. */
export const FACE_DIM = 32;

/** A face captured by a reader at a gate, counter or fitting room: a descriptor, not an identity. */
export interface FaceCaptureFrame extends FrameHeader {
  readonly kind: 'face-capture';
  readonly at: string;
  /** Unit-length face descriptor, FACE_DIM long. */
  readonly descriptor: readonly number[];
  /** 0..1, how frontal and well lit the capture was. */
  readonly quality: number;
}

/** A person passed through a door (the door's own barrier or beam). */
export interface DoorPassFrame extends FrameHeader {
  readonly kind: 'door-pass';
  readonly direction: 'in' | 'out';
}

/** An order keyed in at a face-pay counter. */
export interface CounterOrderFrame extends FrameHeader {
  readonly kind: 'counter-order';
  readonly lines: readonly { readonly sku: string; readonly qty: number }[];
}

/** Body keypoints of a person detection, in this order. */
export const KEYPOINTS = ['head', 'leftFoot', 'rightFoot', 'leftWrist', 'rightWrist'] as const;
/** Length of a detection's appearance descriptor (re-identification embedding). */
export const APPEARANCE_DIM = 16;

/**
 * One camera frame at the `detections` fidelity: person detections as packed typed arrays
 * (transferable). Detection i occupies rows i of each array.
 */
export interface CameraDetectionsFrame extends FrameHeader {
  readonly kind: 'camera-detections';
  readonly count: number;
  /** count x 5: left, top, width, height (pixels), confidence 0..1. */
  readonly boxes: Float32Array;
  /** count x KEYPOINTS.length x 3: u, v (pixels), visibility 0..1 (0 = not seen). */
  readonly keypoints: Float32Array;
  /** count x APPEARANCE_DIM, each row unit length. */
  readonly appearance: Float32Array;
}

/** One camera frame at the `pixels` fidelity: an RGBA image, row-major from the top-left. */
export interface CameraImageFrame extends FrameHeader {
  readonly kind: 'camera-image';
  readonly widthPx: number;
  readonly heightPx: number;
  readonly rgba: Uint8Array;
}

/** Every kind of frame a sensor sends. */
export type SensorFrame =
  | ShelfWeightFrame | QrScanFrame | FaceCaptureFrame | DoorPassFrame | CounterOrderFrame
  | CameraDetectionsFrame | CameraImageFrame;

// ---------------------------------------------------------------------------------------------
// Engine events
// ---------------------------------------------------------------------------------------------

/** A track's lifecycle states (ByteTrack's). */
export const TRACK_STATES = ['tentative', 'tracked', 'lost'] as const;
/** A track's lifecycle state. */
export type TrackState = (typeof TRACK_STATES)[number];

/** One track as the engine sees it at a tick. */
export interface TrackSnapshot {
  /** Unique within a run, never reused. */
  readonly trackId: number;
  readonly state: TrackState;
  readonly positionM: FloorPoint;
  readonly velocityMps: FloorPoint;
  /** The account bound to this track, if any. */
  readonly accountId: string | null;
  readonly confidence: number;
}

/** A line of an engine's receipt or counter charge. */
export interface ChargeLine {
  readonly sku: string;
  readonly qty: number;
  readonly unitCents: number;
}

/** Why an engine may want a human to look. */
export const ALERT_KINDS = ['tailgating', 'unbound-exit', 'ambiguous-pick', 'unknown-person', 'unexplained-weight-change', 'face-not-matched'] as const;
/** Why an engine wants a human to look. */
export type AlertKind = (typeof ALERT_KINDS)[number];

/** How a track came to be bound to an account. */
export const BINDING_METHODS = ['qr', 'face', 'reid', 'group'] as const;
/** How a track came to be bound. */
export type BindingMethod = (typeof BINDING_METHODS)[number];

/** Everything an engine says, tick by tick. */
export type EngineEvent =
  /** The confirmed and lost tracks at a tick (emitted at least at each camera frame time). */
  | { readonly kind: 'tracks'; readonly t: number; readonly tracks: readonly TrackSnapshot[] }
  /** A track is bound to an account (at the entry gate, or recovered by re-identification). */
  | { readonly kind: 'binding'; readonly t: number; readonly trackId: number; readonly accountId: string; readonly method: BindingMethod; readonly at: string | null; readonly confidence: number }
  /** An item added to (qty > 0) or removed from (qty < 0) an account's cart. */
  | { readonly kind: 'cart-line'; readonly t: number; readonly accountId: string | null; readonly trackId: number | null; readonly slotId: string; readonly sku: string; readonly qty: number; readonly confidence: number }
  /** The bill for a visit, when its bound track leaves. */
  | { readonly kind: 'receipt'; readonly t: number; readonly accountId: string; readonly trackIds: readonly number[]; readonly lines: readonly ChargeLine[]; readonly totalCents: number }
  /** A face-pay counter's charge for an order. */
  | { readonly kind: 'counter-charge'; readonly t: number; readonly counter: string; readonly accountId: string | null; readonly lines: readonly ChargeLine[]; readonly totalCents: number }
  | { readonly kind: 'alert'; readonly t: number; readonly alert: AlertKind; readonly at: string | null; readonly trackIds: readonly number[]; readonly accountId: string | null; readonly detail: string };

/**
 * An engine. The host calls `init` once, then `ingest` once per twin tick in time order (also
 * with no frames: time passing matters), then `finish` once at the end of the run.
 * Engines read no clock and draw no unseeded randomness: given the same calls they return the same events.
 */
export interface Engine {
  init(store: StoreDescription): void | Promise<void>;
  ingest(t: number, frames: readonly SensorFrame[]): readonly EngineEvent[] | Promise<readonly EngineEvent[]>;
  finish(t: number): readonly EngineEvent[] | Promise<readonly EngineEvent[]>;
}

/** What an engine module (`storetwin run --engine <module>`) exports: `export default createEngine`. */
export type CreateEngine = () => Engine;
