/**
 * The server under test: exactly what `npm start` builds (createServer: transport limits,
 * the arena, the lobby, metrics), with the standard scenario's 200 drones per arena, plus the
 * plain Colyseus reference room. Run by bench/run.ts, pinned to its own core.
 *   PORT=2600 node --import tsx bench/server.ts
 */
import { createServer } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { instrumentRoom } from "../server/metrics/instrumentRoom.ts";
import { DRONES_PER_ROOM, PLAIN_ROOM, PlainRoom } from "./rooms/PlainRoom.ts";
import { FLOOR_ROOM, FloorRoom } from "./rooms/FloorRoom.ts";

const config = loadConfig({
  ARENA_DRONES: String(DRONES_PER_ROOM),
  // Every load client connects from 127.0.0.1: raise the per-address limits (docs/security.md)
  // far above the ~1000 clients a run opens, rather than measure the limiter's refusals.
  MAX_CONNECTIONS_PER_IP: "100000",
  MATCHMAKE_PER_IP_PER_MINUTE: "10000000",
  MAX_ROOMS: "10000",
  ...process.env,
  METRICS: "1",
  HOST: process.env.HOST ?? "127.0.0.1",
});
const server = createServer(config);
server.define(PLAIN_ROOM, instrumentRoom(PlainRoom));
server.define(FLOOR_ROOM, instrumentRoom(FloorRoom));
await server.listen(config.PORT, config.HOST);
console.log(JSON.stringify({ ready: true, port: config.PORT, pid: process.pid }));

// Exit through process.exit so that --cpu-prof writes its profile.
const stop = async (): Promise<void> => {
  await server.gracefullyShutdown(false).catch(() => undefined);
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
