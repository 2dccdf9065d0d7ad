/**
 * `npm start` with TLS in real Chromium: the page comes over https:// from the server itself
 * and the game's WebSocket is wss://. Chromium is told to trust the test certificate's key
 * (--ignore-certificate-errors-spki-list), and only that key: nothing else about
 * certificate checking is relaxed. An SDK client in the same room shows both sides play.
 */
import { Client } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { Msg, type RoomInfoMessage } from "../../shared/protocol.ts";
import { makeTestCerts, tlsEnv, trustInThisProcess } from "../helpers/testCert.ts";
import { joinOptions, untilState } from "../helpers/testServer.ts";
import { VIEWPORT } from "./helpers/chromium.ts";
import { expectNoPageErrors } from "./helpers/Player.ts";
import { serverPerFile } from "./helpers/suite.ts";

const certs = makeTestCerts();
trustInThisProcess(certs.caPem);

describe("the game over HTTPS and WSS in a real Chromium", { timeout: 40_000 }, () => {
  const file = serverPerFile("tls", tlsEnv(certs));
  afterAll(() => certs.remove());

  it("loads the page over https and joins an SDK player's room over wss", async () => {
    const { app } = file;
    const alice = await new Client(app.url).create<ArenaState>("arena", { ...joinOptions("Alice"), private: true });
    const info = await new Promise<RoomInfoMessage>((resolve) => alice.onMessage(Msg.RoomInfo, resolve));
    try {
      const bob = await file.launch("Bob", { viewport: VIEWPORT, args: [`--ignore-certificate-errors-spki-list=${certs.leaf.spki}`] });
      const sockets: string[] = [];
      bob.page.on("websocket", (ws) => sockets.push(ws.url()));
      await bob.open(app.url);
      expect(await bob.page.evaluate(() => location.protocol)).toBe("https:");
      await bob.page.getByLabel("Room code", { exact: true }).fill(info.code);
      await bob.page.getByRole("button", { name: "Join with code" }).click();
      await bob.inArena();

      const view = await bob.view();
      expect(view.roomId).toBe(alice.roomId);
      expect(sockets.some((u) => u.startsWith(`wss://127.0.0.1:${new URL(app.url).port}/`) && u.includes(alice.roomId))).toBe(true);
      await bob.until((v, id) => v.players.some((p) => p.id === id), alice.sessionId, "Bob sees Alice");
      await untilState(alice, () => alice.state.players?.get(view.sessionId)?.name === "Bob");
      expectNoPageErrors(file.players);
    } finally {
      await alice.leave().catch(() => undefined);
    }
  });
});
