import Matter from 'matter-js';
import type { Vec2 } from '../geometry/Vec2.ts';
import type { Store } from '../store/Store.ts';

/** A walker's body as the rest of the twin sees it: a position to read. */
export interface WalkerBody {
  readonly position: { readonly x: number; readonly y: number };
}

/** matter-js works in centimetres here: its tolerances (slop 0.05) are tuned for units of that size. */
export const CM_PER_M = 100;

/**
 * The bodies and collisions of the twin: static walls and fixtures, one circle per walker.
 * Velocities are set each tick by the steering; matter-js resolves contacts. Top-down, so no gravity.
 */
export class PhysicsWorld {
  readonly engine: Matter.Engine;
  private readonly bodies = new Map<number, Matter.Body>();

  constructor(store: Store) {
    // matter-js's default six position iterations: twelve halve the squeeze in a crush but cost 40% more per step.
    this.engine = Matter.Engine.create({ gravity: { x: 0, y: 0, scale: 0 }, enableSleeping: false, positionIterations: 6 });
    const statics: Matter.Body[] = [];
    for (const w of store.walls) {
      const dx = w.to[0] - w.from[0];
      const dy = w.to[1] - w.from[1];
      const len = Math.hypot(dx, dy);
      if (len < 1e-6) continue;
      statics.push(Matter.Bodies.rectangle(
        ((w.from[0] + w.to[0]) / 2) * CM_PER_M, ((w.from[1] + w.to[1]) / 2) * CM_PER_M,
        len * CM_PER_M, w.thicknessM * CM_PER_M,
        { isStatic: true, angle: Math.atan2(dy, dx), friction: 0, frictionStatic: 0, restitution: 0 },
      ));
    }
    for (const f of store.fixtures) {
      const verts = f.corners.map(([x, y]) => ({ x: x * CM_PER_M, y: y * CM_PER_M }));
      const c = Matter.Vertices.centre(verts);
      statics.push(Matter.Bodies.fromVertices(c.x, c.y, [verts], { isStatic: true, friction: 0, frictionStatic: 0, restitution: 0 }));
    }
    Matter.Composite.add(this.engine.world, statics);
  }

  /** Number of walker bodies. */
  get walkerCount(): number {
    return this.bodies.size;
  }

  /** Adds a walker's body: a circle that does not rotate, slide-free, no bounce. Returns its handle. */
  addWalker(id: number, at: Vec2, radiusM: number): WalkerBody {
    const body = Matter.Bodies.circle(at[0] * CM_PER_M, at[1] * CM_PER_M, radiusM * CM_PER_M, {
      friction: 0, frictionStatic: 0, frictionAir: 0, restitution: 0, inertia: Infinity, density: 0.001,
    });
    this.bodies.set(id, body);
    Matter.Composite.add(this.engine.world, body);
    return body;
  }

  /** Removes a walker's body. */
  removeWalker(id: number): void {
    const body = this.bodies.get(id);
    if (!body) return;
    Matter.Composite.remove(this.engine.world, body);
    this.bodies.delete(id);
  }

  /** Sets the velocity (m/s) a walker should move with during the next step of dtS seconds. */
  static setVelocity(body: WalkerBody, vxMps: number, vyMps: number, dtS: number): void {
    // One matter update is one base delta, so a velocity is a displacement per step (as Body.setVelocity does, minus its bookkeeping).
    const b = body as Matter.Body & { positionPrev: Matter.Vector };
    const vx = vxMps * dtS * CM_PER_M;
    const vy = vyMps * dtS * CM_PER_M;
    b.positionPrev.x = b.position.x - vx;
    b.positionPrev.y = b.position.y - vy;
    b.velocity.x = vx;
    b.velocity.y = vy;
  }

  /** Where a walker is, metres. */
  static x(body: WalkerBody): number {
    return body.position.x / CM_PER_M;
  }

  /** Where a walker is, metres. */
  static y(body: WalkerBody): number {
    return body.position.y / CM_PER_M;
  }

  /** Advances the bodies by one step. */
  step(): void {
    Matter.Engine.update(this.engine);
  }
}
