import { describe, expect, it } from 'vitest';
import type { ShopperPose } from '../../../sim/truth/Truth.ts';
import type { BlendClock, BlendedPose } from './poseBlend.ts';
import { blendPoint, blendPose, lerpAngleRad, tickBlend } from './poseBlend.ts';

const pose = (x: number, y: number, headingRad: number, hz = 0.8): ShopperPose => ({
  id: 1, position: [x, y], headingRad, activity: 'walking', leftHand: [x - 0.2, y, hz], rightHand: [x + 0.2, y, hz],
});
const out = (): BlendedPose => ({ x: NaN, y: NaN, headingRad: NaN, leftHand: [NaN, NaN, NaN], rightHand: [NaN, NaN, NaN] });

/** Playing at 1x, anchored at tick 100 (t = 10 s) at wall 0; tick 101 (t = 10.1 s) is the latest. */
const clock = (over: Partial<BlendClock> = {}): BlendClock => ({
  playingAtSpeed: true, speed: 1, anchorWallMs: 0, anchorSimS: 10, anchorTick: 100, nowMs: 125, latestTick: 101, latestS: 10.1, tickS: 0.1, ...over,
});

describe('tickBlend', () => {
  it('is the share of a tick the play clock has gone past the latest tick', () => {
    // 125 ms at 1x: clock at 10.125 s, 0.025 s past tick 101 at 10.1 s: a quarter of a tick.
    expect(tickBlend(clock())).toBeCloseTo(0.25, 12);
    expect(tickBlend(clock({ nowMs: 180 }))).toBeCloseTo(0.8, 12);
    // At 4x, 112.5 ms of wall time is 0.45 s simulated: 10.45 s, 0.35 s past 10.1 s: clamped to 1.
    expect(tickBlend(clock({ speed: 4, nowMs: 112.5 }))).toBe(1);
    expect(tickBlend(clock({ speed: 4, nowMs: 31.25, latestS: 10.1 }))).toBeCloseTo(0.25, 12);
    // At 0.25x, 500 ms is 0.125 s simulated: 10.125 s, again a quarter of a tick past 10.1 s.
    expect(tickBlend(clock({ speed: 0.25, nowMs: 500 }))).toBeCloseTo(0.25, 12);
  });

  it('clamps to 0..1 (clock behind the latest tick, or a slow engine far behind the clock)', () => {
    expect(tickBlend(clock({ nowMs: 60 }))).toBe(0);
    expect(tickBlend(clock({ nowMs: 900 }))).toBe(1);
  });

  it('shows the latest tick exactly when paused, stepping, at max speed, or before a tick arrives after play', () => {
    expect(tickBlend(clock({ playingAtSpeed: false }))).toBe(1);
    // Just pressed play at tick 101: no blending back to tick 100, which the paused view was not showing.
    expect(tickBlend(clock({ anchorTick: 101, anchorSimS: 10.1, nowMs: 50 }))).toBe(1);
    expect(tickBlend(clock({ tickS: 0 }))).toBe(1);
  });
});

describe('lerpAngleRad', () => {
  it('goes the short way round the circle', () => {
    expect(lerpAngleRad(0, Math.PI / 2, 0.5)).toBeCloseTo(Math.PI / 4, 12);
    // 170 deg to -170 deg: 20 deg through 180, not 340 back through 0.
    const a = (170 * Math.PI) / 180;
    const b = (-170 * Math.PI) / 180;
    const mid = lerpAngleRad(a, b, 0.5);
    expect(Math.cos(mid)).toBeCloseTo(-1, 12);
    expect(Math.abs(Math.sin(mid))).toBeLessThan(1e-12);
    expect(lerpAngleRad(a, b, 0.25)).toBeCloseTo((175 * Math.PI) / 180, 12);
    // And the other way: -170 to 170 passes through -175.
    expect(lerpAngleRad(b, a, 0.25)).toBeCloseTo((-175 * Math.PI) / 180, 12);
    // Headings that wound up several turns apart still take the short way.
    expect(lerpAngleRad(0.1, 0.3 + 6 * Math.PI, 0.5)).toBeCloseTo(0.2, 12);
  });

  it('is exact at the ends', () => {
    expect(lerpAngleRad(1, 2, 0)).toBe(1);
    expect(lerpAngleRad(1, 2, 1)).toBe(2);
  });
});

describe('blendPose', () => {
  it('puts the body, heading and hands part-way between the two ticks', () => {
    const o = out();
    blendPose(pose(1, 2, 0), pose(2, 4, Math.PI / 2, 1), 0.25, o);
    expect(o.x).toBeCloseTo(1.25, 12);
    expect(o.y).toBeCloseTo(2.5, 12);
    expect(o.headingRad).toBeCloseTo(Math.PI / 8, 12);
    expect(o.leftHand[0]).toBeCloseTo(1.05, 12);
    expect(o.leftHand[1]).toBeCloseTo(2.5, 12);
    expect(o.leftHand[2]).toBeCloseTo(0.85, 12);
    expect(o.rightHand[0]).toBeCloseTo(1.45, 12);
  });

  it('draws the previous tick at 0 and the latest at 1', () => {
    const o = out();
    const a = pose(1, 2, 3);
    const b = pose(5, 6, -3);
    blendPose(a, b, 0, o);
    expect([o.x, o.y, o.headingRad, ...o.leftHand]).toEqual([1, 2, 3, ...a.leftHand]);
    blendPose(a, b, 1, o);
    expect([o.x, o.y, o.headingRad, ...o.rightHand]).toEqual([5, 6, -3, ...b.rightHand]);
  });

  it('does not slide a shopper who appeared this tick in from nowhere', () => {
    const o = out();
    const b = pose(5, 6, 1);
    blendPose(undefined, b, 0.1, o);
    expect([o.x, o.y, o.headingRad, ...o.leftHand, ...o.rightHand]).toEqual([5, 6, 1, ...b.leftHand, ...b.rightHand]);
  });
});

describe('blendPoint', () => {
  it('blends a track marker between ticks, or shows a new track where it is', () => {
    const o: [number, number] = [NaN, NaN];
    blendPoint([1, 1], [3, 2], 0.5, o);
    expect(o).toEqual([2, 1.5]);
    blendPoint(undefined, [3, 2], 0.5, o);
    expect(o).toEqual([3, 2]);
    blendPoint([1, 1], [3, 2], 1, o);
    expect(o).toEqual([3, 2]);
  });
});
