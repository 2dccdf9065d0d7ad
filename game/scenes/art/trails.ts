/**
 * Projectile trails: the last few drawn positions of every projectile, so a shot leaves a
 * fading streak behind it. Pure bookkeeping (the scene draws the points); a projectile not
 * seen in a frame is forgotten, so the map never grows with the match.
 *
 * @example
 * t.add("p1", 10, 10); t.add("p1", 20, 10); t.end(); t.points("p1"); // [{10,10},{20,10}]
 */
import type { Pt } from "./shapes.ts";

/** Positions kept per projectile: at 60 fps about 100 ms of flight. */
export const TRAIL_POINTS = 6;
/**
 * The longest a trail is drawn, in world units (about 100 ms of flight): at a low frame rate
 * six positions would span far more, and a streak across half the screen reads as a laser.
 */
export const TRAIL_LENGTH = 64;

export class Trails {
  private readonly trails = new Map<string, Pt[]>();
  private readonly seen = new Set<string>();

  constructor(
    private readonly length = TRAIL_POINTS,
    private readonly maxLength = TRAIL_LENGTH,
  ) {}

  /** This frame's position of projectile `id` (oldest points drop off the back). */
  add(id: string, x: number, y: number): void {
    this.seen.add(id);
    let t = this.trails.get(id);
    if (!t) this.trails.set(id, (t = []));
    const last = t[t.length - 1];
    if (last && last.x === x && last.y === y) return;
    // Reuse the oldest point's object once full: no allocation per frame in steady play.
    const p = t.length >= this.length ? t.shift()! : { x: 0, y: 0 };
    p.x = x;
    p.y = y;
    t.push(p);
    this.clip(t);
  }

  /** Shortens a trail from its tail end to at most maxLength world units. */
  private clip(t: Pt[]): void {
    let left = this.maxLength;
    for (let i = t.length - 1; i > 0; i--) {
      const a = t[i - 1]!;
      const b = t[i]!;
      const d = Math.hypot(b.x - a.x, b.y - a.y);
      if (d >= left) {
        // Pull the segment's far end in to the limit and drop everything behind it.
        a.x = b.x + ((a.x - b.x) * left) / d;
        a.y = b.y + ((a.y - b.y) * left) / d;
        t.splice(0, i - 1);
        return;
      }
      left -= d;
    }
  }

  /** Ends a frame: forgets every projectile not added since the last end(). */
  end(): void {
    for (const id of this.trails.keys()) if (!this.seen.has(id)) this.trails.delete(id);
    this.seen.clear();
  }

  /** The points of a trail, oldest first (empty when unknown). */
  points(id: string): readonly Pt[] {
    return this.trails.get(id) ?? [];
  }

  get size(): number {
    return this.trails.size;
  }
}
