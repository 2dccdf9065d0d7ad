/**
 * Key remapping in a real Chromium against the built server, with the keyboard alone: a player
 * rebinds "Move right" and "Move left" in the settings dialog, sees a conflicting rebind swap
 * keys, walks with the new key (the server moves the player), and finds the keys kept after a reload.
 */
import { describe, expect, it } from "vitest";
import { MAPS } from "../../shared/arena/maps.ts";
import { self, standStill } from "./helpers/moves.ts";
import { expectNoPageErrors, type Player } from "./helpers/Player.ts";
import { serverPerFile } from "./helpers/suite.ts";

/** A scenario takes 5–15 s on a two-core box; the rest is headroom. */
const SCENARIO_TIMEOUT_MS = 40_000;
const SUITE = "keys";

/** Focus the action's key button by keyboard, activate it, and press the new key. */
async function rebind(p: Player, current: string, key: string): Promise<void> {
  const named = p.page.getByRole("dialog", { name: "Settings" }).getByRole("button", { name: current, exact: true });
  // Found by its accessible name, then held by id: the name changes while it waits for a key.
  const button = p.page.locator(`#${await named.getAttribute("id")}`);
  await button.focus();
  await p.page.keyboard.press("Enter");
  expect(await button.textContent()).toBe("Press a key…");
  await p.page.keyboard.press(key);
}

describe("key remapping", { timeout: SCENARIO_TIMEOUT_MS }, () => {
  const file = serverPerFile(SUITE);

  it("rebinds keys from the settings dialog by keyboard, swaps on a conflict, moves with the new key and remembers it", async () => {
    const p = await file.launch("Remap");
    await p.open(file.app.url);
    await p.page.getByRole("button", { name: "Settings" }).focus();
    await p.page.keyboard.press("Enter");
    const dialog = p.page.getByRole("dialog", { name: "Settings" });
    await dialog.waitFor();
    const status = dialog.getByRole("status");

    await rebind(p, "Move right D", "l");
    expect(await status.textContent()).toBe("Move right is now L.");
    await rebind(p, "Move left A", "j");
    // Fire onto the key "Move up" has: the two swap, and the status says so.
    await rebind(p, "Fire Space", "w");
    expect(await status.textContent()).toBe("Fire is now W. Move up moved to Space.");
    await dialog.getByRole("button", { name: "Move up Space", exact: true }).waitFor();
    // Escape while a button waits cancels the wait; it does not close the dialog or bind Escape.
    const chatKey = dialog.getByRole("button", { name: "Open chat Enter", exact: true });
    await chatKey.focus();
    await p.page.keyboard.press("Enter");
    await p.page.keyboard.press("Escape");
    expect(await status.textContent()).toBe("Unchanged.");
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByLabel("Movement keys").inputValue(), "custom keys match no preset").toBe("");
    await p.page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });

    await p.page.getByRole("button", { name: "Quick play" }).click();
    await p.inArena();
    await standStill(p);
    const map = MAPS[(await p.view()).mapId]!;
    const start = await self(p);
    const right = start.x < map.width / 2;
    await p.page.keyboard.down(right ? "l" : "j");
    try {
      await p.until(
        (v, s) => v.players.some((q) => q.id === v.sessionId && (s.right ? q.x - s.x : s.x - q.x) >= 30 && Math.abs(q.y - s.y) < 1),
        { x: start.x, y: start.y, right },
        `the server has the player 30 px ${right ? "right (L)" : "left (J)"}`,
      );
    } finally {
      await p.page.keyboard.up(right ? "l" : "j");
    }

    // A reload goes back into the same seat: the room bar's Settings, once it is back in the room.
    await p.page.reload();
    await p.inArena();
    await p.page.getByRole("navigation", { name: "Room" }).getByRole("button", { name: "Settings" }).click();
    await dialog.getByRole("button", { name: "Move right L", exact: true }).waitFor();
    await dialog.getByRole("button", { name: "Reset keys to defaults" }).click();
    await dialog.getByRole("button", { name: "Move right D", exact: true }).waitFor();
    expect(await dialog.getByLabel("Movement keys").inputValue()).toBe("wasd");
    expectNoPageErrors(file.players);
  });
});
