/**
 * Live spectating in real Chromium against the built server (docs/replays.md, "Live
 * spectating"): a spectator opens a public arena from the room list's Watch button and sees
 * a player move, SPECTATOR_DELAY_SECONDS after the player's own client saw it; the spectator
 * has no entity, and its keys and clicks move nothing.
 */
import { Client, type Room } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { streamIntents } from "../helpers/intents.ts";
import { joinOptions, untilState } from "../helpers/testServer.ts";
import { expectNoPageErrors } from "./helpers/Player.ts";
import { serverPerFile } from "./helpers/suite.ts";

const SCENARIO_TIMEOUT_MS = 90_000;

describe("live spectating", { timeout: SCENARIO_TIMEOUT_MS }, () => {
  const file = serverPerFile("spectate", { SPECTATOR_DELAY_SECONDS: "2" });

  it("a spectator watches a live arena room a delay behind and cannot move anything", async () => {
    const player: Room<ArenaState> = await new Client(file.app.url).create<ArenaState>("arena", joinOptions("alice"));
    file.afterEach(async () => void (await player.leave()));
    player.onMessage("*", () => undefined);
    await untilState(player, () => player.state.players?.get(player.sessionId)?.alive === true);

    const fan = await file.launch("Fan");
    await fan.open(file.app.url);
    await fan.page.getByRole("button", { name: "Browse rooms" }).click();
    await fan.page.getByRole("button", { name: `Watch Arena ${player.roomId}` }).click();
    await fan.untilReplay(
      (v, id) => v.live && v.matchId === id.room && v.players.some((p) => p.id === id.player && p.alive),
      { room: player.roomId, player: player.sessionId },
      "the spectator sees the player",
    );
    const shownX = async () => (await fan.page.evaluate((id) => window.__skirmish?.replay()?.players.find((p) => p.id === id)?.x, player.sessionId))!;
    const spawnX = await shownX();
    expect(player.state.players.get(player.sessionId)!.x).toBe(spawnX);

    // The spectator's keys and clicks: it has no entity to move, and the room gains no player.
    await fan.page.locator("canvas").click();
    for (const key of ["d", "s", "a", "w"]) await fan.page.keyboard.press(key);
    expect(await fan.page.evaluate(() => window.__skirmish?.view())).toBeUndefined();

    const dx = spawnX < 800 ? 1 : -1;
    const stop = streamIntents(player, () => ({ dx }));
    try {
      // The player's own client sees itself move; at that moment the spectator, two seconds behind, does not yet.
      await untilState(player, () => player.state.players.get(player.sessionId)!.x !== spawnX);
      expect(await shownX()).toBe(spawnX);
      await fan.untilReplay((v, id) => v.players.some((p) => p.id === id.player && Math.sign(p.x - id.x) === id.dx), { player: player.sessionId, x: spawnX, dx }, "the spectator sees the move");
    } finally {
      stop();
    }
    expect(player.state.players.size).toBe(1);
    const shown = (await fan.page.evaluate(() => window.__skirmish?.replay()))!;
    expect(shown.players.map((p) => p.id)).toEqual([player.sessionId]);
    await fan.page.getByText(/Watching, 2 s behind/).waitFor();
    expectNoPageErrors(file.players);
  });
});
