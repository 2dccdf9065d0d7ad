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

/** Debian's Chromium, as .ci/run installs it; CHROMIUM_PATH overrides. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface BrowserRig {
  browser: Browser;
  /** The page's URL. */
  pageUrl: string;
  close(): Promise<void>;
}

/** Build the client for `serverUrl`, serve it, and start a headless Chromium. */
export async function startBrowserRig(serverUrl: string): Promise<BrowserRig> {
  const outDir = mkdtempSync(join(tmpdir(), "skirmish-client-"));
  // Vite takes VITE_* variables from the environment at build time.
  process.env.VITE_SERVER_URL = serverUrl;
  process.env.VITE_TEST_HOOKS = "1";
  await build({ configFile: "vite.config.ts", logLevel: "silent", build: { outDir, emptyOutDir: true } });
  const app = express().use(express.static(outDir));
  const http = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  return {
    browser,
    pageUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    async close() {
      await browser.close();
      await new Promise((resolve) => http.close(resolve));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
