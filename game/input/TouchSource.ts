import type { Intent } from "../../shared/arena/world.ts";
import type { IntentSource, WorldPoint } from "./IntentSource.ts";
import { AimStick, MoveStick, type ScreenPoint } from "./twinStick.ts";

/** What the touch overlay draws: each stick's centre and thumb, when a thumb is on it. */
export interface SticksView {
  move: { origin: ScreenPoint; at: ScreenPoint } | undefined;
  aim: { origin: ScreenPoint; at: ScreenPoint } | undefined;
}

/** True on a device whose main pointer is a finger (a phone or tablet). */
export function isCoarsePointer(): boolean {
  return typeof matchMedia === "function" && matchMedia("(pointer: coarse)").matches;
}

/**
 * Twin-stick touch controls over the arena: a thumb landing on the left half of `surface`
 * is the movement stick (centred where it lands), one on the right half aims and fires
 * (twinStick.ts says how). Multi-touch: each stick follows its own finger.
 *
 * Its own code rather than nipplejs: the right stick is not a joystick (a tap fires at the
 * tapped point), both sticks reduce to the intent's eight directions and an angle, and this
 * stays a small DOM-only listener the twin-stick rules in twinStick.ts can be tested without.
 */
export class TouchSource implements IntentSource {
  enabled = true;
  private touched = false;
  private readonly move = new MoveStick();
  private readonly aim = new AimStick();
  private moveId: number | undefined;
  private aimId: number | undefined;
  private readonly intent: Intent = { dx: 0, dy: 0, aim: 0, fire: false };
  private readonly listeners: Array<[string, (e: TouchEvent) => void]>;

  /**
   * @param surface the element the game is drawn in (touches on it are the game's)
   * @param toScreen the screen point (CSS px, relative to `surface`) of a world point
   * @param onFirstTouch called once, inside the first touch's event (a user gesture: full screen, audio)
   */
  constructor(
    private readonly surface: HTMLElement,
    private readonly toScreen: (world: WorldPoint) => ScreenPoint,
    private readonly onFirstTouch: () => void = () => undefined,
  ) {
    const opts = { passive: false } as const;
    this.listeners = [
      ["touchstart", (e) => this.start(e)],
      ["touchmove", (e) => this.drag(e)],
      ["touchend", (e) => this.end(e)],
      ["touchcancel", (e) => this.end(e)],
    ];
    for (const [type, fn] of this.listeners) surface.addEventListener(type, fn as EventListener, opts);
  }

  get active(): boolean {
    return this.touched || isCoarsePointer();
  }

  read(from: WorldPoint, now: number): Intent {
    const i = this.intent;
    const stick = this.move.direction();
    const shot = this.aim.read(this.toScreen(from), now);
    i.aim = shot.aim;
    if (!this.enabled) {
      i.dx = 0;
      i.dy = 0;
      i.fire = false;
      return i;
    }
    i.dx = stick.dx;
    i.dy = stick.dy;
    i.fire = shot.fire;
    return i;
  }

  sticks(): SticksView {
    return {
      move: this.move.origin && { origin: this.move.origin, at: this.move.at },
      aim: this.aim.origin && { origin: this.aim.origin, at: this.aim.at },
    };
  }

  dispose(): void {
    for (const [type, fn] of this.listeners) this.surface.removeEventListener(type, fn as EventListener);
  }

  private local(t: Touch): ScreenPoint {
    const r = this.surface.getBoundingClientRect();
    return { x: t.clientX - r.left, y: t.clientY - r.top };
  }

  private start(e: TouchEvent): void {
    // Touches on buttons and fields over the game (chat, room bar) are theirs, not a stick's.
    if (e.target instanceof HTMLElement && e.target.closest("button, input, select, textarea, a")) return;
    e.preventDefault();
    if (!this.touched) {
      this.touched = true;
      this.onFirstTouch();
    }
    const half = this.surface.getBoundingClientRect().width / 2;
    for (const t of Array.from(e.changedTouches)) {
      const p = this.local(t);
      if (p.x < half && this.moveId === undefined) {
        this.moveId = t.identifier;
        this.move.down(p);
      } else if (p.x >= half && this.aimId === undefined) {
        this.aimId = t.identifier;
        this.aim.down(p, performance.now());
      }
    }
  }

  private drag(e: TouchEvent): void {
    for (const t of Array.from(e.changedTouches)) {
      if (t.identifier === this.moveId) this.move.drag(this.local(t));
      else if (t.identifier === this.aimId) this.aim.drag(this.local(t));
      else continue;
      e.preventDefault();
    }
  }

  private end(e: TouchEvent): void {
    for (const t of Array.from(e.changedTouches)) {
      if (t.identifier === this.moveId) {
        this.moveId = undefined;
        this.move.up();
      } else if (t.identifier === this.aimId) {
        this.aimId = undefined;
        this.aim.up(performance.now());
      }
    }
  }
}
