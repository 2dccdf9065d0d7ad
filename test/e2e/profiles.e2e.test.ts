/**
 * Ratings, the leaderboard and the profile in a real Chromium against the built server: two
 * browsers play a Connect Four game to the end by keyboard; both ratings change once, the
 * leaderboard page lists both (the viewer's own row marked), the profile page shows the match
 * with its opponent and replay link, and "Sign out" ends the sign-in so the next game is a
 * fresh guest. A private room made with the "rated" box unchecked shows in the history as
 * unrated and leaves the ratings alone.
 */
import { describe, expect, it } from "vitest";
import type { LeaderboardAnswer } from "../../shared/profiles.ts";
import { expectNoPageErrors, type Player } from "./helpers/Player.ts";
import { serverPerFile } from "./helpers/suite.ts";

const SCENARIO_TIMEOUT_MS = 60_000;

describe("ratings, leaderboard and profile pages in a real Chromium", { timeout: SCENARIO_TIMEOUT_MS }, () => {
  const file = serverPerFile("profiles");

  it("a Connect Four game played to the end changes both ratings once, visible on the leaderboard and profile pages", async () => {
    const app = file.app;
    const [alice, bob] = [await file.launch("Alice"), await file.launch("Bob")];
    for (const p of [alice, bob]) {
      await p.open(app.url);
      await p.page.getByLabel("Game", { exact: true }).selectOption({ label: "Connect Four" });
      await p.page.getByRole("button", { name: "Quick play" }).click();
      await p.untilBoard((v) => v.ready, undefined, `${p.name} is in the room`);
    }
    const { first, second, roomId } = await playToEnd(alice, bob);

    // Both ratings changed once: one rated game each on the all-time board.
    // (The result is written beside the game: poll until it has landed.)
    const fetchBoard = async () => (await (await fetch(`${app.url}/api/leaderboard/connect4?season=all`)).json()) as LeaderboardAnswer;
    await expect.poll(async () => (await fetchBoard()).entries.length, { timeout: 10_000 }).toBe(2);
    const board = await fetchBoard();
    expect(board.entries.map((e) => [e.name, e.rank, e.games])).toEqual([[first.name, 1, 1], [second.name, 2, 1]]);
    expect(board.entries[0]!.rating).toBeGreaterThan(board.entries[1]!.rating);

    // The leaderboard page, by keyboard: Alice's own row is marked.
    const page = alice.page;
    await page.getByRole("button", { name: "Leave" }).click();
    await page.getByRole("button", { name: "Leaderboard" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Leaderboard" });
    await dialog.getByRole("group", { name: "Leaderboard game" }).getByRole("button", { name: "Connect Four" }).click();
    await dialog.getByRole("group", { name: "Leaderboard season" }).getByRole("button", { name: "All time" }).click();
    await dialog.getByRole("cell", { name: "Bob" }).waitFor();
    const mine = dialog.locator('tr[aria-current="true"]');
    await expect.poll(() => mine.locator("td").nth(1).textContent()).toBe("Alice");
    const myRank = first === alice ? 1 : 2;
    await dialog.getByText(`Your rank: ${myRank}`).waitFor();
    await page.keyboard.press("Escape");

    // The profile page shows the match, its opponent and its replay link.
    await page.getByRole("button", { name: "Profile" }).click();
    const profile = page.getByRole("dialog", { name: "Profile" });
    await profile.getByRole("cell", { name: first === alice ? "Won" : "Lost" }).waitFor();
    await profile.getByRole("cell", { name: "Bob", exact: true }).waitFor();
    expect(await profile.getByRole("link", { name: /Watch the replay of Connect Four/ }).getAttribute("href")).toBe(`/replay/${roomId}`);
    await page.keyboard.press("Escape");

    // Sign out: the sign-in ends on the server and the browser forgets it.
    const refresh = await page.evaluate(() => localStorage.getItem("skirmish.refresh"));
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByText("Signed out. Your next game starts a new guest account.").waitFor();
    expect(await page.evaluate(() => localStorage.getItem("skirmish.refresh"))).toBeNull();
    expect(await page.evaluate(() => window.__skirmish?.account())).toBeUndefined();
    const replayed = await fetch(`${app.url}/api/auth/refresh`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ refreshToken: refresh }) });
    expect(replayed.status).toBe(401);
    expectNoPageErrors(file.players);
  });

  it("a private room created with the rated box unchecked plays to the end without touching ratings", async () => {
    const app = file.app;
    const [alice, bob] = [await file.launch("Alice"), await file.launch("Bob")];
    await alice.open(app.url);
    await alice.page.getByLabel("Game", { exact: true }).selectOption({ label: "Connect Four" });
    await alice.page.getByLabel("A private room I create is rated").uncheck();
    await alice.page.getByRole("button", { name: "Create private room" }).click();
    await alice.untilBoard((v) => v.ready, undefined, "Alice is in her private room");
    const bar = (await alice.page.getByRole("navigation", { name: "Room" }).getByText(/^Room code: [A-Z0-9]{5}$/).textContent()) ?? "";
    await bob.open(app.url);
    await bob.page.getByLabel("Room code", { exact: true }).fill(bar.trim().slice(-5));
    await bob.page.getByRole("button", { name: "Join with code" }).click();
    await bob.untilBoard((v) => v.ready, undefined, "Bob is in Alice's room");
    await playToEnd(alice, bob);

    await alice.page.getByRole("button", { name: "Leave" }).click();
    await alice.page.getByRole("button", { name: "Profile" }).click();
    const profile = alice.page.getByRole("dialog", { name: "Profile" });
    await profile.getByRole("cell", { name: "unrated" }).waitFor();
    await profile.getByRole("cell", { name: "Bob", exact: true }).waitFor();
    await profile.getByText("No rated games yet.").waitFor();
    expectNoPageErrors(file.players);
  });
});

/** Two players in one Connect Four room play it to the end by keyboard: the first mover wins down column 1. */
async function playToEnd(alice: Player, bob: Player): Promise<{ first: Player; second: Player; roomId: string }> {
  await alice.untilBoard((v) => v.status === "playing" && v.players.length === 2, undefined, "the game has started");
  const a = await alice.board();
  const colourOf = async (p: Player) => {
    const v = await p.board();
    return v.players.find((x) => x.id === v.sessionId)!.colour;
  };
  const first = (await colourOf(alice)) === a.turn ? alice : bob;
  const second = first === alice ? bob : alice;
  const [firstColour, secondColour] = [await colourOf(first), await colourOf(second)];
  // The first mover drops four discs in column 1 (key "1"), the other plays column 2 between them.
  for (let i = 0; i < 4; i++) {
    await first.untilBoard((v, c) => v.turn === c, firstColour, `${first.name} has the move`);
    await first.page.keyboard.press("1");
    if (i === 3) break;
    await second.untilBoard((v, c) => v.turn === c, secondColour, `${second.name} has the move`);
    await second.page.keyboard.press("2");
  }
  for (const p of [alice, bob]) await p.untilBoard((v) => v.status === "over", undefined, `${p.name} sees the game over`);

  return { first, second, roomId: a.roomId };
}
