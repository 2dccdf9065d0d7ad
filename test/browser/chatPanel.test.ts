/**
 * The chat panel in real Chromium against a real server: keys typed into it stay out of the
 * game, what players send is shown as text, and the panel's controls work. And, sharing the
 * built client and browser, the scoreboard's tag on the server's fill bots.
 */
import type { Room } from "@colyseus/sdk";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestView } from "../../game/testHooks.ts";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { startBrowserRig, type BrowserRig } from "../helpers/browser.ts";
import { join, leaveAll, type Member } from "../helpers/chatMembers.ts";
import { startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
let rig: BrowserRig<TestServer>;
const opened: Room[] = [];
const pages: Page[] = [];

/**
 * Public arenas keep this many players with bots. The chat scenes play in private rooms,
 * which get none; Quick play lands in a public one. Four, so a bot remains even beside a
 * closed page's seat still held from an earlier scene.
 */
const MIN_PLAYERS = 4;

// Building the client and starting Chromium take a while, more so on a busy machine.
beforeAll(async () => {
  // The page is served from another port: the server allows that origin, as `npm run dev` does.
  rig = await startBrowserRig((pageOrigin) => startTestServer({ ARENA_MIN_PLAYERS: String(MIN_PLAYERS), ALLOWED_ORIGINS: pageOrigin }));
  server = rig.server;
}, 120_000);
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.context().close()));
  await leaveAll(opened);
});
afterAll(async () => {
  await rig?.close();
  await server?.stop();
});

/** Alice plays in the browser, bob through the SDK in the same room; alice stands in open floor. */
async function scene(): Promise<{ page: Page; bob: Member; alice: string; dialogs: string[] }> {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  pages.push(page);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(rig.pageUrl);
  await page.fill("#name", "alice");
  // A private room per scene: a closed page's seat is held for a while, so quick play could
  // land the next scene in the last one's room.
  await page.getByRole("button", { name: "Create private room" }).click();
  await page.waitForFunction(() => (window.__skirmish?.view()?.players.length ?? 0) >= 1);
  const view = (await page.evaluate(() => window.__skirmish!.view()))!;
  const bob = await join(server, "bob", { roomId: view.roomId }, opened);
  const world = server.serverRoom<ArenaRoom>(view.roomId).game.world;
  Object.assign(world.players.get(view.sessionId)!, { x: 300, y: 600 });
  await page.locator(".chat-log li.system", { hasText: "bob joined" }).waitFor();
  return { page, bob, alice: view.sessionId, dialogs };
}

const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? null);
const positionOf = (bob: Member, id: string) => (bob.room as Room<ArenaState>).state.players.get(id)!;

describe("chat panel", { timeout: 60_000 }, () => {
  it("opens with Enter, takes 'wasd ' as text without moving the ship, sends with Enter, and shows markup as text", async () => {
    const { page, bob, alice, dialogs } = await scene();
    await untilState(bob.room, () => positionOf(bob, alice).x === 300 && positionOf(bob, alice).y === 600);
    await page.keyboard.press("Enter");
    expect(await focusedLabel(page)).toBe("Chat message");
    await page.keyboard.type("wasd ");
    expect(await page.inputValue('input[aria-label="Chat message"]')).toBe("wasd ");
    await page.keyboard.type("<img src=x onerror=alert(1)>");
    await page.keyboard.press("Enter");
    const sent = "wasd <img src=x onerror=alert(1)>";
    expect((await bob.heard(sent)).name).toBe("alice");
    await page.locator(".chat-log li.player .chat-text", { hasText: sent }).waitFor();
    expect(await page.locator(".chat-log img").count()).toBe(0);
    expect(await focusedLabel(page)).not.toBe("Chat message");
    // Half a second of ticks later the ship has not moved: the keys went to the text box.
    const tick = bob.room.state.tick as number;
    await untilState(bob.room, () => bob.room.state.tick > tick + 30);
    expect(positionOf(bob, alice)).toMatchObject({ x: 300, y: 600 });
    expect(dialogs).toEqual([]);
  });

  it("leaves the box with Escape, and then the keys move the ship again", async () => {
    const { page, bob, alice } = await scene();
    await page.keyboard.press("Enter");
    await page.keyboard.type("d");
    await page.keyboard.press("Escape");
    expect(await focusedLabel(page)).not.toBe("Chat message");
    expect(await page.inputValue('input[aria-label="Chat message"]')).toBe("d");
    await page.keyboard.down("d");
    await untilState(bob.room, () => positionOf(bob, alice).x > 340);
    await page.keyboard.up("d");
  });

  it("styles system lines apart, counts unread lines while collapsed, and mutes a player for this screen", async () => {
    const { page, bob } = await scene();
    expect(await page.locator(".chat-log li.system", { hasText: "bob joined" }).count()).toBe(1);

    await page.click(".chat-toggle");
    bob.say("psst");
    await page.locator(".chat-unread", { hasText: "1" }).waitFor();
    await page.click(".chat-toggle");
    await page.locator(".chat-unread").waitFor({ state: "hidden" });
    await page.locator(".chat-log li.player", { hasText: "psst" }).waitFor();

    await page.click('button[aria-label="Mute bob for me"]');
    await page.locator(".chat-log li.player", { hasText: "psst" }).waitFor({ state: "detached" });
    bob.say("you cannot see me");
    await bob.heard("you cannot see me");
    await page.keyboard.press("Enter");
    await page.keyboard.type("anyone?");
    await page.keyboard.press("Enter");
    // Lines arrive in id order: once alice's later line shows, bob's earlier one was received and hidden.
    await page.locator(".chat-log li.player", { hasText: "anyone?" }).waitFor();
    expect(await page.locator(".chat-log li", { hasText: "you cannot see me" }).count()).toBe(0);
  });

  it("appends a new line and removes muted ones without rebuilding the list: the lines already shown stay the same nodes", async () => {
    const { page, bob } = await scene();
    bob.say("first");
    await page.locator(".chat-log li.player", { hasText: "first" }).waitFor();
    // Tag every node now in the log; a rebuilt list would have none of the tags.
    const before = await page.evaluate(() => {
      const items = Array.from(document.querySelectorAll<HTMLElement>(".chat-log li"));
      items.forEach((li, i) => ((li as unknown as { kept: number }).kept = i));
      return items.map((li) => li.textContent);
    });
    // Watch the log region: exactly one node is added for the one new line, none removed.
    await page.evaluate(() => {
      const log = document.querySelector(".chat-log")!;
      const seen = ((window as unknown as { chatMutations: { added: number; removed: number } }).chatMutations = { added: 0, removed: 0 });
      new MutationObserver((records) => {
        for (const r of records) {
          seen.added += r.addedNodes.length;
          seen.removed += r.removedNodes.length;
        }
      }).observe(log, { childList: true, subtree: true });
    });
    bob.say("second");
    await page.locator(".chat-log li.player", { hasText: "second" }).waitFor();
    const after = await page.evaluate(() => {
      const items = Array.from(document.querySelectorAll<HTMLElement>(".chat-log li"));
      return { kept: items.map((li) => (li as unknown as { kept?: number }).kept ?? null), mutations: (window as unknown as { chatMutations: unknown }).chatMutations };
    });
    expect(after.kept).toEqual([...before.map((_, i) => i), null]);
    expect(after.mutations).toEqual({ added: 1, removed: 0 });

    // Muting bob removes his lines and keeps the system lines as they were.
    await page.locator('button[aria-label="Mute bob for me"]').first().click();
    await page.locator(".chat-log li.player", { hasText: "first" }).waitFor({ state: "detached" });
    const muted = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>(".chat-log li")).map((li) => (li as unknown as { kept?: number }).kept ?? null));
    expect(muted).toEqual(before.map((t, i) => (t?.includes("first") ? undefined : i)).filter((i) => i !== undefined));
  });

  it("chats in the lobby while browsing rooms, and leaves the lobby on Quick play", async () => {
    const page = await rig.browser.newPage();
    pages.push(page);
    await page.goto(rig.pageUrl);
    await page.fill("#name", "alice");
    await page.getByRole("button", { name: "Browse rooms" }).click();
    // Browsing rooms opens the lobby's chat beside the list.
    await page.locator("#lobby-chat").getByLabel("Chat message").click();
    const dave = await join(server, "dave", { lobby: true }, opened);
    dave.say("hi alice");
    await page.locator("#lobby-chat li.player", { hasText: "hi alice" }).waitFor();
    await page.keyboard.type("hi dave");
    await page.keyboard.press("Enter");
    expect((await dave.heard("hi dave")).name).toBe("alice");
    await page.click("#quick-play");
    await page.locator("#lobby-chat").waitFor({ state: "hidden" });
    await page.locator("#chat li.system", { hasText: "alice joined" }).last().waitFor();
  });
});

describe("scoreboard", { timeout: 60_000 }, () => {
  it("tags the server's fill bots BOT, with no ping, and not the player", async () => {
    const page = await rig.browser.newPage();
    pages.push(page);
    await page.goto(rig.pageUrl);
    await page.fill("#name", "alice");
    await page.click("#quick-play");
    await page.locator("#scoreboard tr.me", { hasText: "alice" }).waitFor();
    const botRows = page.locator("#scoreboard tr", { has: page.locator(".bot-tag") });
    await botRows.first().waitFor();
    const cells = await botRows.evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent)));
    expect(cells.length).toBeGreaterThanOrEqual(1);
    expect(cells.length).toBeLessThan(MIN_PLAYERS);
    for (const [rank, name, , ping] of cells) {
      expect(rank).toMatch(/^\d+$/); // the scoreboard's first column is the rank
      expect(name).toMatch(/^Bot \dBOT$/);
      expect(ping).toBe("—");
    }
    expect(await page.locator("#scoreboard tr.me .bot-tag").count()).toBe(0);
    expect(await page.locator("#scoreboard tr").count()).toBe(MIN_PLAYERS + 1); // the header row, then every player
  });
});
