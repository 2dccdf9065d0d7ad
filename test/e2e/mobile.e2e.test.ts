/**
 * The game on a phone, in Chromium's mobile emulation (a 390×844 touch screen, `pointer:
 * coarse`), against the built server: a person taps through the menu, walks with the left
 * thumb, aims and fires with the right and hits someone, and plays a Connect Four move with a
 * tap, and the sound switch stays off after a reload. No keyboard or mouse: taps through Playwright, drags through CDP touch events
 * (helpers/touch.ts). The other side is a real @colyseus/sdk client standing still.
 */
import { writeFileSync } from "node:fs";
import { Client, type Room } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import type { TestView } from "../../game/testHooks.ts";
import { cameraZoom } from "../../shared/arena/interest.ts";
import { MAPS } from "../../shared/arena/maps.ts";
import { FIRE_COOLDOWN_TICKS, MAX_HP, PROJECTILE_DAMAGE, PROJECTILE_LIFETIME_TICKS } from "../../shared/arena/tuning.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import type { Connect4State } from "../../shared/connect4/schema.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol.ts";
import { RESULTS_DIR } from "./helpers/artifacts.ts";
import { PHONE } from "./helpers/chromium.ts";
import { self, SHOT_RULES, standStill, untilAimed, walk, walkIntoRange } from "./helpers/moves.ts";
import { expectNoPageErrors, type Player } from "./helpers/Player.ts";
import { serverPerFile } from "./helpers/suite.ts";
import { untilState } from "../helpers/testServer.ts";
import { AIM_FINGER, MOVE_FINGER, stickAim, stickWalk, Thumbs } from "./helpers/touch.ts";

/** A scenario takes 8–20 s on a two-core box (a phone-sized canvas, walking at 225 px/s); the rest is headroom. */
const SCENARIO_TIMEOUT_MS = 45_000;
/** This file's folder in test-results/e2e-failures/. */
const SUITE = "mobile";

/** The gaps between the page's next `count` animation frames, ms, sorted. */
async function frameTimes(p: Player, count: number): Promise<number[]> {
  return p.page.evaluate(
    (n) =>
      new Promise<number[]>((resolve) => {
        const gaps: number[] = [];
        let last: number | undefined;
        const frame = (t: number): void => {
          if (last !== undefined) gaps.push(t - last);
          last = t;
          if (gaps.length < n) requestAnimationFrame(frame);
          else resolve(gaps.sort((a, b) => a - b));
        };
        requestAnimationFrame(frame);
      }),
    count,
  );
}

/** The HUD elements that must all show, on screen and apart, on a phone. */
const HUD_PARTS = ["room-bar", "round-clock", "scoreboard", "chat"];

describe("the game on a phone's touch screen", { timeout: SCENARIO_TIMEOUT_MS }, () => {
  const file = serverPerFile(SUITE);

  async function phone(): Promise<Player> {
    return file.launch("Phone", PHONE);
  }

  /** An SDK client that joins a room and does nothing else: a target that stands still. */
  async function bot<S>(join: (c: Client) => Promise<Room<S>>): Promise<Room<S>> {
    const room = await join(new Client(file.app.url));
    file.afterEach(() => room.leave().then(() => undefined));
    room.onMessage("*", () => undefined); // it reads nothing it is sent
    return room;
  }

  /**
   * A phone taps `button` on the menu into an arena, calls `before` (e.g. to walk somewhere: a
   * player spawns far from the others), then an SDK target joins; resolves once the phone sees it.
   */
  async function phoneAndTarget(button: string, before?: (p: Player, thumbs: Thumbs, mapId: string) => Promise<void>): Promise<{ p: Player; mapId: string; target: Room<ArenaState>; thumbs: Thumbs }> {
    const p = await phone();
    await p.open(file.app.url);
    await p.page.getByRole("button", { name: button }).tap();
    await p.inArena();
    const { roomId, mapId } = await p.view();
    const thumbs = await Thumbs.on(p);
    await before?.(p, thumbs, mapId);
    const target = await bot<ArenaState>((c) => c.joinById(roomId, { name: "Target", protocol: PROTOCOL_VERSION }));
    await p.until((v, id) => v.players.some((q) => q.id === id && q.alive), target.sessionId, "the phone sees the target");
    return { p, mapId, target, thumbs };
  }

  it("joins with taps, walks with the left stick, and hits a player with the right", async () => {
    const { p, mapId, target, thumbs } = await phoneAndTarget("Quick play");
    await p.page.screenshot({ path: `${RESULTS_DIR}phone-arena.png` });

    // The left thumb pushes towards the middle of the map; the server moves the player that way.
    const map = MAPS[mapId]!;
    const start = await self(p);
    const right = start.x < map.width / 2;
    await thumbs.push(MOVE_FINGER, thumbs.leftStick, right ? 0 : Math.PI);
    try {
      await p.until(
        (v, s) => v.players.some((q) => q.id === v.sessionId && (s.right ? q.x - s.x : s.x - q.x) >= 30 && Math.abs(q.y - s.y) < 1),
        { x: start.x, y: start.y, right },
        "the server has the player 30 px along the stick",
      );
    } finally {
      await thumbs.lift(MOVE_FINGER);
    }
    await standStill(p);

    // Then walk (with the stick) to a clean shot, push the right stick at the target and hold.
    const targetAt = async () => (await p.view()).players.find((q) => q.id === target.sessionId)!;
    await walkIntoRange(p, map, await targetAt(), stickWalk(thumbs));
    await stickAim(p, thumbs, await targetAt());
    try {
      const hurt = (v: TestView, s: { id: string; max: number }) => v.players.some((q) => q.id === s.id && q.hp < s.max);
      await p.until(hurt, { id: target.sessionId, max: MAX_HP }, "the phone's screen shows the target hit");
      expect(target.state.players.get(target.sessionId)!.hp, "the target's own copy of its HP").toBeLessThan(MAX_HP);
      // Holding on: the target goes down, and the kill feed (not only the chat) says who got whom.
      await p.until((v, id) => v.players.some((q) => q.id === id && !q.alive), target.sessionId, "the target is knocked out");
    } finally {
      await thumbs.lift(AIM_FINGER);
    }
    const feed = p.page.getByRole("list", { name: "Kill feed" });
    await feed.getByText("Target").waitFor();
    expect(await feed.locator("li").first().textContent()).toBe("Phone ✕ Target");
    await p.page.screenshot({ path: `${RESULTS_DIR}phone-arena-hit.png` });
    // Information only, never asserted: headless Chromium draws WebGL in software (SwiftShader).
    const frames = await frameTimes(p, 120);
    writeFileSync(`${RESULTS_DIR}phone-frame-time.txt`, `phone arena, ${frames.length} frames: median ${frames[frames.length >> 1]!.toFixed(1)} ms, 95th percentile ${frames[Math.floor(frames.length * 0.95)]!.toFixed(1)} ms\n`);
    expectNoPageErrors(file.players);
  });

  it("fires once toward a single tap on the right half, and the server sees the hit", async () => {
    // A private room: no fill bots, so the only player who can hurt the target is the phone. The
    // phone first walks to the west side, so the target (spawned far from it) is east of it.
    // It walks with the keys (a phone may have a keyboard): what this scenario tests is the tap.
    const west = { x: 300, y: 420 };
    const { p, mapId, target, thumbs } = await phoneAndTarget("Create private room", (q, _t, map) => walkIntoRange(q, MAPS[map]!, west, walk, { minDistance: 0, maxDistance: 80 }));
    const targetAt = async () => (await p.view()).players.find((q) => q.id === target.sessionId)!;
    // Stand where the target is to the right (a tap on the right half fires from the player towards the tap).
    await walkIntoRange(p, MAPS[mapId]!, await targetAt(), walk, { ...SHOT_RULES, heading: "right" });

    // Where to tap: along the line from the player to the target, well inside the right half.
    const v = await p.view();
    const me = v.players.find((q) => q.id === v.sessionId)!;
    const to = await targetAt();
    const cam = v.camera!;
    const from = { x: (me.x - cam.x) * cam.zoom, y: (me.y - cam.y) * cam.zoom };
    const angle = Math.atan2(to.y - me.y, to.x - me.x);
    const half = thumbs.screen.width / 2;
    const reach = (Math.max(from.x, half) + 48 - from.x) / Math.cos(angle);
    const tap = { x: from.x + Math.cos(angle) * reach, y: from.y + Math.sin(angle) * reach };
    expect(tap.x, "the tap is on the right half").toBeGreaterThan(half);
    await thumbs.press(AIM_FINGER, tap);
    await thumbs.lift(AIM_FINGER);

    // The server turns the player to the tap and the shot lands: one shot's damage.
    await untilAimed(p, me, to);
    await untilState(target, () => target.state.players.get(target.sessionId)!.hp < MAX_HP);
    expect(target.state.players.get(target.sessionId)!.hp).toBe(MAX_HP - PROJECTILE_DAMAGE);
    // Once: when any second shot would have landed, there is still only the one hit.
    const hitTick = target.state.tick;
    await untilState(target, () => target.state.tick > hitTick + PROJECTILE_LIFETIME_TICKS + 2 * FIRE_COOLDOWN_TICKS, 400);
    expect(target.state.players.get(target.sessionId)!.hp, "a tap fires one shot").toBe(MAX_HP - PROJECTILE_DAMAGE);
    await p.page.screenshot({ path: `${RESULTS_DIR}phone-tap-fire.png` });
    expectNoPageErrors(file.players);
  });

  it("shows how to play once, then lays the HUD out on a phone upright and on its side: all on screen, nothing overlapping", async () => {
    const p = await phone();
    await p.open(file.app.url);
    // A first visit shows how to play, in its touch version; "Got it" puts it away for good.
    const card = p.page.getByRole("region", { name: "How to play" });
    await card.waitFor();
    expect(await card.getByRole("listitem").first().textContent()).toMatch(/left thumb/);
    await p.page.screenshot({ path: `${RESULTS_DIR}phone-menu.png` });
    await card.getByRole("button", { name: "Got it" }).tap();
    await card.waitFor({ state: "hidden" });
    await p.page.reload();
    await p.page.getByRole("button", { name: "How to play" }).waitFor();
    expect(await card.isVisible(), "the card stays away after a reload").toBe(false);
    await p.page.getByLabel("Your name").fill(p.name);
    // A private room: its room bar is the widest (the code and an invite button), and no one else is in it.
    await p.page.getByRole("button", { name: "Create private room" }).tap();
    await p.inArena();
    // The HUD's parts appear as the room's first messages and state arrive: a sync point, not a delay.
    await p.page.waitForFunction((ids: string[]) => ids.every((id) => document.getElementById(id)?.hidden === false), HUD_PARTS);
    for (const [label, size] of [["portrait", { width: 390, height: 844 }], ["landscape", { width: 844, height: 390 }], ["small", { width: 360, height: 640 }]] as const) {
      await p.page.setViewportSize(size);
      // Resized: the canvas follows on the next frames; wait until the camera has the new zoom.
      const zoom = cameraZoom(size.width, size.height);
      await p.until((v, z) => v.camera !== undefined && Math.abs(v.camera.zoom - z) < 1e-9, zoom, `the arena fits ${label}`);
      const boxes = await p.page.evaluate(
        (ids: string[]) => ids.map((id) => {
          const el = document.getElementById(id)!;
          const r = el.getBoundingClientRect();
          return { id, hidden: el.hidden, x: r.x, y: r.y, right: r.right, bottom: r.bottom };
        }),
        HUD_PARTS,
      );
      for (const b of boxes) {
        expect(b.hidden, `${label}: #${b.id} shows`).toBe(false);
        expect([b.x >= 0, b.y >= 0, b.right <= size.width, b.bottom <= size.height], `${label}: #${b.id} is on screen`).toEqual([true, true, true, true]);
      }
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const overlap = a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom;
          expect(overlap, `${label}: #${a.id} and #${b.id} overlap`).toBe(false);
        }
      }
      await p.page.screenshot({ path: `${RESULTS_DIR}phone-arena-${label}.png` });
    }
    expectNoPageErrors(file.players);
  });

  it("plays a Connect Four move with a tap on a column", async () => {
    const p = await phone();
    await p.open(file.app.url);
    await p.page.getByLabel("Game", { exact: true }).selectOption({ label: "Connect Four" });
    await p.page.getByRole("button", { name: "Quick play" }).tap();
    await p.untilBoard((v) => v.ready && v.players.length === 1, undefined, "the phone is seated alone");
    const { roomId, sessionId } = await p.board();
    const other = await bot<Connect4State>((c) => c.joinById(roomId, { name: "Other", protocol: PROTOCOL_VERSION }));
    // The first seated plays red and moves first: the phone.
    await p.untilBoard((v, id) => v.status === "playing" && v.players.find((q) => q.id === id)?.colour === v.turn, sessionId, "the phone has the first move");

    // The board is centred on the canvas: a tap at its centre is in the middle column.
    const size = p.page.viewportSize()!;
    await p.page.touchscreen.tap(size.width / 2, size.height / 2);
    await p.untilBoard((v) => v.board.some((c) => c !== 0), undefined, "the phone sees its disc");
    const board = (await p.board()).board;
    expect(board.findIndex((c) => c !== 0), "one disc, at the bottom of the middle column").toBe(5 * 7 + 3);
    expect(board.filter((c) => c !== 0)).toHaveLength(1);
    expect([...(other.state.board ?? [])][5 * 7 + 3], "the other player's copy of the board").not.toBe(0);
    await p.page.screenshot({ path: `${RESULTS_DIR}phone-connect4.png` });
    await p.page.setViewportSize({ width: 844, height: 390 });
    await p.page.screenshot({ path: `${RESULTS_DIR}phone-connect4-landscape.png` });
    await p.page.setViewportSize(PHONE.viewport!);

    // The sound switch is remembered: muted, then a reload back into the same seat, still muted.
    const mute = p.page.getByRole("button", { name: "Mute sound" });
    expect(await mute.getAttribute("aria-pressed")).toBe("false");
    await mute.tap();
    expect(await mute.getAttribute("aria-pressed")).toBe("true");
    await p.page.reload();
    await p.untilBoard((v, id) => v.ready && v.sessionId === id, sessionId, "the phone is back in its seat");
    expect(await mute.getAttribute("aria-pressed")).toBe("true");
    expectNoPageErrors(file.players);
  });
});
