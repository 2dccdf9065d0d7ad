/**
 * axe-core in a real Chromium over what a player meets: the menu, the room browser, the arena's
 * HUD, the Connect Four HUD, the settings dialog and the leaderboard and profile pages, on a desktop window and on a phone. Zero serious or critical
 * violations each time; a failure lists each rule, its help text and the offending elements.
 */
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./helpers/axe.ts";
import { PHONE } from "./helpers/chromium.ts";
import { expectNoPageErrors } from "./helpers/Player.ts";
import { serverPerFile } from "./helpers/suite.ts";

/** A scenario takes 5–15 s on a two-core box; the rest is headroom. */
const SCENARIO_TIMEOUT_MS = 40_000;
const SUITE = "a11y";

describe("accessibility (axe-core)", { timeout: SCENARIO_TIMEOUT_MS }, () => {
  const file = serverPerFile(SUITE);

  for (const [device, options] of [["a desktop window", undefined], ["a phone", PHONE]] as const) {
    it(`has no serious or critical violations on the menu, the room browser and the arena's HUD, on ${device}`, async () => {
      const p = await file.launch("Ada", options);
      await p.open(file.app.url);
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
      expectNoPageErrors(file.players);
    });
  }

  it("has no serious or critical violations in the settings dialog, which works by keyboard and remembers its choices", async () => {
    const p = await file.launch("Ada");
    await p.open(file.app.url);
    const open = p.page.getByRole("button", { name: "Settings" });
    await open.focus();
    await p.page.keyboard.press("Enter");
    const dialog = p.page.getByRole("dialog", { name: "Settings" });
    await dialog.waitFor();
    expect(await seriousViolations(p.page), "the settings dialog").toEqual([]);
    // The key list while a button waits for its key (the pressed state, the status line's prompt).
    await dialog.getByRole("button", { name: "Fire Space", exact: true }).click();
    await dialog.getByRole("status").getByText("Press the key for Fire").waitFor();
    expect(await seriousViolations(p.page), "the settings dialog waiting for a key").toEqual([]);
    await p.page.keyboard.press("Escape");
    await dialog.getByLabel("Interface size").selectOption({ label: "130%" });
    await dialog.getByLabel("Movement keys").selectOption({ label: "ZQSD (AZERTY)" });
    await p.page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await p.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--ui-scale").trim())).toBe("1.3");
    await p.page.reload();
    await open.click();
    expect(await dialog.getByLabel("Interface size").inputValue()).toBe("1.3");
    expect(await dialog.getByLabel("Movement keys").inputValue()).toBe("zqsd");
    expectNoPageErrors(file.players);
  });

  it("has no serious or critical violations in a Connect Four game's HUD", async () => {
    const p = await file.launch("Ada");
    await p.open(file.app.url);
    await p.page.getByLabel("Game", { exact: true }).selectOption({ label: "Connect Four" });
    await p.page.getByRole("button", { name: "Quick play" }).click();
    await p.untilBoard((v) => v.ready, undefined, "the board is up");
    await p.page.getByRole("complementary", { name: "Connect Four" }).waitFor();
    expect(await seriousViolations(p.page), "the Connect Four HUD").toEqual([]);
    expectNoPageErrors(file.players);
  });

  it("has no serious or critical violations on the leaderboard and profile pages, opened and closed by keyboard", async () => {
    const p = await file.launch("Ada");
    await p.quickPlay(file.app.url);
    await p.untilAccount((a) => a.name === "Ada", undefined, "Ada has a guest account");
    await p.page.getByRole("button", { name: "Leave" }).click();
    for (const [button, check] of [["Leaderboard", "You have no rated game here yet."], ["Profile", "No rated games yet."]] as const) {
      await p.page.getByRole("button", { name: button }).focus();
      await p.page.keyboard.press("Enter");
      const dialog = p.page.getByRole("dialog", { name: button });
      await dialog.getByText(check).waitFor();
      expect(await seriousViolations(p.page), `the ${button.toLowerCase()} page`).toEqual([]);
      await p.page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
    }
    expectNoPageErrors(file.players);
  });
});
