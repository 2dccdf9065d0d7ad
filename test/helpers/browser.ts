/**
 * The real client in real Chromium: a production build of game/ (with the read-only test
 * hooks), served from its own port and pointed at a test server, as `npm run dev` points
 * Vite's page at the game server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { chromium, type Browser } from "playwright-core";
import { build } from "vite";

/** Debian's Chromium, as npm test installs it; CHROMIUM_PATH overrides. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface BrowserRig<S> {
  browser: Browser;
  /** The page's URL. */
  pageUrl: string;
  /** The game server, started for the page's origin. */
  server: S;
  close(): Promise<void>;
}

/**
 * Serve the client from a port of its own, start the game server with `startServer(pageOrigin)`
 * (the page is another origin, so the server must allow it: ALLOWED_ORIGINS, as `npm run dev`
 * sets it), build the client for that server, and start a headless Chromium.
 * @example const rig = await startBrowserRig((origin) => startTestServer({ ALLOWED_ORIGINS: origin }));
 */
export async function startBrowserRig<S extends { url: string }>(startServer: (pageOrigin: string) => Promise<S>): Promise<BrowserRig<S>> {
  const outDir = mkdtempSync(join(tmpdir(), "skirmish-client-"));
  const app = express().use(express.static(outDir));
  const http = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const pageOrigin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const server = await startServer(pageOrigin);
  // Vite takes VITE_* variables from the environment at build time.
  process.env.VITE_SERVER_URL = server.url;
  process.env.VITE_TEST_HOOKS = "1";
  await build({ configFile: "vite.config.ts", logLevel: "silent", build: { outDir, emptyOutDir: true } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  return {
    browser,
    pageUrl: `${pageOrigin}/`,
    server,
    async close() {
      await browser.close();
      await new Promise((resolve) => http.close(resolve));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
