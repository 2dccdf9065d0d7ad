/**
 * Certificate renewal picked up by watching TLS_CERT_FILE, TLS_KEY_FILE (and TLS_CA_FILE):
 * for hosts whose renewal tool writes the files and sends no signal. The folders are watched,
 * not the files, because renewals often replace a file (a rename, or certbot's symlinks)
 * rather than write into it. Changes are debounced so that a certificate and its key written
 * one after the other are read together, then go through the same reload as SIGHUP
 * (tlsReload.ts): checked, and refused with the running certificate kept if bad.
 */
import { watch, type FSWatcher } from "node:fs";
import { basename, dirname } from "node:path";
import type { Server as HttpsServer } from "node:https";
import { log } from "../log.ts";
import { reloadTls } from "./tlsReload.ts";
import type { TlsSettings } from "./tlsFiles.ts";

/** Long enough for a renewal to write both files; short enough to serve the new one at once. */
export const TLS_WATCH_DEBOUNCE_MS = 1000;

/** Watch the files for as long as the server runs; returns a stop function. */
export function reloadTlsOnFileChange(server: HttpsServer, files: TlsSettings["files"], debounceMs = TLS_WATCH_DEBOUNCE_MS): () => void {
  const paths = [files.certFile, files.keyFile, files.caFile].filter((p): p is string => p !== undefined);
  const names = new Map<string, Set<string>>();
  for (const p of paths) names.set(dirname(p), (names.get(dirname(p)) ?? new Set()).add(basename(p)));
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void reloadTls(server, files), debounceMs);
    timer.unref();
  };
  const watchers: FSWatcher[] = [];
  for (const [dir, wanted] of names) {
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        if (name === null || wanted.has(String(name))) changed();
      });
      w.on("error", (e) => log.warn("tls file watch failed; reload with SIGHUP", { dir, error: e.message }));
      watchers.push(w);
    } catch (e) {
      log.warn("tls file watch failed; reload with SIGHUP", { dir, error: e instanceof Error ? e.message : String(e) });
    }
  }
  server.once("close", () => stop());
  const stop = () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
  return stop;
}
