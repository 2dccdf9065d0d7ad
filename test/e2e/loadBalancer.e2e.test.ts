/**
 * A browser playing through the shipped load balancer (test/helpers/balancedCluster.ts):
 * nginx with TLS in front of two processes over Redis. Chromium loads the page from nginx
 * over https, joins by code a room an SDK player made, and its WebSocket goes through the
 * holder's /sN/ location; each sees the other move in the room.
 */
import { Client } from "@colyseus/sdk";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { Msg, type RoomInfoMessage } from "../../shared/protocol.ts";
import { startBalancedCluster, type BalancedCluster } from "../helpers/balancedCluster.ts";
import { setupOrFailEach } from "../helpers/testRedis.ts";
import { joinOptions, untilState } from "../helpers/testServer.ts";
import { buildClient } from "./helpers/app.ts";
import { clearFailures, saveFailure } from "./helpers/artifacts.ts";
import { findChromium, VIEWPORT } from "./helpers/chromium.ts";
import { expectNoPageErrors, Player } from "./helpers/Player.ts";

const DB = 10;
const SUITE = "load-balancer";

describe("a browser through nginx with TLS, two processes behind it", { timeout: 40_000 }, () => {
  let lb: BalancedCluster;
  let players: Player[] = [];

  setupOrFailEach(async () => {
    clearFailures(SUITE);
    // Built before the servers start: they serve dist/client only if it exists at start.
    await buildClient();
    lb = await startBalancedCluster(DB);
  }, 90_000);
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await saveFailure(SUITE, task.name, players, lb?.sites[0]?.app);
    await Promise.all(players.map((p) => p.close()));
    players = [];
  }, 30_000);
  afterAll(async () => {
    await lb?.stop();
  });

  it("loads the page from nginx and plays in a room on either process, over wss through its /sN/ location", async () => {
    const alice = await new Client(lb.base).create<ArenaState>("arena", { ...joinOptions("Alice"), private: true });
    alice.onMessage("*", () => undefined);
    const info = await new Promise<RoomInfoMessage>((resolve) => alice.onMessage(Msg.RoomInfo, resolve));
    try {
      const { holder } = await lb.sides(alice.roomId);
      const bob = await Player.launch("Bob", findChromium(), { viewport: VIEWPORT, args: [`--ignore-certificate-errors-spki-list=${lb.certs.leaf.spki}`] });
      players.push(bob);
      const sockets: string[] = [];
      bob.page.on("websocket", (ws) => sockets.push(ws.url()));
      await bob.open(`${lb.base}/`);
      await bob.page.getByLabel("Room code", { exact: true }).fill(info.code);
      await bob.page.getByRole("button", { name: "Join with code" }).click();
      await bob.inArena();

      const view = await bob.view();
      expect(view.roomId).toBe(alice.roomId);
      expect(sockets.filter((u) => u.includes(alice.roomId))).toEqual([expect.stringMatching(new RegExp(`^${lb.base.replace("https", "wss").replace(/\./g, "\\.")}${holder.prefix}`))]);
      await bob.until((v, id) => v.players.some((p) => p.id === id), alice.sessionId, "Bob sees Alice");
      await untilState(alice, () => alice.state.players?.get(view.sessionId)?.name === "Bob");
      // Bob moves (held key), and Alice's state sees him move.
      const start = alice.state.players.get(view.sessionId)!;
      const [x0, y0] = [start.x, start.y];
      await bob.page.keyboard.down("d");
      await untilState(alice, () => {
        const p = alice.state.players.get(view.sessionId);
        return p !== undefined && (p.x !== x0 || p.y !== y0);
      });
      await bob.page.keyboard.up("d");
      expectNoPageErrors(players);
    } finally {
      await alice.leave().catch(() => undefined);
    }
  });
});
