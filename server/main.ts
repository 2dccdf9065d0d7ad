/** The server process: read the configuration, serve the game. Started by server/start.mjs. */
import type { Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createServer, CLIENT_DIST } from "./app.ts";
import { Accounts } from "./auth/Accounts.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { startHosting } from "./hosting/startHosting.ts";
import { initLog, log } from "./log.ts";
import { plainHttpWarning, reloadTlsOnSighup } from "./net/tlsReload.ts";
import { reloadTlsOnFileChange } from "./net/tlsWatch.ts";
import { shutdownGracefully } from "./shutdown.ts";

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

// Before anything logs (startHosting does); createServer applies the same settings again.
initLog(config.log);
const accounts = await Accounts.open({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, secret: config.AUTH_SECRET, seasons: { epochMs: config.SEASON_EPOCH, lengthDays: config.SEASON_LENGTH_DAYS } });
log.info("accounts database ready", { database: accounts.kind });
const server = createServer(config, { redis: await startHosting(config), accounts });
await server.listen(config.PORT, config.HOST);
// The bound port, not the configured one: PORT=0 asks the OS for a free port (the browser tests do).
const port = (server.transport.server!.address() as AddressInfo).port;
const scheme = config.tls ? "https" : "http";
log.info("skirmish listening", { url: `${scheme}://localhost:${port}`, host: config.HOST, client: CLIENT_DIST, ...(config.tls ? { certificate: config.tls.summary.subject, expires: config.tls.summary.validTo } : {}) });
if (config.tls) {
  reloadTlsOnSighup(server.transport.server as HttpsServer, config.tls.files);
  reloadTlsOnFileChange(server.transport.server as HttpsServer, config.tls.files);
}
const warning = plainHttpWarning(config);
if (warning) log.warn(warning, {});

// A second signal during the grace period is not caught (once): it ends the process at once.
const stop = async (): Promise<void> => {
  try {
    await shutdownGracefully(server, config.SHUTDOWN_GRACE_SECONDS);
    await accounts.close();
    process.exit(0);
  } catch (e) {
    log.warn("shutdown failed", { error: e instanceof Error ? e.message : String(e) });
    process.exit(1);
  }
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
