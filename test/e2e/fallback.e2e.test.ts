/**
 * The HTTP fallback in a real Chromium against the built server: a page whose WebSocket was
 * deleted by an init script (as on a browser or network where it cannot be used) plays with a
 * page on WebSocket. Connect Four to the end and a chat both ways; then an arena round: the
 * fallback player moves, fires, is dropped (the browser goes offline) and comes back to the
 * same seat. Behind a proxy that swallows WebSocket upgrades, a page with WebSocket gets in
 * through the fallback once the WebSocket has not opened in time.
 */
import { describe, expect, it } from "vitest";
import type { Connect4View, TestView } from "../../game/testHooks.ts";
import { MAPS } from "../../shared/arena/maps.ts";
import { MAX_HP } from "../../shared/arena/tuning.ts";
import { logLine } from "./helpers/app.ts";
import { aimAt, walkIntoRange } from "./helpers/moves.ts";
import { expectNoPageErrors, type Player } from "./helpers/Player.ts";
import { serverPerFile } from "./helpers/suite.ts";
import { startUpgradeRefusingProxy } from "../helpers/upgradeRefusingProxy.ts";

const SCENARIO_TIMEOUT_MS = 60_000;

/** Before any script of the page runs: the page has no WebSocket at all. */
async function withoutWebSocket(p: Player): Promise<void> {
  await p.page.context().addInitScript(() => {
    delete (window as { WebSocket?: unknown }).WebSocket;
  });
}

/** Which transport the page fell back to (ConnectionChoice remembers it in sessionStorage). */
const transportOf = (p: Player) => p.page.evaluate(() => sessionStorage.getItem("skirmish.transport"));

async function chat(from: Player, to: Player, text: string): Promise<void> {
  const box = from.page.getByRole("region", { name: "Chat", exact: true }).getByLabel("Chat message");
  await box.fill(text);
  await box.press("Enter");
  await to.page.getByRole("region", { name: "Chat", exact: true }).getByRole("log").getByText(text).waitFor();
}

describe("the HTTP fallback in a real Chromium", { timeout: SCENARIO_TIMEOUT_MS }, () => {
  const file = serverPerFile("fallback");

  it("a WebSocket player and a fallback player play Connect Four to the end and chat", async () => {
    const [alice, bob] = await Promise.all([file.launch("Alice"), file.launch("Bob")]);
    await withoutWebSocket(bob);
    await Promise.all(
      [alice, bob].map(async (p) => {
        await p.open(file.app.url);
        await p.page.getByLabel("Game", { exact: true }).selectOption({ label: "Connect Four" });
        await p.page.getByRole("button", { name: "Quick play" }).click();
      }),
    );
    for (const p of [alice, bob]) await p.untilBoard((v) => v.ready && v.status === "playing" && v.players.length === 2, undefined, `${p.name}'s game has started`);
    expect(await bob.page.evaluate(() => typeof WebSocket)).toBe("undefined");
    expect(await transportOf(bob)).toBe("fallback");
    expect(await transportOf(alice)).toBe(null);
    const [a, b] = [await alice.board(), await bob.board()];
    expect(b.roomId).toBe(a.roomId);

    // Whoever moves first drops four in column 4; the other three in column 1: a vertical win.
    const colourOf = (v: Connect4View) => v.players.find((p) => p.id === v.sessionId)!.colour;
    const [first, second] = colourOf(a) === a.turn ? [alice, bob] : [bob, alice];
    for (let move = 0; move < 7; move++) {
      const mover = move % 2 === 0 ? first : second;
      await mover.untilBoard((v, n) => v.board.filter((c) => c !== 0).length === n && v.turn === v.players.find((p) => p.id === v.sessionId)!.colour, move, `${mover.name} has move ${move + 1}`);
      await mover.page.keyboard.press(move % 2 === 0 ? "4" : "1");
      for (const p of [alice, bob]) await p.untilBoard((v, n) => v.board.filter((c) => c !== 0).length === n, move + 1, `${p.name} sees disc ${move + 1}`);
    }
    for (const p of [alice, bob]) await p.untilBoard((v) => v.status === "over", undefined, `${p.name} sees the game end`);

    await chat(bob, alice, "hello over plain HTTP");
    await chat(alice, bob, "loud and clear");
    expectNoPageErrors([alice, bob]);
  });

  it("a fallback player moves and fires in the arena, is dropped, and comes back to the same seat", async () => {
    const [alice, bob] = await Promise.all([file.launch("Alice"), file.launch("Bob")]);
    await withoutWebSocket(bob);
    await Promise.all([alice.quickPlay(file.app.url), bob.quickPlay(file.app.url)]);
    const [aId, bId] = [(await alice.view()).sessionId, (await bob.view()).sessionId];
    await alice.until((v, id) => v.players.some((p) => p.id === id), bId, "Alice sees Bob");
    await bob.until((v, id) => v.players.some((p) => p.id === id), aId, "Bob sees Alice");
    expect(await transportOf(bob)).toBe("fallback");

    // Bob (on the fallback) walks into range of Alice and fires: Alice's HP drops on both screens.
    const map = MAPS[(await bob.view()).mapId]!;
    const aliceOn = async (p: Player) => (await p.view()).players.find((q) => q.id === aId)!;
    await walkIntoRange(bob, map, await aliceOn(bob));
    await aimAt(bob, await aliceOn(bob));
    await bob.page.mouse.down();
    try {
      const hurt = (v: TestView, s: { id: string; max: number }) => v.players.some((p) => p.id === s.id && p.hp < s.max);
      await Promise.all([alice.until(hurt, { id: aId, max: MAX_HP }, "Alice sees herself hit"), bob.until(hurt, { id: aId, max: MAX_HP }, "Bob sees Alice hit")]);
    } finally {
      await bob.page.mouse.up();
    }

    // The network goes away under Bob, then comes back: the server holds his seat and he takes it again.
    const roomId = (await bob.view()).roomId;
    await bob.page.context().setOffline(true);
    // The server hears of it when the streamed response closes, or after 5 s with no stream or poll.
    await file.app.logged(logLine("seat held", { room: roomId, session: bId }), 15_000);
    await alice.until((v, id) => v.players.some((p) => p.id === id && !p.connected), bId, "Alice sees Bob away");
    await bob.page.context().setOffline(false);
    await file.app.logged(logLine("seat reclaimed", { room: roomId, session: bId }), 15_000);
    await alice.until((v, id) => v.players.some((p) => p.id === id && p.connected), bId, "Alice sees Bob back");
    await bob.until((v, s) => v.sessionId === s.id && v.roomId === s.room && v.players.some((p) => p.id === s.id), { id: bId, room: roomId }, "Bob is back in his seat");
    expect(await transportOf(bob)).toBe("fallback");
  });

  it("behind a proxy that never answers a WebSocket upgrade, the page gets in through the fallback after the timeout", async () => {
    const proxy = await startUpgradeRefusingProxy(Number(new URL(file.app.url).port));
    file.afterEach(() => proxy.close());
    const carol = await file.launch("Carol");
    await carol.quickPlay(proxy.url);
    expect(proxy.upgradesHeld).toBeGreaterThan(0);
    expect(await transportOf(carol)).toBe("fallback");
    // Remembered: the next connection (here, back to the menu and into Connect Four) goes straight to the fallback.
    const held = proxy.upgradesHeld;
    await carol.page.getByRole("button", { name: "Leave" }).click();
    await carol.page.getByLabel("Game", { exact: true }).selectOption({ label: "Connect Four" });
    await carol.page.getByRole("button", { name: "Quick play" }).click();
    await carol.untilBoard((v) => v.ready, undefined, "Carol is in a Connect Four room");
    expect(proxy.upgradesHeld).toBe(held);
  });
});
