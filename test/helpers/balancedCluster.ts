/**
 * The load balancer as shipped, for the tests that go through it: deploy/nginx/skirmish.conf
 * rendered by scripts/nginxConf.ts, run by nginx (nginxServer.ts) with TLS on a free port, in
 * front of two real server processes (startApp) over the test Redis, each with
 * PUBLIC_ADDRESS=<nginx>/sN, TRUST_PROXY=1 and ALLOWED_ORIGINS=<nginx's origin>. The test
 * process trusts the certificate; Chromium is given its key's hash (`certs.leaf.spki`).
 */
import { renderNginxConf } from "../../scripts/nginxConf.ts";
import { randomBytes } from "node:crypto";
import { startApp, type App } from "../e2e/helpers/app.ts";
import { freshPostgres } from "./testDatabases.ts";
import { startNginx, type NginxServer } from "./nginxServer.ts";
import { freePort } from "./redisServer.ts";
import { makeTestCerts, trustInThisProcess, type TestCerts } from "./testCert.ts";
import { testRedis, type TestRedis } from "./testRedis.ts";

export interface Site {
  app: App;
  /** The process's address as nginx logs it ($upstream_addr). */
  upstream: string;
  /** Its location in nginx, e.g. "/s1/". */
  prefix: string;
}

export interface BalancedCluster {
  /** nginx's origin, https://127.0.0.1:PORT: the only address clients use. */
  base: string;
  sites: Site[];
  nginx: NginxServer;
  redis: TestRedis;
  certs: TestCerts;
  /** The process holding a room (from its listing in Redis), and the other one. */
  sides(roomId: string): Promise<{ holder: Site; other: Site }>;
  stop(): Promise<void>;
}

/** Start it all; `env` adds to every process's environment. */
export async function startBalancedCluster(db: number, env: Record<string, string> = {}): Promise<BalancedCluster> {
  const certs = makeTestCerts();
  trustInThisProcess(certs.caPem);
  const redis = await testRedis(db);
  const sites: Site[] = [];
  let nginx: NginxServer | undefined;
  const stop = async (): Promise<void> => {
    await nginx?.stop();
    await Promise.all(sites.map((s) => s.app.stop()));
    await redis.close();
    certs.remove();
  };
  try {
    const [edge, ...ports] = [await freePort(), await freePort(), await freePort()];
    const base = `https://127.0.0.1:${edge}`;
    // A cluster shares its accounts as it shares its rooms: one database and one signing key.
    const shared = { DATABASE_URL: await freshPostgres(), AUTH_SECRET: randomBytes(32).toString("base64url") };
    for (const [i, port] of ports.entries()) {
      const prefix = `/s${i + 1}/`;
      const app = await startApp({ PORT: String(port), REDIS_URL: redis.url, PUBLIC_ADDRESS: `127.0.0.1:${edge}/s${i + 1}`, TRUST_PROXY: "1", ALLOWED_ORIGINS: base, ...shared, ...env });
      sites.push({ app, upstream: `127.0.0.1:${port}`, prefix });
    }
    nginx = await startNginx(
      renderNginxConf({ SERVER_NAME: "localhost", LISTEN: `127.0.0.1:${edge}`, CERT_FILE: certs.leaf.certFile, KEY_FILE: certs.leaf.keyFile, PROCESS_1: sites[0]!.upstream, PROCESS_2: sites[1]!.upstream }),
    );
    const sides = async (roomId: string) => {
      const listing = JSON.parse((await redis.client.hget("roomcaches", roomId)) ?? "{}") as { publicAddress?: string };
      const holder = sites.find((s) => listing.publicAddress === `127.0.0.1:${edge}${s.prefix.slice(0, -1)}`);
      if (!holder) throw new Error(`room ${roomId} has publicAddress ${listing.publicAddress}, which is neither process`);
      return { holder, other: sites.find((s) => s !== holder)! };
    };
    return { base, sites, nginx, redis, certs, sides, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
