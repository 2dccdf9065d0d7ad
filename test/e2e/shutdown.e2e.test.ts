/**
 * A server restart as a player sees it, in a real Chromium against the built server: on
 * SIGTERM the room warns in chat, then closes with CloseCode.ServerRestarting, and the page
 * goes back to the menu showing why. The server process exits 0.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, startApp, type App } from "./helpers/app.ts";
import { clearFailures, saveFailure } from "./helpers/artifacts.ts";
import { findChromium } from "./helpers/chromium.ts";
import { Player } from "./helpers/Player.ts";

const SUITE = "shutdown";

describe("a server restart in a real Chromium", { timeout: 60_000 }, () => {
  let app: App;
  const players: Player[] = [];

  beforeAll(async () => {
    clearFailures(SUITE);
    await buildClient();
    app = await startApp({ SHUTDOWN_GRACE_SECONDS: "1" });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(players.map((p) => p.close()));
    await app?.stop();
  });

  it("returns the player to the menu with the server's message", async (ctx) => {
    try {
      const p = await Player.launch("restarted", findChromium());
      players.push(p);
      await p.quickPlay(app.url);
      process.kill(app.pid, "SIGTERM");
      await p.page.waitForFunction(() => !document.getElementById("menu")?.hidden && /restarting/.test(document.getElementById("menu-status")?.textContent ?? ""), undefined, { timeout: 20_000 });
      expect(await p.page.locator("#menu-status").textContent()).toBe("The server is restarting; rejoin in a moment.");
      expect(await app.exited).toBe(0);
    } catch (e) {
      await saveFailure(SUITE, ctx.task.name, players, app);
      throw e;
    }
  });
});
