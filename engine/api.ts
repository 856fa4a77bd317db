/**
 * The engine contract: the wire messages between the twin (or a real store) and an engine.
 * Versioned; every message is structured-clone safe. The engine sees these and nothing else.
 */

/** Version of the wire messages below. */
export const API_VERSION = 1;

/** A point on the floor plane, metres (x east, y north). */
export type FloorPoint = readonly [x: number, y: number];

/** Every frame says which sensor sent it, its frame number (0, 1, 2... per sensor) and its time in seconds. */
export interface FrameHeader {
  readonly sensorId: string;
  readonly frame: number;
  readonly t: number;
}

/** The weight plates of one shelf, read together: grams per plate in the shelf's slot order. */
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

/** A face captured by a reader at a gate, counter or fitting room: a descriptor, not an identity. */
export interface FaceCaptureFrame extends FrameHeader {
  readonly kind: 'face-capture';
  readonly at: string;
  /** Unit-length face descriptor. */
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

/** Every kind of frame a sensor sends. Cameras join this union with their own kinds. */
export type SensorFrame = ShelfWeightFrame | QrScanFrame | FaceCaptureFrame | DoorPassFrame | CounterOrderFrame;
