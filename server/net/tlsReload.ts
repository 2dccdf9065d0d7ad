/**
 * Certificate renewal without a restart: on SIGHUP (certbot's deploy hook, `systemctl
 * reload`), the TLS files are read and checked again and, if good, become the server's
 * secure context for new handshakes. Open connections, and so every room, are untouched.
 * Bad files are logged and the running certificate stays.
 */
import type { Server as HttpsServer } from "node:https";
import { log } from "../log.ts";
import { readTls, type TlsSettings } from "./tlsFiles.ts";

/** Reload once: true when the new files were taken. */
export function reloadTls(server: HttpsServer, files: TlsSettings["files"]): boolean {
  const read = readTls(files);
  if (!read.ok) {
    log.warn("tls reload refused; keeping the running certificate", { problems: read.issues.map((i) => i.trim()).join("; ") });
    return false;
  }
  server.setSecureContext(read.value.material);
  log.info("tls certificate reloaded", read.value.summary);
  return true;
}

/** Reload on every SIGHUP for as long as the process runs. */
export function reloadTlsOnSighup(server: HttpsServer, files: TlsSettings["files"]): void {
  process.on("SIGHUP", () => void reloadTls(server, files));
}

/**
 * The one warning for a production host that would send tokens and chat in the clear:
 * NODE_ENV=production with neither TLS here nor TRUST_PROXY (a proxy that terminates TLS).
 */
export function plainHttpWarning(config: { production: boolean; tls: unknown; trustProxy: { kind: string } }): string | undefined {
  if (!config.production || config.tls || config.trustProxy.kind !== "none") return undefined;
  return "serving plain HTTP in production: set TLS_CERT_FILE and TLS_KEY_FILE, or put a TLS proxy in front and set TRUST_PROXY (docs/security.md)";
}
