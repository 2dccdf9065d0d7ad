/** The server process: read the configuration, serve the game. Started by server/start.mjs. */
import type { AddressInfo } from "node:net";
import { createServer, CLIENT_DIST } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { startHosting } from "./hosting/startHosting.ts";
import { log } from "./log.ts";

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

const server = createServer(config, await startHosting(config));
await server.listen(config.PORT, config.HOST);
// The bound port, not the configured one: PORT=0 asks the OS for a free port (the browser tests do).
const port = (server.transport.server!.address() as AddressInfo).port;
log.info("skirmish listening", { url: `http://localhost:${port}`, host: config.HOST, client: CLIENT_DIST });

const stop = async (): Promise<void> => {
  await server.gracefullyShutdown(false);
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
