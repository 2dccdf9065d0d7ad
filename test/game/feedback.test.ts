/** Event → feedback logic (game/fx): hit flashes and knockback, damage numbers, the kill feed, countdowns, cues. Pure, no DOM. */
import { describe, expect, it } from "vitest";
import { GameFeedback, GO_MS, RESPAWN_MS, type Cue, type SeenPlayer } from "../../game/fx/GameFeedback.ts";
import { FLASH_MS, HitEffects, KNOCK_MS, KNOCK_PX, MAX_NUMBERS, NUMBER_MS } from "../../game/fx/HitEffects.ts";
import { FEED_LENGTH, FEED_MS, KillFeed } from "../../game/fx/KillFeed.ts";
import { bestPlayer, countdown, ranking } from "../../game/fx/roundSummary.ts";

function world(players: Record<string, SeenPlayer>) {
  return { sessionId: "me", player: (id: string) => players[id] };
}
const at = (name: string, x: number, y: number, alive = true): SeenPlayer => ({ name, alive, x, y });

describe("HitEffects", () => {
  it("flashes the victim at full strength, fading to nothing", () => {
    const fx = new HitEffects();
    fx.hit("v", 25, 0, 1000);
    expect(fx.flash("v", 1000)).toBe(1);
    expect(fx.flash("v", 1000 + FLASH_MS / 2)).toBeCloseTo(0.5);
    expect(fx.flash("v", 1000 + FLASH_MS)).toBe(0);
    expect(fx.flash("other", 1000)).toBe(0);
  });

  it("nudges the victim along the shot and back", () => {
    const fx = new HitEffects();
    fx.hit("v", 25, Math.PI / 2, 0);
    const out = { x: 0, y: 0 };
    expect(fx.knock("v", 0, out).y).toBeCloseTo(KNOCK_PX);
    expect(fx.knock("v", 0, out).x).toBeCloseTo(0);
    expect(fx.knock("v", KNOCK_MS / 2, out).y).toBeCloseTo(KNOCK_PX / 4);
    expect(fx.knock("v", KNOCK_MS, out)).toEqual({ x: 0, y: 0 });
  });

  it("with reduced motion, no knockback and a softer flash", () => {
    const fx = new HitEffects(() => true);
    fx.hit("v", 25, 0, 0);
    expect(fx.knock("v", 0, { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
    expect(fx.flash("v", 0)).toBeLessThan(0.5);
  });

  it("floats damage numbers up for a while, keeping at most MAX_NUMBERS", () => {
    const fx = new HitEffects();
    for (let i = 0; i < MAX_NUMBERS + 2; i++) fx.hit("v", i, 0, i);
    const seen: Array<[number, number, number]> = [];
    fx.floating(MAX_NUMBERS + 2, (n, rise, alpha, slot) => seen.push([n.damage, slot, alpha]));
    expect(seen.map((s) => s[0])).toEqual(Array.from({ length: MAX_NUMBERS }, (_, i) => i + 2));
    expect(seen.map((s) => s[1])).toEqual(Array.from({ length: MAX_NUMBERS }, (_, i) => i));
    let left = 0;
    fx.floating(MAX_NUMBERS + 2 + NUMBER_MS, () => left++);
    expect(left).toBe(0);
  });
});

describe("KillFeed", () => {
  it("lists the newest kills first, at most FEED_LENGTH, each for FEED_MS", () => {
    const feed = new KillFeed();
    for (let i = 0; i < FEED_LENGTH + 1; i++) feed.add(`k${i}`, `v${i}`, false, i * 1000);
    const shown = feed.current(FEED_LENGTH * 1000);
    expect(shown.map((e) => e.killer)).toEqual(Array.from({ length: FEED_LENGTH }, (_, i) => `k${FEED_LENGTH - i}`));
    expect(feed.current(1000 + FEED_MS).map((e) => e.killer)).toEqual(["k5", "k4", "k3", "k2"]);
  });
});

describe("GameFeedback", () => {
  it("a hit flashes the victim, pushes it away from the shooter and cues a sound by who was involved", () => {
    const cues: Cue[] = [];
    const fb = new GameFeedback(world({ me: at("Me", 0, 0), foe: at("Foe", 100, 0) }), (c) => cues.push(c));
    fb.onEvent({ type: "hit", shooter: "me", victim: "foe", damage: 25 }, 0);
    expect(fb.hits.flash("foe", 0)).toBe(1);
    expect(fb.hits.knock("foe", 0, { x: 0, y: 0 }).x).toBeCloseTo(KNOCK_PX);
    fb.onEvent({ type: "hit", shooter: "foe", victim: "me", damage: 25 }, 10);
    expect(fb.hits.knock("me", 10, { x: 0, y: 0 }).x).toBeCloseTo(-KNOCK_PX);
    expect(cues).toEqual(["hit", "hurt"]);
  });

  it("a kill goes to the feed by name; the local player's death counts down to the respawn", () => {
    const players = { me: at("Me", 0, 0), foe: at("Foe", 100, 0) };
    const cues: Cue[] = [];
    const fb = new GameFeedback(world(players), (c) => cues.push(c));
    fb.frame(0);
    fb.onEvent({ type: "kill", killer: "foe", victim: "me" }, 100);
    players.me.alive = false;
    fb.frame(120);
    expect(fb.feed.current(120)).toMatchObject([{ killer: "Foe", victim: "Me", mine: true }]);
    expect(fb.respawnIn(100)).toBe(Math.ceil(RESPAWN_MS / 1000));
    expect(fb.respawnIn(100 + RESPAWN_MS - 1)).toBe(1);
    players.me.alive = true;
    fb.frame(100 + RESPAWN_MS);
    expect(fb.respawnIn(100 + RESPAWN_MS)).toBeUndefined();
    expect(cues).toEqual(["death", "respawn"]);
  });

  it("shows 'go' for a moment after a round starts, and cues round start and end", () => {
    const cues: Cue[] = [];
    const fb = new GameFeedback(world({}), (c) => cues.push(c));
    fb.onEvent({ type: "round_start", round: 2 }, 0);
    expect(fb.goShowing(GO_MS - 1)).toBe(2);
    expect(fb.goShowing(GO_MS)).toBeUndefined();
    fb.onEvent({ type: "round_end", round: 2 }, 5);
    expect(fb.goShowing(6)).toBeUndefined();
    expect(cues).toEqual(["round_start", "round_end"]);
  });

  it("cues a shot once for each new projectile of the local player", () => {
    const cues: Cue[] = [];
    const fb = new GameFeedback(world({}), (c) => cues.push(c));
    fb.seeShot("p1", "me");
    fb.seeShot("p2", "foe");
    fb.endShots();
    fb.seeShot("p1", "me");
    fb.seeShot("p3", "me");
    fb.endShots();
    expect(cues).toEqual(["shot", "shot"]);
  });
});

describe("roundSummary", () => {
  const p = (name: string, score: number, deaths: number) => ({ name, score, deaths });

  it("ranks by kills, then fewer deaths, then name; the best player is the top scorer", () => {
    const players = [p("b", 2, 3), p("a", 2, 1), p("c", 5, 9), p("d", 2, 1)];
    expect(ranking(players).map((x) => x.name)).toEqual(["c", "a", "d", "b"]);
    expect(bestPlayer(players)?.name).toBe("c");
    expect(bestPlayer([p("a", 0, 0)])).toBeUndefined();
  });

  it("counts down the last three seconds", () => {
    expect([5, 4, 3, 2, 1, 0].map((s) => countdown(s))).toEqual([undefined, undefined, 3, 2, 1, undefined]);
  });
});
