/**
 * Debian's nginx (npm test installs it) run by a test in the foreground, in a temporary
 * prefix directory of its own (its config, pid file, temp paths and access log), on the
 * ports its site config names, and stopped however the test run ends (serviceProcess.ts).
 * `master_process off`: one process, so the parent-death guard covers all of nginx (a
 * master's workers would outlive a killed master).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findNeed, SYSTEM_NEEDS } from "../../scripts/setup/systemNeeds.ts";
import { startServiceProcess } from "./serviceProcess.ts";

export const NGINX_INSTALL_HINT = "sudo apt-get install -y nginx";

export interface NginxServer {
  dir: string;
  /** The access log so far: one `<upstream> <status> <method> <uri>` line per request. */
  accessLog(): string[];
  stop(): Promise<void>;
}

/** Start nginx with `site` (a server{} block, as deploy/nginx/skirmish.conf is) inside a minimal http{}. */
export async function startNginx(site: string): Promise<NginxServer> {
  const dir = mkdtempSync(join(tmpdir(), "skirmish-nginx-"));
  // Workers of a root nginx run as nobody; the temp paths must be theirs to write.
  chmodSync(dir, 0o755);
  for (const t of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
    mkdirSync(join(dir, t));
    chmodSync(join(dir, t), 0o777);
  }
  writeFileSync(join(dir, "site.conf"), site);
  writeFileSync(
    join(dir, "nginx.conf"),
    [
      "master_process off;",
      "daemon off;",
      `pid ${join(dir, "nginx.pid")};`,
      // notice: the start-up lines, the last of which (getrlimit) says the sockets are bound.
      "error_log stderr notice;",
      "events { worker_connections 1024; }",
      "http {",
      ...["body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t === "body" ? "client_body" : t}_temp_path ${join(dir, t)};`),
      "  log_format skirmish_test '$upstream_addr $status $request_method $request_uri';",
      `  access_log ${join(dir, "access.log")} skirmish_test;`,
      `  include ${join(dir, "site.conf")};`,
      "}",
      "",
    ].join("\n"),
  );
  const need = SYSTEM_NEEDS.find((n) => n.binary === "nginx")!;
  const binary = findNeed(need, process.env.PATH ?? "") ?? "nginx";
  let proc;
  try {
    proc = await startServiceProcess({
      command: binary,
      // -e: the log before the config is read (the compiled-in /var/log/nginx may not be writable).
      args: ["-e", "stderr", "-p", dir, "-c", join(dir, "nginx.conf")],
      ready: /getrlimit\(RLIMIT_NOFILE\)/,
      installHint: NGINX_INSTALL_HINT,
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    dir,
    accessLog: () => {
      try {
        return readFileSync(join(dir, "access.log"), "utf8").split("\n").filter(Boolean);
      } catch {
        return [];
      }
    },
    async stop() {
      await proc.stop("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
