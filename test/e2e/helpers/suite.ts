/**
 * The frame of a browser test file with one server for the whole file: the client is built and
 * the server started once; each scenario launches fresh browsers (its own profiles) that are
 * closed after it, with screenshots, logs and the server's output saved when it fails.
 */
import { afterAll, afterEach, beforeAll } from "vitest";
import { buildClient, startApp, type App } from "./app.ts";
import { clearFailures, saveFailure } from "./artifacts.ts";
import { findChromium, type LaunchOptions } from "./chromium.ts";
import { Player } from "./Player.ts";

export interface FileServer {
  /** The file's server (set once beforeAll has run). */
  readonly app: App;
  /** This scenario's players so far. */
  readonly players: readonly Player[];
  /** A fresh browser for this scenario, as a desktop window or `device` (e.g. PHONE). */
  launch(name: string, device?: LaunchOptions): Promise<Player>;
  /** Something else to undo after each scenario (an SDK client to leave). */
  afterEach(cleanup: () => Promise<void>): void;
}

/**
 * Call at the top of a describe(): `suite` names its folder in test-results/e2e-failures/;
 * `env` is the server's environment beyond startApp's (the TLS test's certificate files).
 */
export function serverPerFile(suite: string, env: Record<string, string> = {}): FileServer {
  let app: App | undefined;
  const players: Player[] = [];
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    clearFailures(suite);
    // Built before the server starts: it serves dist/client only if it exists at start.
    await buildClient();
    app = await startApp(env);
  }, 60_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await saveFailure(suite, task.name, players, app);
    await Promise.all(players.map((p) => p.close()));
    await Promise.all(cleanups.map((c) => c().catch(() => undefined)));
    players.length = 0;
    cleanups.length = 0;
  }, 30_000);

  afterAll(async () => {
    await app?.stop();
  });

  return {
    get app() {
      if (!app) throw new Error("the file's server has not started");
      return app;
    },
    players,
    async launch(name, device) {
      // Here rather than in beforeAll, so that without Chromium each scenario fails saying how to install it.
      const p = await Player.launch(name, findChromium(), device);
      players.push(p);
      return p;
    },
    afterEach(cleanup) {
      cleanups.push(cleanup);
    },
  };
}
