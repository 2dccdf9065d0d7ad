/**
 * Parties and the ranked queue in real Chromium against the built server: a party of two,
 * made and joined through the menu and the party link, lands in one arena room when its
 * leader presses play; two browsers pressing Ranked are matched into one Connect Four room,
 * play it to the end, and each account's rating changes once (GET /api/accounts/me).
 */
import { describe, expect, it } from "vitest";
import { CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import type { Profile, SignIn } from "../../shared/auth.ts";
import { expectNoPageErrors, type Player } from "./helpers/Player.ts";
import { serverPerFile } from "./helpers/suite.ts";

const SCENARIO_TIMEOUT_MS = 60_000;

/** An access token for the page's account, from the page's own refresh token (which this spends: call when the page is done). */
async function tokenOf(url: string, p: Player): Promise<string> {
  const refreshToken = await p.page.evaluate(() => localStorage.getItem("skirmish.refresh"));
  const res = await fetch(`${url}/api/auth/refresh`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ refreshToken }) });
  return ((await res.json()) as SignIn).token;
}

const connect4Rating = async (url: string, token: string) => ((await (await fetch(`${url}/api/accounts/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as Profile).ratings[CONNECT4_ROOM];

describe("parties and the ranked queue in a real Chromium", { timeout: SCENARIO_TIMEOUT_MS }, () => {
  // Matching passes every 200 ms, so the two ranked players meet within a second of queueing.
  const file = serverPerFile("social", { RANKED_CYCLE_MS: "200" });

  it("a party of two, joined through its link, lands in one arena room when the leader plays", async () => {
    const app = file.app;
    const [lead, friend] = [await file.launch("Lead"), await file.launch("Friend")];
    await lead.open(app.url);
    await lead.page.getByRole("button", { name: "Create party" }).click();
    const info = lead.page.locator("#party-info");
    await info.getByText(/^Party [A-Z0-9]{5} /).waitFor();
    const code = /^Party ([A-Z0-9]{5}) /.exec((await info.textContent()) ?? "")![1]!;

    await friend.open(`${app.url}/?party=${code}`);
    await friend.page.getByRole("button", { name: "Join party" }).click();
    const members = (p: Player) => p.page.getByRole("list", { name: "Party members" });
    await members(lead).getByText("Friend").waitFor();
    await members(friend).getByText("Lead · leader").waitFor();
    // Only the leader has the play button.
    expect(await friend.page.getByRole("button", { name: "Play arena together" }).isVisible()).toBe(false);

    await lead.page.getByRole("button", { name: "Play arena together" }).click();
    await Promise.all([lead.inArena(), friend.inArena()]);
    const [a, b] = [await lead.view(), await friend.view()];
    expect(b.roomId).toBe(a.roomId);
    expect(a.players.map((p) => p.name).sort()).toEqual(expect.arrayContaining(["Friend", "Lead"]));
    expectNoPageErrors(file.players);
  });

  it("two players pressing Ranked are matched into Connect Four, play it out, and each rating changes once", async () => {
    const app = file.app;
    const [ann, ben] = [await file.launch("Ann"), await file.launch("Ben")];
    await Promise.all(
      [ann, ben].map(async (p) => {
        await p.open(app.url);
        await p.page.getByLabel("Game", { exact: true }).selectOption({ label: "Connect Four" });
        await p.page.getByRole("button", { name: "Ranked" }).click();
      }),
    );
    for (const p of [ann, ben]) await p.untilBoard((v) => v.ready && v.status === "playing" && v.players.length === 2, undefined, `${p.name}'s ranked game has started`);
    const [a, b] = [await ann.board(), await ben.board()];
    expect(b.roomId).toBe(a.roomId);

    // The mover plays column 1 four times, the other column 2 three times: four in a column.
    const [first, second] = a.players.find((p) => p.id === a.sessionId)!.colour === a.turn ? [ann, ben] : [ben, ann];
    for (let i = 0; i < 4; i++) {
      await first.page.keyboard.press("1");
      await first.untilBoard((v, n) => v.board.filter((c) => c !== 0).length === n || v.status === "over", 2 * i + 1, "the disc lands");
      if (i === 3) break;
      await second.untilBoard((v, n) => v.board.filter((c) => c !== 0).length === n, 2 * i + 1, `${second.name} has the move`);
      await second.page.keyboard.press("2");
      await first.untilBoard((v, n) => v.board.filter((c) => c !== 0).length === n, 2 * i + 2, `${first.name} has the move`);
    }
    for (const p of [ann, ben]) await p.untilBoard((v) => v.status === "over", undefined, `${p.name} sees the game end`);
    await app.logged(/"ranked match"/);

    // Rated once each (the write runs beside the game): one game, the winner up and the loser down.
    const [winner, loser] = [await tokenOf(app.url, first), await tokenOf(app.url, second)];
    await expect.poll(async () => (await connect4Rating(app.url, loser))?.games).toBe(1);
    const [w, l] = [(await connect4Rating(app.url, winner))!, (await connect4Rating(app.url, loser))!];
    expect([w.games, w.wins, l.games, l.losses]).toEqual([1, 1, 1, 1]);
    expect(w.rating).toBeGreaterThan(l.rating);

    // And the leaderboard page shows it: the winner first, each with one game.
    const page = first.page;
    await page.getByRole("button", { name: "Leave" }).click();
    await page.getByRole("button", { name: "Leaderboard" }).click();
    const dialog = page.getByRole("dialog", { name: "Leaderboard" });
    await dialog.getByRole("group", { name: "Leaderboard game" }).getByRole("button", { name: "Connect Four" }).click();
    await dialog.getByRole("group", { name: "Leaderboard season" }).getByRole("button", { name: "All time" }).click();
    await dialog.getByRole("cell", { name: second.name, exact: true }).waitFor();
    const rows = dialog.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).locator("td").nth(1).textContent()).toBe(first.name);
    expect(await rows.nth(1).locator("td").nth(1).textContent()).toBe(second.name);
    await dialog.getByText("Your rank: 1").waitFor();
    expectNoPageErrors(file.players);
  });
});
