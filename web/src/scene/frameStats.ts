/** Frames drawn, timed in the renderer's own frame loop (what the fps benchmark and tests read). */
class FrameStats {
  /** Frame times of the last few seconds, milliseconds (a ring, no allocation per frame). */
  private readonly times = new Float64Array(512);
  private n = 0;
  frames = 0;
  /** The view's current pixel ratio (the adaptive resolution's choice). */
  dpr = 1;
  /** Frames whose shoppers were drawn part-way between two ticks (0 < blend < 1), and the latest blend. */
  blendedFrames = 0;
  lastBlend = 1;

  /** Records the inter-tick blend a frame drew shoppers at. */
  blend(f: number): void {
    this.lastBlend = f;
    if (f > 0 && f < 1) this.blendedFrames++;
  }

  /** Records a drawn frame at `ms`. */
  frame(ms: number): void {
    this.times[this.n % this.times.length] = ms;
    this.n++;
    this.frames++;
  }

  /** Frames per second over the last `windowMs`. */
  fps(windowMs = 2000): number {
    const len = Math.min(this.n, this.times.length);
    if (len < 2) return 0;
    const last = this.times[(this.n - 1) % this.times.length]!;
    let count = 0;
    let first = last;
    for (let k = 1; k < len; k++) {
      const t = this.times[(this.n - 1 - k) % this.times.length]!;
      if (last - t > windowMs) break;
      first = t;
      count++;
    }
    return count > 0 && last > first ? (count * 1000) / (last - first) : 0;
  }
}

/** The app's frame statistics. */
export const frameStats = new FrameStats();
