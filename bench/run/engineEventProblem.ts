/**
 * What is wrong with an engine event against the contract (engine/api.ts `EngineEvent`), or null.
 * The harness checks every event an engine answers, so that a malformed one stops the run naming the
 * engine, the tick and the field, instead of reaching the RunLog and failing the scoring later with
 * no clue where it came from; the RunLog reader checks the same on every engine line.
 */

import { ALERT_KINDS, BINDING_METHODS, TRACK_STATES } from '../../engine/api.ts';

const TRACK_STATE_SET: ReadonlySet<string> = new Set(TRACK_STATES);
const BINDING_METHOD_SET: ReadonlySet<string> = new Set(BINDING_METHODS);
const ALERT_SET: ReadonlySet<string> = new Set(ALERT_KINDS);
const KINDS = 'tracks, binding, cart-line, receipt, counter-charge or alert';

type Rec = Record<string, unknown>;

const show = (v: unknown): string => (v === undefined ? 'nothing' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v) ?? String(v));
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObj = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

function num(o: Rec, key: string, at: string): string | null {
  return isNum(o[key]) ? null : `${at}${key}: expected a finite number, got ${show(o[key])}`;
}

function str(o: Rec, key: string, at: string, nullable = false): string | null {
  const v = o[key];
  if (typeof v === 'string' || (nullable && v === null)) return null;
  return `${at}${key}: expected a string${nullable ? ' or null' : ''}, got ${show(v)}`;
}

function numOrNull(o: Rec, key: string, at: string): string | null {
  return o[key] === null || isNum(o[key]) ? null : `${at}${key}: expected a finite number or null, got ${show(o[key])}`;
}

function oneOf(o: Rec, key: string, set: ReadonlySet<string>, at: string): string | null {
  return typeof o[key] === 'string' && set.has(o[key]) ? null : `${at}${key}: expected one of ${[...set].join(', ')}, got ${show(o[key])}`;
}

function point(o: Rec, key: string, at: string): string | null {
  const v = o[key];
  return Array.isArray(v) && v.length === 2 && isNum(v[0]) && isNum(v[1]) ? null : `${at}${key}: expected [x, y], two finite numbers, got ${show(v)}`;
}

function numbers(o: Rec, key: string, at: string): string | null {
  const v = o[key];
  return Array.isArray(v) && v.every(isNum) ? null : `${at}${key}: expected an array of finite numbers, got ${show(v)}`;
}

function chargeLines(o: Rec, at: string): string | null {
  const lines = o.lines;
  if (!Array.isArray(lines)) return `${at}lines: expected an array, got ${show(lines)}`;
  for (let i = 0; i < lines.length; i++) {
    const l: unknown = lines[i];
    const here = `${at}lines[${i}].`;
    if (!isObj(l)) return `${at}lines[${i}]: expected {sku, qty, unitCents}, got ${show(l)}`;
    const p = str(l, 'sku', here) ?? num(l, 'qty', here) ?? num(l, 'unitCents', here);
    if (p !== null) return p;
  }
  return num(o, 'totalCents', at);
}

function track(v: unknown, at: string): string | null {
  if (!isObj(v)) return `${at}: expected a track {trackId, state, positionM, velocityMps, accountId, confidence}, got ${show(v)}`;
  const here = `${at}.`;
  return num(v, 'trackId', here) ?? oneOf(v, 'state', TRACK_STATE_SET, here) ?? point(v, 'positionM', here) ?? point(v, 'velocityMps', here)
    ?? str(v, 'accountId', here, true) ?? num(v, 'confidence', here);
}

/** The first problem of `e` as an EngineEvent (`field: expected ..., got ...`), or null when it keeps the contract. */
export function engineEventProblem(e: unknown): string | null {
  if (!isObj(e)) return `expected an event object, got ${show(e)}`;
  const kind = e.kind;
  const at = '';
  const t = num(e, 't', at);
  switch (kind) {
    case 'tracks': {
      if (t !== null) return t;
      const tracks = e.tracks;
      if (!Array.isArray(tracks)) return `tracks: expected an array of tracks, got ${show(tracks)}`;
      // Plain loop: one tracks event per tick, tens of tracks each.
      for (let i = 0; i < tracks.length; i++) {
        const p = track(tracks[i], `tracks[${i}]`);
        if (p !== null) return p;
      }
      return null;
    }
    case 'binding':
      return t ?? num(e, 'trackId', at) ?? str(e, 'accountId', at) ?? oneOf(e, 'method', BINDING_METHOD_SET, at) ?? str(e, 'at', at, true) ?? num(e, 'confidence', at);
    case 'cart-line':
      return t ?? str(e, 'accountId', at, true) ?? numOrNull(e, 'trackId', at) ?? str(e, 'slotId', at) ?? str(e, 'sku', at) ?? num(e, 'qty', at) ?? num(e, 'confidence', at);
    case 'receipt':
      return t ?? str(e, 'accountId', at) ?? numbers(e, 'trackIds', at) ?? chargeLines(e, at);
    case 'counter-charge':
      return t ?? str(e, 'counter', at) ?? str(e, 'accountId', at, true) ?? chargeLines(e, at);
    case 'alert':
      return t ?? oneOf(e, 'alert', ALERT_SET, at) ?? str(e, 'at', at, true) ?? numbers(e, 'trackIds', at) ?? str(e, 'accountId', at, true) ?? str(e, 'detail', at);
    default:
      return `kind: expected ${KINDS}, got ${show(kind)}`;
  }
}
