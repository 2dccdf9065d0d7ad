/** The twin-stick rules (game/input/twinStick.ts) and how intents from two sources merge: pure logic, no DOM. */
import { describe, expect, it } from "vitest";
import { mergeIntents } from "../../game/input/IntentSource.ts";
import { AimStick, DEAD_ZONE_PX, MIN_FIRE_MS, MoveStick, STICK_RADIUS_PX, TAP_MS, knobOffset, stickDirection } from "../../game/input/twinStick.ts";

describe("stickDirection", () => {
  it("is at rest inside the dead zone", () => {
    expect(stickDirection(DEAD_ZONE_PX - 1, 0)).toEqual({ dx: 0, dy: 0 });
  });

  it("rounds to the nearest of eight directions", () => {
    expect(stickDirection(40, 0)).toEqual({ dx: 1, dy: 0 });
    expect(stickDirection(0, -40)).toEqual({ dx: 0, dy: -1 });
    expect(stickDirection(-30, 30)).toEqual({ dx: -1, dy: 1 });
    // 20° below the x axis is nearer east than south-east.
    expect(stickDirection(40 * Math.cos(0.35), 40 * Math.sin(0.35))).toEqual({ dx: 1, dy: 0 });
    // 30° is nearer south-east.
    expect(stickDirection(40 * Math.cos(0.52), 40 * Math.sin(0.52))).toEqual({ dx: 1, dy: 1 });
  });
});

describe("knobOffset", () => {
  it("follows the thumb inside the ring and stops at its edge", () => {
    expect(knobOffset(10, -5)).toEqual({ x: 10, y: -5 });
    const far = knobOffset(STICK_RADIUS_PX * 3, 0);
    expect(far).toEqual({ x: STICK_RADIUS_PX, y: 0 });
  });
});

describe("MoveStick", () => {
  it("points from where the thumb landed to where it is, and rests when lifted", () => {
    const s = new MoveStick();
    expect(s.direction()).toEqual({ dx: 0, dy: 0 });
    s.down({ x: 100, y: 600 });
    s.drag({ x: 100, y: 560 });
    expect(s.direction()).toEqual({ dx: 0, dy: -1 });
    s.up();
    expect(s.direction()).toEqual({ dx: 0, dy: 0 });
  });
});

describe("AimStick", () => {
  const player = { x: 200, y: 400 };

  it("fires while held, aiming at the touched point until dragged, then along the drag", () => {
    const s = new AimStick();
    expect(s.read(player, 0).fire).toBe(false);
    s.down({ x: 300, y: 400 }, 0);
    expect(s.read(player, 10)).toEqual({ aim: 0, fire: true });
    s.drag({ x: 300, y: 400 + DEAD_ZONE_PX + 10 });
    expect(s.read(player, 20)).toEqual({ aim: Math.PI / 2, fire: true });
    s.up(1000);
    expect(s.tapLatched).toBe(false);
    expect(s.read(player, 1001)).toEqual({ aim: Math.PI / 2, fire: false });
  });

  it("turns a tap shorter than a frame into one shot toward the tap", () => {
    const s = new AimStick();
    s.down({ x: 200, y: 300 }, 0);
    s.up(5); // lifted before any frame read it
    expect(s.tapLatched).toBe(true);
    const aimUp = -Math.PI / 2;
    expect(s.read(player, 16)).toEqual({ aim: aimUp, fire: true });
    expect(s.read(player, 16 + MIN_FIRE_MS - 1)).toEqual({ aim: aimUp, fire: true });
    // From MIN_FIRE_MS on the earlier reads have carried the shot.
    expect(s.read(player, 16 + MIN_FIRE_MS)).toEqual({ aim: aimUp, fire: false });
    expect(s.read(player, 17 + MIN_FIRE_MS)).toEqual({ aim: aimUp, fire: false });
  });

  it("does not fire again after a slow frame when the tap's shot went out while the thumb was down", () => {
    const s = new AimStick();
    s.down({ x: 200, y: 300 }, 0);
    expect(s.read(player, 10).fire, "held: fires").toBe(true);
    s.up(120);
    expect(s.tapLatched).toBe(true);
    // The next frame comes 300 ms later (more than a fire cooldown): a second shot would go out.
    expect(s.read(player, 420).fire).toBe(false);
  });

  it("does not latch a long press or a drag", () => {
    const s = new AimStick();
    s.down({ x: 300, y: 400 }, 0);
    s.up(TAP_MS + 1);
    expect(s.tapLatched).toBe(false);
    s.down({ x: 300, y: 400 }, 0);
    s.drag({ x: 300 + DEAD_ZONE_PX, y: 400 });
    s.up(10);
    expect(s.tapLatched).toBe(false);
  });
});

describe("mergeIntents", () => {
  const keys = { dx: 1, dy: 0, aim: 1, fire: false };

  it("keeps the keyboard and mouse when there is no touch", () => {
    expect(mergeIntents(keys, undefined, { dx: 0, dy: 0, aim: 0, fire: false })).toEqual(keys);
  });

  it("moves by the stick when it is held, by the keys otherwise, and aims by touch", () => {
    const touch = { dx: 0, dy: -1, aim: 2, fire: true };
    expect(mergeIntents(keys, touch, { dx: 0, dy: 0, aim: 0, fire: false })).toEqual({ dx: 0, dy: -1, aim: 2, fire: true });
    expect(mergeIntents(keys, { ...touch, dx: 0, dy: 0, fire: false }, { dx: 0, dy: 0, aim: 0, fire: false })).toEqual({ dx: 1, dy: 0, aim: 2, fire: false });
  });
});
