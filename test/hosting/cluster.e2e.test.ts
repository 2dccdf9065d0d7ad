/**
 * `npm run cluster` without a proxy, in real Chromium: two server processes over Redis, each
 * serving the page on its own port with its own PUBLIC_ADDRESS. A player whose page came from
 * the process that does not hold the room joins it by code and plays in it (the room's
 * creator is an SDK client: one browser is enough to show the page's side).
 */
import { Client } from "@colyseus/sdk";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { Msg, type RoomInfoMessage } from "../../shared/protocol.ts";
import { buildClient, startApp, type App } from "../e2e/helpers/app.ts";
import { clearFailures, saveFailure } from "../e2e/helpers/artifacts.ts";
import { findChromium } from "../e2e/helpers/chromium.ts";
import { expectNoPageErrors, Player } from "../e2e/helpers/Player.ts";
import { freePort } from "../helpers/redisServer.ts";
import { setupOrFailEach, testRedis, type TestRedis } from "../helpers/testRedis.ts";
import { joinOptions, untilState } from "../helpers/testServer.ts";

const DB = 4;
const SUITE = "cluster";

describe("two processes in a real Chromium, no proxy", { timeout: 40_000 }, () => {
  let redis: TestRedis;
  const apps: App[] = [];
  let players: Player[] = [];

  setupOrFailEach(async () => {
    clearFailures(SUITE);
    await buildClient();
    redis = await testRedis(DB);
    const ports = [await freePort(), await freePort()];
    const origins = ports.map((p) => `http://127.0.0.1:${p}`).join(",");
    for (const port of ports) {
      apps.push(await startApp({ PORT: String(port), REDIS_URL: redis.url, PUBLIC_ADDRESS: `127.0.0.1:${port}`, ALLOWED_ORIGINS: origins }));
    }
  }, 90_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await saveFailure(SUITE, task.name, players, apps[0]);
    await Promise.all(players.map((p) => p.close()));
    players = [];
  }, 30_000);

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await redis?.close();
  });

  it("a page served by one process joins, by code, a room held by the other", async () => {
    // Alice is an SDK client (one browser is enough to show the page's side, and cheaper).
    const alice = await new Client(apps[0]!.url).create<ArenaState>("arena", { ...joinOptions("Alice"), private: true });
    const info = await new Promise<RoomInfoMessage>((resolve) => alice.onMessage(Msg.RoomInfo, resolve));
    try {
      // Bob's page comes from the process that does not hold the room.
      const listing = JSON.parse((await redis.client.hget("roomcaches", alice.roomId)) ?? "{}") as { publicAddress?: string };
      const other = apps.find((a) => new URL(a.url).host !== listing.publicAddress)!;
      expect(listing.publicAddress).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(new URL(other.url).host).not.toBe(listing.publicAddress);

      const bob = await Player.launch("Bob", findChromium());
      players.push(bob);
      await bob.open(other.url);
      await bob.page.getByLabel("Room code", { exact: true }).fill(info.code);
      await bob.page.getByRole("button", { name: "Join with code" }).click();
      await bob.inArena();

      const bobView = await bob.view();
      expect(bobView.roomId).toBe(alice.roomId);
      await bob.until((v, id) => v.players.some((p) => p.id === id), alice.sessionId, "Bob sees Alice");
      await untilState(alice, () => alice.state.players?.get(bobView.sessionId)?.name === "Bob");
      expectNoPageErrors(players);
    } finally {
      await alice.leave().catch(() => undefined);
    }
  });
});
