/**
 * `npm run cluster` without a proxy, in real Chromium: two server processes over Redis, each
 * serving the page on its own port with its own PUBLIC_ADDRESS. A player whose page came from
 * the process that does not hold the room joins it by code and plays in it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildClient, startApp, type App } from "../e2e/helpers/app.ts";
import { clearFailures, saveFailure } from "../e2e/helpers/artifacts.ts";
import { findChromium } from "../e2e/helpers/chromium.ts";
import { expectNoPageErrors, Player } from "../e2e/helpers/Player.ts";
import { freePort } from "../helpers/redisServer.ts";
import { testRedis, type TestRedis } from "../helpers/testRedis.ts";

const DB = 4;
const SUITE = "cluster";
const ROOM_CODE_TEXT = /^Room code: ([A-Z0-9]{5})$/;

describe("two processes in a real Chromium, no proxy", { timeout: 40_000 }, () => {
  let redis: TestRedis;
  const apps: App[] = [];
  let players: Player[] = [];

  beforeAll(async () => {
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
    const chromium = findChromium();
    const [alice, bob] = await Promise.all([Player.launch("Alice", chromium), Player.launch("Bob", chromium)]);
    players.push(alice, bob);

    await alice.open(apps[0]!.url);
    await alice.page.getByRole("button", { name: "Create private room" }).click();
    await alice.inArena();
    const text = (await alice.page.getByRole("navigation", { name: "Room" }).getByText(ROOM_CODE_TEXT).textContent()) ?? "";
    const code = ROOM_CODE_TEXT.exec(text.trim())?.[1];
    if (!code) throw new Error(`the room bar shows no room code: ${JSON.stringify(text)}`);
    const { roomId, sessionId: aliceId } = await alice.view();

    // Bob's page comes from the process that does not hold the room.
    const listing = JSON.parse((await redis.client.hget("roomcaches", roomId)) ?? "{}") as { publicAddress?: string };
    const other = apps.find((a) => new URL(a.url).host !== listing.publicAddress)!;
    expect(new URL(other.url).host).not.toBe(listing.publicAddress);
    await bob.open(other.url);
    await bob.page.getByLabel("Room code", { exact: true }).fill(code);
    await bob.page.getByRole("button", { name: "Join with code" }).click();
    await bob.inArena();

    const bobView = await bob.view();
    expect(bobView.roomId).toBe(roomId);
    await bob.until((v, id) => v.players.some((p) => p.id === id), aliceId, "Bob sees Alice");
    await alice.until((v, id) => v.players.some((p) => p.id === id), bobView.sessionId, "Alice sees Bob");
    expectNoPageErrors(players);
  });
});
