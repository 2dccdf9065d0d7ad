/**
 * axe-core in a real Chromium over what a player meets: the menu, the room browser, the arena's
 * HUD, the Connect Four HUD, on a desktop window and on a phone. Zero serious or critical
 * violations each time; a failure lists each rule, its help text and the offending elements.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildClient, startApp, type App } from "./helpers/app.ts";
import { clearFailures, saveFailure } from "./helpers/artifacts.ts";
import { seriousViolations } from "./helpers/axe.ts";
import { findChromium, PHONE } from "./helpers/chromium.ts";
import { expectNoPageErrors, Player } from "./helpers/Player.ts";

/** A scenario takes 5–15 s on a two-core box; the rest is headroom. */
const SCENARIO_TIMEOUT_MS = 40_000;
const SUITE = "a11y";

describe("accessibility (axe-core)", { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let app: App;
  let players: Player[] = [];

  beforeAll(async () => {
    clearFailures(SUITE);
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

  for (const [device, options] of [["a desktop window", undefined], ["a phone", PHONE]] as const) {
    it(`has no serious or critical violations on the menu, the room browser and the arena's HUD, on ${device}`, async () => {
      const p = await Player.launch("Ada", findChromium(), options);
      players.push(p);
      await p.open(app.url);
      expect(await seriousViolations(p.page), "the menu (with the how-to-play card)").toEqual([]);

      await p.page.getByRole("button", { name: "Browse rooms" }).click();
      await p.page.getByRole("region", { name: "Open rooms" }).waitFor();
      await p.page.getByRole("region", { name: "Lobby chat" }).waitFor();
      expect(await seriousViolations(p.page), "the room browser and the lobby chat").toEqual([]);

      await p.page.getByRole("button", { name: "Quick play" }).click();
      await p.inArena();
      await p.page.getByRole("navigation", { name: "Room" }).waitFor();
      await p.page.getByRole("complementary", { name: "Scoreboard" }).waitFor();
      expect(await seriousViolations(p.page), "the arena's HUD").toEqual([]);
      expectNoPageErrors(players);
    });
  }

  it("has no serious or critical violations in a Connect Four game's HUD", async () => {
    const p = await Player.launch("Ada", findChromium());
    players.push(p);
    await p.open(app.url);
    await p.page.getByLabel("Game", { exact: true }).selectOption({ label: "Connect Four" });
    await p.page.getByRole("button", { name: "Quick play" }).click();
    await p.untilBoard((v) => v.ready, undefined, "the board is up");
    await p.page.getByRole("complementary", { name: "Connect Four" }).waitFor();
    expect(await seriousViolations(p.page), "the Connect Four HUD").toEqual([]);
    expectNoPageErrors(players);
  });
});
