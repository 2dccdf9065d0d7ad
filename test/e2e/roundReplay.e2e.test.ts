/**
 * The end-of-round screen of a live arena room offers "Watch replay" (docs/replays.md, "Links
 * into replays"): the server stores the room's log so far when a round ends, and the link opens
 * /replay/<roomId>, which plays it while the room goes on.
 */
import { describe, expect, it } from "vitest";
import { expectNoPageErrors } from "./helpers/Player.ts";
import { serverPerFile } from "./helpers/suite.ts";

describe("the round screen's replay link", { timeout: 60_000 }, () => {
  // Two-second rounds and a long intermission: the round screen stays up while the test looks at it.
  const file = serverPerFile("round-replay", { ARENA_ROUND_SECONDS: "2", ARENA_INTERMISSION_SECONDS: "30" });

  it("offers the running room's replay after a round, and the link plays it", async () => {
    const p = await file.launch("Rhea");
    await p.quickPlay(file.app.url);
    const roomId = (await p.view()).roomId;
    const link = p.page.locator("#round-end-replay");
    await link.waitFor({ state: "visible", timeout: 20_000 });
    expect(await link.getAttribute("href")).toBe(`/replay/${encodeURIComponent(roomId)}`);
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await p.page.locator("#round-end-title").textContent()).toBe("Round 1 over");

    // Opened (here in the same page, as the new tab would), it plays the room's first round.
    await p.page.goto(`${file.app.url}/replay/${encodeURIComponent(roomId)}`);
    await p.untilReplay((v, id) => v.matchId === id && v.ticks > 0 && v.players.some((pl) => pl.name === "Rhea"), roomId, "the round's replay plays");
    expectNoPageErrors(file.players);
  });
});
