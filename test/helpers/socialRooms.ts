/**
 * The party and ranked-queue tests' shared moves: signed-in SDK clients, a queue whose
 * matching passes the test drives itself, and a socket dropped without a goodbye.
 */
import type { Client as SdkClient, Room } from "@colyseus/sdk";
import { matchMaker, type Client, type Room as ServerRoom } from "colyseus";
import type { WebSocketClient } from "@colyseus/ws-transport";
import { RANKED_ROOM } from "../../shared/ranked/protocol.ts";
import { guest } from "./authHttp.ts";
import { afterEach } from "vitest";
import { leaveAll, startTestServer, type TestServer } from "./testServer.ts";

/** A guest account's SDK client. */
export async function signedIn(s: TestServer, name: string): Promise<{ sdk: SdkClient; token: string; accountId: string }> {
  const g = await guest(s.url, name);
  const sdk = s.client();
  sdk.auth.token = g.token;
  return { sdk, token: g.token, accountId: g.account.id };
}

/** The queue room of `game`, made before anyone joins, with its own timer stopped: each `cycle()` is one matching pass. */
export async function manualQueue(game: string): Promise<{ room: ServerRoom & { reassignMatchGroups(): void }; cycle(n?: number): void }> {
  const cache = await matchMaker.createRoom(RANKED_ROOM, { game });
  const room = matchMaker.getLocalRoomById(cache.roomId) as ServerRoom & { reassignMatchGroups(): void };
  room.setTimestep();
  return {
    room,
    cycle: (n = 1) => {
      for (let i = 0; i < n; i++) room.reassignMatchGroups();
    },
  };
}

/** Resolve once the server room's onLeave has run for `sessionId`. */
export function serverLeft(room: ServerRoom, sessionId: string): Promise<void> {
  return new Promise((resolve) => {
    const original = room.onLeave?.bind(room);
    room.onLeave = async (client: Client, code?: number) => {
      await original?.(client, code);
      if (client.sessionId === sessionId) resolve();
    };
  });
}

/** Drop `client`'s socket as a dead network would: no close frame, no goodbye. */
export function dropSocket(server: ServerRoom, client: Room): void {
  client.reconnection.enabled = false;
  (server.clients.getById(client.sessionId) as unknown as WebSocketClient).ref.terminate();
}

/**
 * A fresh test server per test, stopped after it, and the SDK rooms to leave first: call at the
 * top of a test file. `start` is the test's server; `open` collects rooms to leave.
 */
export function serverPerTest(): { start: typeof startTestServer; open: Room[] } {
  let server: TestServer | undefined;
  const open: Room[] = [];
  afterEach(async () => {
    await leaveAll(open);
    await server?.stop();
    server = undefined;
  });
  return { open, start: async (...args) => (server = await startTestServer(...args)) };
}
