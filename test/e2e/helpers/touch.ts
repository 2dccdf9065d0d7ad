/**
 * What a test player does with its thumbs on a touch screen, as a person would: put a thumb
 * down on the left half and drag to walk, on the right half and drag to aim and fire, tap.
 * Touches go through Chromium's DevTools protocol (`Input.dispatchTouchEvent`), which the page
 * sees as real touch events. Every wait is on the game's own state, never on the clock.
 */
import type { CDPSession } from "playwright-core";
import type { Vec } from "../../../shared/geometry.ts";
import { PLAYER_SPEED } from "../../../shared/arena/tuning.ts";
import { self, standStill, untilAimed } from "./moves.ts";
import type { Player } from "./Player.ts";
import type { Leg } from "./route.ts";

/** How far a thumb drags from where it landed: well past the sticks' dead zone (game/input/twinStick.ts). */
const DRAG_PX = 50;
/** Slack on each leg for start-up and frame hitches, on top of the walking time. */
const LEG_SLACK_MS = 3_000;

interface TouchPoint {
  x: number;
  y: number;
  id: number;
}

/** Up to two fingers on one page's screen; each call sends every finger still down, as a real screen does. */
export class Thumbs {
  private readonly down = new Map<number, TouchPoint>();

  private constructor(
    private readonly cdp: CDPSession,
    readonly screen: { width: number; height: number },
  ) {}

  static async on(player: Player): Promise<Thumbs> {
    const size = player.page.viewportSize();
    if (!size) throw new Error(`${player.name}'s page has no viewport`);
    return new Thumbs(await player.page.context().newCDPSession(player.page), size);
  }

  /** Where the movement thumb lands: the left half, mid-height, clear of the panels at the edges. */
  get leftStick(): Vec {
    return { x: this.screen.width * 0.25, y: this.screen.height * 0.5 };
  }

  /** Where the aiming thumb lands: the right half, mid-height. */
  get rightStick(): Vec {
    return { x: this.screen.width * 0.75, y: this.screen.height * 0.5 };
  }

  async press(id: number, at: Vec): Promise<void> {
    this.down.set(id, { id, x: at.x, y: at.y });
    await this.send("touchStart");
  }

  async drag(id: number, to: Vec): Promise<void> {
    const t = this.down.get(id);
    if (!t) throw new Error(`finger ${id} is not down`);
    t.x = to.x;
    t.y = to.y;
    await this.send("touchMove");
  }

  async lift(id: number): Promise<void> {
    this.down.delete(id);
    await this.send("touchEnd");
  }

  /** Put a finger down at `at` and drag it DRAG_PX along `angle`: a stick pushed that way. */
  async push(id: number, at: Vec, angle: number): Promise<void> {
    await this.press(id, at);
    await this.drag(id, { x: at.x + Math.cos(angle) * (DRAG_PX / 2), y: at.y + Math.sin(angle) * (DRAG_PX / 2) });
    await this.drag(id, { x: at.x + Math.cos(angle) * DRAG_PX, y: at.y + Math.sin(angle) * DRAG_PX });
  }

  private async send(type: "touchStart" | "touchMove" | "touchEnd"): Promise<void> {
    await this.cdp.send("Input.dispatchTouchEvent", { type, touchPoints: [...this.down.values()].map((t) => ({ x: t.x, y: t.y, id: t.id })) });
  }
}

/** The fingers' ids: one per stick. */
export const MOVE_FINGER = 0;
export const AIM_FINGER = 1;

/** Walk one leg with the left stick: push it along the leg's axis until the predicted position gets there, then lift. */
export function stickWalk(thumbs: Thumbs): (player: Player, leg: Leg) => Promise<void> {
  return async (player, leg) => {
    const at = (await self(player))[leg.axis];
    const dir = Math.sign(leg.to - at);
    if (dir === 0) return;
    const angle = leg.axis === "x" ? (dir > 0 ? 0 : Math.PI) : dir > 0 ? Math.PI / 2 : -Math.PI / 2;
    const timeout = (Math.abs(leg.to - at) / PLAYER_SPEED) * 1000 + LEG_SLACK_MS;
    await thumbs.push(MOVE_FINGER, thumbs.leftStick, angle);
    try {
      await player.until(
        (v, a) => v.me !== undefined && (a.dir > 0 ? v.me[a.axis] >= a.to : v.me[a.axis] <= a.to),
        { ...leg, dir },
        `it walks to ${leg.axis}=${leg.to} on the stick`,
        timeout,
      );
    } finally {
      await thumbs.lift(MOVE_FINGER);
    }
    await standStill(player);
  };
}

/**
 * Push the right stick from the player towards `target` and keep the thumb down (which fires);
 * resolves once the server has that aim. Lift AIM_FINGER to stop firing.
 */
export async function stickAim(player: Player, thumbs: Thumbs, target: Vec): Promise<void> {
  const me = await self(player);
  await thumbs.push(AIM_FINGER, thumbs.rightStick, Math.atan2(target.y - me.y, target.x - me.x));
  await untilAimed(player, me, target);
}
