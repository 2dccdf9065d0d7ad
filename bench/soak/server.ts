/**
 * The soak's server process: exactly what `npm start` builds (createServer, the configuration
 * from the environment, graceful shutdown on SIGTERM), plus answers to the soak runner's
 * probes over the IPC channel it was spawned with: memory, rooms, clients, and the
 * process's live handles (timers, sockets) so leaks show once everyone has left.
 * No HTTP route: nothing here is reachable from the network.
 */
import type { AddressInfo } from "node:net";
import { matchMaker } from "colyseus";
import { createServer } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { shutdownGracefully } from "../../server/shutdown.ts";

export interface SoakProbe {
  rssMb: number;
  heapUsedMb: number;
  rooms: number;
  clients: number;
  /** process.getActiveResourcesInfo(), counted by kind (Timeout, TCPSocketWrap, ...). */
  resources: Record<string, number>;
  /** Listeners on the process object (a leak here grows with every room or client). */
  processListeners: number;
}

const config = loadConfig();
const server = createServer(config);
await server.listen(config.PORT, config.HOST);
const port = (server.transport.server!.address() as AddressInfo).port;

const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

function probe(): SoakProbe {
  const resources: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) resources[r] = (resources[r] ?? 0) + 1;
  const mem = process.memoryUsage();
  const processListeners = process.eventNames().reduce((n, e) => n + process.listenerCount(e), 0);
  return { rssMb: mb(mem.rss), heapUsedMb: mb(mem.heapUsed), rooms: matchMaker.stats.local.roomCount, clients: matchMaker.stats.local.ccu, resources, processListeners };
}

process.on("message", (m: unknown) => {
  if (m === "probe") process.send?.({ probe: probe() });
  if (m === "gc") {
    globalThis.gc?.();
    process.send?.({ gc: true });
  }
});
process.send?.({ ready: true, port });
process.once("SIGTERM", async () => {
  await shutdownGracefully(server, 0).catch(() => undefined);
  process.exit(0);
});
