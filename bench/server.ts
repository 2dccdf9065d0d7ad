/**
 * The server under test: exactly what `npm start` builds (createServer: transport limits,
 * the arena, the lobby, metrics), with the standard scenario's 200 drones per arena, plus the
 * plain Colyseus reference room. Run by bench/run.ts, pinned to its own core.
 *   PORT=2600 node --import tsx bench/server.ts
 */
import { Encoder } from "@colyseus/schema";
import { createServer } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { benchServerEnv } from "./serverEnv.ts";
import { instrumentRoom } from "../server/metrics/instrumentRoom.ts";
import { PLAIN_ROOM, PlainRoom, type PlainSetup } from "./rooms/PlainRoom.ts";
import { FLOOR_ROOM, FloorRoom } from "./rooms/FloorRoom.ts";

const config = loadConfig(benchServerEnv(process.env));
// A plain room of more than 16 players with its drones encodes more than @colyseus/schema's
// default 8 KB buffer per patch, which it grows with a warning on every patch; give it room up
// front, as its author would. The arena's per-client views stay far below it.
if ((config.roomMaxPlayers.arena ?? 16) > 16) Encoder.BUFFER_SIZE = 256 * 1024;
const server = createServer(config);
// The plain room gets the arena's seats and drones, so a big-room run compares like with like.
server.define(PLAIN_ROOM, instrumentRoom(PlainRoom), { seats: config.roomMaxPlayers.arena ?? 16, drones: config.ARENA_DRONES } satisfies PlainSetup);
server.define(FLOOR_ROOM, instrumentRoom(FloorRoom), { seats: config.roomMaxPlayers.arena ?? 16 });
await server.listen(config.PORT, config.HOST);
console.log(JSON.stringify({ ready: true, port: config.PORT, pid: process.pid }));

// Exit through process.exit so that --cpu-prof writes its profile.
const stop = async (): Promise<void> => {
  await server.gracefullyShutdown(false).catch(() => undefined);
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
