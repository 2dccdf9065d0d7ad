/**
 * The system Chromium (Debian's package), driven by playwright-core. We never download a
 * browser: npm test installs Chromium with apt-get, and a machine without it must fail loudly.
 */
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { chromium, type BrowserContext, type BrowserContextOptions } from "playwright-core";

export const INSTALL_HINT = "apt-get install -y chromium";

/** Flags for a quiet, deterministic headless browser with software rendering and no side traffic. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A small laptop window: software WebGL on a two-core CI box manages about 25 fps at this size, 10 at 1024×640. */
export const VIEWPORT = { width: 800, height: 500 };

/**
 * A phone as Chromium's device emulation has it: a 390×844 portrait viewport (a current
 * mid-size phone), touch events, `pointer: coarse`, a mobile user agent. Scale factor 2
 * rather than the phone's 3, to spare software WebGL a ninefold canvas.
 */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  userAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
};

/** The path of `chromium` on `pathEnv` (like `which chromium`). Throws how to install it when missing. */
export function findChromium(pathEnv: string = process.env.PATH ?? ""): string {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, "chromium");
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory; keep looking
    }
  }
  throw new Error(
    `The browser tests need Chromium, and there is no "chromium" on PATH.\n` +
      `Install it (Debian/Ubuntu): sudo ${INSTALL_HINT}\n` +
      `npm test installs it itself when it can (as root, or with sudo -n).`,
  );
}

/** The window (BrowserContextOptions), plus Chromium flags added to ARGS (the TLS test trusts its key with one). */
export type LaunchOptions = BrowserContextOptions & { args?: readonly string[] };

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * One browser per simulated player, each with its own fresh profile, so players share no
 * cookies, storage or cache (Playwright refuses --user-data-dir in launch(), hence the
 * persistent context on a new temporary directory). `device` is the window: a small laptop's
 * by default, or PHONE.
 */
export async function launchBrowser(executablePath: string, device: LaunchOptions = { viewport: VIEWPORT }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "skirmish-e2e-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath, ...device, args: [...ARGS, ...(device.args ?? [])] });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
