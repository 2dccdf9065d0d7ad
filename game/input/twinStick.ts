/**
 * The pure half of the touch controls: what a thumb on each stick means, with no DOM. The
 * touch source (TouchSource.ts) feeds it screen points and times; tests feed it numbers.
 *
 * @example
 * const move = new MoveStick(); move.down({ x: 80, y: 600 }); move.drag({ x: 120, y: 600 });
 * move.direction(); // { dx: 1, dy: 0 }
 */
import { INPUT_INTERVAL_MS } from "../../shared/constants.ts";

export interface ScreenPoint {
  x: number;
  y: number;
}

/** A thumb that moved less than this (px) from where it landed is still a tap, and a stick inside it is at rest. */
export const DEAD_ZONE_PX = 14;
/** How far (px) the drawn knob may travel from the stick's centre. */
export const STICK_RADIUS_PX = 56;
/** A touch on the aim side that lifts within this many ms, without dragging, is a tap. */
export const TAP_MS = 250;
/**
 * Fire stays on at least this long once reported, so that a tap shorter than a frame still
 * reaches an input tick: intents are sent once per input interval, not every frame.
 */
export const MIN_FIRE_MS = Math.ceil(2 * INPUT_INTERVAL_MS);

export type Axis = -1 | 0 | 1;

/**
 * The intent's eight directions from a stick's offset: the offset's angle rounded to the
 * nearest 45°, nothing inside the dead zone. Intents carry -1, 0 or 1 per axis (shared/validate.ts).
 */
export function stickDirection(ox: number, oy: number, deadZone = DEAD_ZONE_PX): { dx: Axis; dy: Axis } {
  if (Math.hypot(ox, oy) < deadZone) return { dx: 0, dy: 0 };
  const octant = Math.round(Math.atan2(oy, ox) / (Math.PI / 4));
  const angle = octant * (Math.PI / 4);
  const axis = (v: number): Axis => (Math.abs(v) < 0.5 ? 0 : v > 0 ? 1 : -1);
  return { dx: axis(Math.cos(angle)), dy: axis(Math.sin(angle)) };
}

/** The knob's drawn offset: the thumb's offset, held inside the stick's ring. */
export function knobOffset(ox: number, oy: number, radius = STICK_RADIUS_PX): ScreenPoint {
  const d = Math.hypot(ox, oy);
  if (d <= radius) return { x: ox, y: oy };
  return { x: (ox / d) * radius, y: (oy / d) * radius };
}

/** The left stick: it appears where the thumb lands and points where the thumb has dragged. */
export class MoveStick {
  origin: ScreenPoint | undefined;
  readonly at: ScreenPoint = { x: 0, y: 0 };

  down(p: ScreenPoint): void {
    this.origin = { x: p.x, y: p.y };
    this.at.x = p.x;
    this.at.y = p.y;
  }

  drag(p: ScreenPoint): void {
    this.at.x = p.x;
    this.at.y = p.y;
  }

  up(): void {
    this.origin = undefined;
  }

  direction(): { dx: Axis; dy: Axis } {
    if (!this.origin) return { dx: 0, dy: 0 };
    return stickDirection(this.at.x - this.origin.x, this.at.y - this.origin.y);
  }
}

/**
 * The right stick. While a thumb is down it fires; it aims at the point the thumb landed on
 * (from the player on screen) until the thumb drags past the dead zone, then along the drag.
 * A tap fires once toward the tap: fire is held MIN_FIRE_MS after it is first read, so that
 * one input tick carries it, and the aim stays on the tap until then.
 */
export class AimStick {
  origin: ScreenPoint | undefined;
  readonly at: ScreenPoint = { x: 0, y: 0 };
  private dragged = false;
  private downAt = 0;
  /** When fire was first reported for the current touch (or the last, while it is latched). */
  private firstFireAt: number | undefined;
  /** A touch that has lifted but whose fire is still latched, and where it was. */
  private latched: ScreenPoint | undefined;
  private lastAim = 0;

  down(p: ScreenPoint, now: number): void {
    this.origin = { x: p.x, y: p.y };
    this.at.x = p.x;
    this.at.y = p.y;
    this.dragged = false;
    this.downAt = now;
    this.firstFireAt = undefined;
    this.latched = undefined;
  }

  drag(p: ScreenPoint): void {
    this.at.x = p.x;
    this.at.y = p.y;
    if (this.origin && Math.hypot(p.x - this.origin.x, p.y - this.origin.y) >= DEAD_ZONE_PX) this.dragged = true;
  }

  /** The thumb lifts. A tap (short, not dragged) keeps its shot latched until it has been read. */
  up(now: number): void {
    if (!this.origin) return;
    const tap = !this.dragged && now - this.downAt <= TAP_MS;
    this.latched = tap ? { x: this.origin.x, y: this.origin.y } : undefined;
    this.origin = undefined;
  }

  /** True if this lift was a tap. */
  get tapLatched(): boolean {
    return this.latched !== undefined;
  }

  /** The aim and fire to report now; `player` is the local player's position on screen. */
  read(player: ScreenPoint, now: number): { aim: number; fire: boolean } {
    if (this.origin) {
      this.firstFireAt ??= now;
      this.lastAim = this.dragged
        ? Math.atan2(this.at.y - this.origin.y, this.at.x - this.origin.x)
        : Math.atan2(this.origin.y - player.y, this.origin.x - player.x);
      return { aim: this.lastAim, fire: true };
    }
    if (this.latched) {
      this.firstFireAt ??= now;
      this.lastAim = Math.atan2(this.latched.y - player.y, this.latched.x - player.x);
      // Past MIN_FIRE_MS the earlier reads carried the shot. Reporting fire once more here
      // would, after a slow frame (many ticks due at once), fire a second shot past the cooldown.
      if (now - this.firstFireAt >= MIN_FIRE_MS) {
        this.latched = undefined;
        return { aim: this.lastAim, fire: false };
      }
      return { aim: this.lastAim, fire: true };
    }
    return { aim: this.lastAim, fire: false };
  }
}
