/** Entry point of `npm start`: check Node, read the configuration, serve the game. */
import { nodeVersionProblem } from "./nodeVersion.ts";

const problem = nodeVersionProblem();
if (problem) {
  console.error(problem);
  process.exit(1);
}

const { loadConfig, ConfigError } = await import("./config.ts");
const { createServer, CLIENT_DIST } = await import("./app.ts");
const { log } = await import("./log.ts");

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
