import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import express from "express";
import { defineRoom, defineServer, WebSocketTransport } from "colyseus";
import { PROTOCOL_VERSION, RoomName } from "../shared/protocol.ts";
import type { Config } from "./config.ts";
import { arenaRoom } from "./rooms/ArenaRoom.ts";

/** Where `vite build` writes the client; served at `/` when present. */
export const CLIENT_DIST = fileURLToPath(new URL("../dist/client", import.meta.url));

/**
 * The whole server, not yet listening: rooms, transport limits and HTTP routes.
 * Tests and the benchmark build it the same way `npm start` does.
 */
export function createServer(config: Config) {
  return defineServer({
    greet: false,
    gracefullyShutdown: false,
    transport: new WebSocketTransport({ maxPayload: config.MAX_PAYLOAD_BYTES }),
    rooms: {
      [RoomName.Arena]: defineRoom(arenaRoom({ maxPlayers: config.ARENA_MAX_PLAYERS, maxInvalidMessages: config.MAX_INVALID_MESSAGES })),
    },
    express: (app) => {
      app.get("/health", (_req, res) => {
        res.json({ ok: true, protocol: PROTOCOL_VERSION });
      });
      if (existsSync(CLIENT_DIST)) app.use(express.static(CLIENT_DIST));
    },
  });
}
