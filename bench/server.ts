/**
 * The server under test: exactly what `npm start` builds (createServer: transport limits,
 * the arena, the lobby, metrics) plus the benchmark's two extra room types, the arena with
 * drones and the plain Colyseus reference. Run by bench/run.ts, pinned to its own core.
 *   PORT=2600 node --import tsx bench/server.ts
 */
import { createServer } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { roomClassFor } from "../server/kit/KitRoom.ts";
import { instrumentRoom } from "../server/metrics/serverMetrics.ts";
import { dronesArenaType } from "./rooms/dronesArenaType.ts";
import { PLAIN_ROOM, PlainRoom } from "./rooms/PlainRoom.ts";

const config = loadConfig({ ...process.env, METRICS: "1", HOST: process.env.HOST ?? "127.0.0.1" });
const server = createServer(config);
server
  .define(
    dronesArenaType.name,
    instrumentRoom(roomClassFor(dronesArenaType, { limits: { maxPlayers: dronesArenaType.defaultMaxPlayers }, maxInvalidMessages: config.MAX_INVALID_MESSAGES })),
  )
  .enableRealtimeListing()
  .sortBy({ clients: -1 });
server.define(PLAIN_ROOM, instrumentRoom(PlainRoom));
await server.listen(config.PORT, config.HOST);
console.log(JSON.stringify({ ready: true, port: config.PORT, pid: process.pid }));

// Exit through process.exit so that --cpu-prof writes its profile.
const stop = async (): Promise<void> => {
  await server.gracefullyShutdown(false).catch(() => undefined);
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
