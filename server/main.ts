/** The server process: read the configuration, serve the game. Started by server/start.mjs. */
import { createServer, CLIENT_DIST } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
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

const server = createServer(config);
await server.listen(config.PORT, config.HOST);
log.info("skirmish listening", { url: `http://localhost:${config.PORT}`, host: config.HOST, client: CLIENT_DIST });

const stop = async (): Promise<void> => {
  await server.gracefullyShutdown(false);
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
