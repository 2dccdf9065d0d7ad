/**
 * Ways into a room, in a real Chromium against the built server: a private room joined by
 * its code and by its invite link and kept out of the room list, a reload that comes back to
 * the same seat, and a Connect Four move the other player sees. People act with the keyboard
 * and mouse only, reading what the page shows; the game is read through window.__skirmish
 * (read-only copies of state).
 *
 * One server for the file: each scenario keeps to rooms of its own (private rooms, which no
 * one else can reach, and the file's only Connect Four games). Each player is a fresh browser
 * with a fresh profile, per scenario.
 */
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Connect4View, TestView } from "../../game/testHooks.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol.ts";
import { buildClient, logLine, startApp, type App } from "./helpers/app.ts";
import { clearFailures, saveFailure } from "./helpers/artifacts.ts";
import { findChromium } from "./helpers/chromium.ts";
import { expectNoPageErrors, Player } from "./helpers/Player.ts";

/** A scenario takes 5–15 s on a two-core box, much of it starting browsers; the rest is headroom. */
const SCENARIO_TIMEOUT_MS = 30_000;
/** This file's folder in test-results/e2e-failures/. */
const SUITE = "rooms";
/** A disc as `rows` writes it, by colour (1 red, 2 yellow). */
const DISC: Record<number, string> = { 0: ".", 1: "R", 2: "Y" };
/** The top five rows of a board with discs in the bottom row only. */
const EMPTY_ROWS = Array<string>(5).fill(".......");

/** A Connect Four board as six rows of text, top first, so that a failed comparison reads like the board. */
function rows(board: readonly number[]): string[] {
  return Array.from({ length: 6 }, (_, r) => board.slice(r * 7, r * 7 + 7).map((c) => DISC[c] ?? "?").join(""));
}

/** What the room bar shows in a private room. */
const ROOM_CODE_TEXT = /^Room code: ([A-Z0-9]{5})$/;

describe("rooms in a real Chromium", { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let app: App;
  let players: Player[] = [];

  beforeAll(async () => {
    clearFailures(SUITE);
    // Built before the server starts: it serves dist/client only if it exists at start.
    await buildClient();
    app = await startApp();
  }, 60_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await saveFailure(SUITE, task.name, players, app);
    await Promise.all(players.map((p) => p.close()));
    players = [];
  }, 30_000);

  afterAll(async () => {
    await app?.stop();
  });

  /** One fresh browser per name, started side by side. */
  async function launch(...names: string[]): Promise<Player[]> {
    // Here rather than in beforeAll, so that without Chromium each scenario fails saying how to install it.
    const chromium = findChromium();
    const launched = await Promise.allSettled(names.map((n) => Player.launch(n, chromium)));
    for (const r of launched) if (r.status === "fulfilled") players.push(r.value);
    for (const r of launched) if (r.status === "rejected") throw r.reason;
    return players.slice(-names.length);
  }

  /** Press "Create private room"; resolves with the room's code, read off the room bar as a person would. */
  async function createPrivateRoom(p: Player): Promise<string> {
    await p.open(app.url);
    await p.page.getByRole("button", { name: "Create private room" }).click();
    await p.inArena();
    const label = p.page.getByRole("navigation", { name: "Room" }).getByText(ROOM_CODE_TEXT);
    const text = (await label.textContent()) ?? "";
    const code = ROOM_CODE_TEXT.exec(text.trim())?.[1];
    if (!code) throw new Error(`the room bar shows no room code: ${JSON.stringify(text)}`);
    return code;
  }

  /** On the open menu, type the code under "Room code" and press "Join with code". */
  async function joinWithCode(p: Player, code: string): Promise<void> {
    await p.page.getByLabel("Room code", { exact: true }).fill(code);
    await p.page.getByRole("button", { name: "Join with code" }).click();
    await p.inArena();
  }

  /** Every one of `group` is in room `roomId` (seated there by this server) with all the others, and no one else. */
  async function inOneRoom(group: readonly Player[], roomId: string): Promise<void> {
    const views = await Promise.all(group.map((p) => p.view()));
    const ids = views.map((v) => v.sessionId).sort();
    for (const [i, p] of group.entries()) {
      expect(views[i]!.roomId, `${p.name}'s room`).toBe(roomId);
      await p.until((v, all) => all.every((id) => v.players.some((q) => q.id === id)), ids, `${p.name} sees ${group.map((q) => q.name).join(", ")}`);
      expect((await p.view()).players.map((q) => q.id).sort(), `who ${p.name} sees`).toEqual(ids);
    }
    await Promise.all(ids.map((id) => app.logged(logLine("seat taken", { room: roomId, session: id }))));
  }

  it("a private room is joined by code and by invite link, and is not in the room list", async () => {
    const [alice, bob, carol, dave] = (await launch("Alice", "Bob", "Carol", "Dave")) as [Player, Player, Player, Player];
    // The others open the menu while Alice creates her room.
    const [code] = await Promise.all([createPrivateRoom(alice), bob.open(app.url), carol.open(app.url)]);
    const { roomId } = await alice.view();

    await joinWithCode(bob, code);
    await inOneRoom([alice, bob], roomId);

    // A public room Carol must see, so that an empty list cannot pass for a working one.
    let open: Room | undefined;
    try {
      open = await new Client(app.url).create("arena", { name: "Lister", protocol: PROTOCOL_VERSION });
      await carol.page.getByRole("button", { name: "Browse rooms" }).click();
      const list = carol.page.getByRole("region", { name: "Open rooms" });
      await list.locator(`tbody tr[data-room-id="${open.roomId}"]`).waitFor();
      const listed = await list.locator("tbody tr").evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.roomId));
      expect(listed).toContain(open.roomId);
      expect(listed, "the private room is not listed").not.toContain(roomId);
    } finally {
      await open?.leave().catch(() => undefined);
    }

    await dave.open(`${app.url}/?room=${code}`);
    await dave.page.getByRole("button", { name: `Join room ${code}`, exact: true }).click();
    await dave.inArena();
    await inOneRoom([alice, bob, dave], roomId);

    expectNoPageErrors(players);
  });

  it("a reload comes back to the same seat, and the others never see the player leave", async () => {
    const [alice, bob] = (await launch("Alice", "Bob")) as [Player, Player];
    const [code] = await Promise.all([createPrivateRoom(alice), bob.open(app.url)]);
    await joinWithCode(bob, code);
    const { roomId, sessionId: aliceId } = await alice.view();
    await inOneRoom([alice, bob], roomId);
    const before = await bob.view();

    // From here on, on every frame of Bob's screen: is Alice in his room, and is she shown away?
    const present = await bob.watch((v, id) => v.players.some((p) => p.id === id), aliceId);
    const away = await bob.watch((v, id) => v.players.some((p) => p.id === id && !p.connected), aliceId);
    await alice.page.reload();
    await alice.until((v, id) => v.sessionId === id && v.players.some((p) => p.id === id), aliceId, "Alice is back in her seat");
    await bob.until((v, id) => v.players.some((p) => p.id === id && p.connected), aliceId, "Bob sees Alice back");

    // Her seat as she sees it and as Bob sees it: what Bob saw before the reload.
    const seat = (v: TestView) => {
      const p = v.players.find((q) => q.id === aliceId);
      return p && { name: p.name, score: p.score, hp: p.hp };
    };
    expect(seat(before)?.name).toBe("Alice");
    const after = await alice.view();
    expect(after.roomId).toBe(roomId);
    expect(seat(after), "Alice's seat on her screen").toEqual(seat(before));
    expect(seat(await bob.view()), "Alice's seat on Bob's screen").toEqual(seat(before));
    const [seen, seenAway] = [await present(), await away()];
    expect(seen.frames, "Bob's screen ran while Alice reloaded").toBeGreaterThan(0);
    expect(seen.held, "frames in which Bob's room had Alice").toBe(seen.frames);
    // The reload really dropped her connection: Bob saw her away, and the server held her seat.
    expect(seenAway.held, "frames in which Bob saw Alice away").toBeGreaterThan(0);
    await app.logged(logLine("seat held", { room: roomId, session: aliceId }));
    await app.logged(logLine("seat reclaimed", { room: roomId, session: aliceId }));

    expectNoPageErrors(players);
  });

  it("two Connect Four players land in one room, and each sees the other's disc", async () => {
    const [alice, bob] = (await launch("Alice", "Bob")) as [Player, Player];
    await Promise.all(
      [alice, bob].map(async (p) => {
        await p.open(app.url);
        await p.page.getByLabel("Game", { exact: true }).selectOption({ label: "Connect Four" });
        await p.page.getByRole("button", { name: "Quick play" }).click();
      }),
    );
    for (const p of [alice, bob]) {
      await p.untilBoard((v) => v.ready && v.status === "playing" && v.players.length === 2, undefined, `${p.name}'s game has started`);
    }
    const [a, b] = [await alice.board(), await bob.board()];
    expect(b.roomId).toBe(a.roomId);
    expect(a.players.map((p) => p.id).sort()).toEqual([a.sessionId, b.sessionId].sort());
    await Promise.all([a, b].map((v) => app.logged(logLine("seat taken", { room: v.roomId, session: v.sessionId, role: "player" }))));

    // Who joined first plays red and moves first.
    const colourOf = (v: Connect4View) => v.players.find((p) => p.id === v.sessionId)!.colour;
    const [aColour, bColour] = [colourOf(a), colourOf(b)];
    expect([aColour, bColour].sort()).toEqual([1, 2]);
    const [first, firstColour, second, secondColour] = aColour === a.turn ? [alice, aColour, bob, bColour] : [bob, bColour, alice, aColour];

    // The board is centred on the canvas, so a click at the canvas's centre is in its middle column.
    const [firstDisc, secondDisc] = [DISC[firstColour], DISC[secondColour]];
    await first.page.locator("#game canvas").click();
    await second.untilBoard((v, turn) => v.turn === turn && v.board.some((c) => c !== 0), secondColour, `${second.name} sees a disc and has the move`);
    expect(rows((await second.board()).board)).toEqual([...EMPTY_ROWS, `...${firstDisc}...`]);

    // Keys 1–7 play a column too: 1 is the leftmost.
    await second.page.keyboard.press("1");
    await first.untilBoard((v) => v.board.filter((c) => c !== 0).length === 2, undefined, `${first.name} sees the second disc`);
    expect(rows((await first.board()).board)).toEqual([...EMPTY_ROWS, `${secondDisc}..${firstDisc}...`]);

    expectNoPageErrors(players);
  });
});
