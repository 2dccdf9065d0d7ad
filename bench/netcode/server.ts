/**
 * The netcode benchmark's server: a real Skirmish server built as `npm start` builds it, in this
 * process on an ephemeral port (so the benchmark can read the server's own intent-delay histogram
 * and its resume rings), with the network conditioner in front of it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { matchMaker } from "colyseus";
import { createServer } from "../../server/app.ts";
import { Accounts } from "../../server/auth/Accounts.ts";
import { loadConfig } from "../../server/config.ts";
import { startNetConditioner, type NetConditioner } from "../../server/dev/NetConditioner.ts";
import type { NetConditions } from "../../server/dev/netPresets.ts";

export interface BenchServer {
  net: NetConditioner;
  room<T>(roomId: string): T;
  stop(): Promise<void>;
}

export async function startBenchServer(seed: number, conditions: NetConditions): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), "skirmish-netcode-"));
  // Rates lifted so scripted players are never throttled; a reconnect window well past the 5 s drop.
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: process.env.LOG_LEVEL ?? "silent", DATA_DIR: dir, REPLAYS: "0", RECONNECT_SECONDS: "30", MAX_MESSAGES_PER_SECOND: "1000", MAX_HTTP_CONNECTIONS_PER_IP: "100000" });
  const accounts = await Accounts.open({ databaseUrl: config.DATABASE_URL, dataDir: ":memory:", secret: config.AUTH_SECRET, seasons: { epochMs: config.SEASON_EPOCH, lengthDays: config.SEASON_LENGTH_DAYS } });
  const server = createServer(config, { accounts });
  await server.listen(0, "127.0.0.1");
  const port = (server.transport.server!.address() as AddressInfo).port;
  const net = await startNetConditioner({ target: { port }, seed, conditions });
  return {
    net,
    room<T>(roomId: string): T {
      const room = matchMaker.getLocalRoomById(roomId);
      if (!room) throw new Error(`no local room ${roomId}`);
      return room as T;
    },
    async stop() {
      await net.close();
      await matchMaker.disconnectAll();
      await server.gracefullyShutdown(false);
      await accounts.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
