import type { Page } from "playwright-core";
import type { TestView } from "../../../game/testHooks.ts";
import { launchBrowser, type Browser } from "./chromium.ts";

/** How long a wait on the game may take before the scenario fails. */
const DEFAULT_WAIT_MS = 5_000;

/**
 * One simulated player: its own Chromium with a fresh profile, one page, and everything the
 * page logged. Reads the game only through `window.__skirmish.view()` (copies of state).
 */
export class Player {
  /** Every console line and uncaught exception, in order: written out when a scenario fails. */
  readonly log: string[] = [];
  /** Console errors and uncaught exceptions only: a healthy page has none. */
  readonly errors: string[] = [];

  private constructor(
    readonly name: string,
    readonly page: Page,
    private readonly browser: Browser,
  ) {
    page.on("console", (m) => {
      const line = `[${m.type()}] ${m.text()}`;
      this.log.push(line);
      if (m.type() === "error") this.errors.push(line);
    });
    page.on("pageerror", (e) => {
      const line = `[pageerror] ${e.stack ?? e.message}`;
      this.log.push(line);
      this.errors.push(line);
    });
  }

  static async launch(name: string, chromiumPath: string): Promise<Player> {
    const browser = await launchBrowser(chromiumPath);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    return new Player(name, page, browser);
  }

  /** Open the game, type the name and press Quick play, as a person would; resolves once in a room. */
  async quickPlay(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByLabel("Your name").fill(this.name);
    await this.page.getByRole("button", { name: "Quick play" }).click();
    await this.until((v) => v.camera !== undefined && v.players.some((p) => p.id === v.sessionId), undefined, `${this.name} is in a room`);
  }

  async view(): Promise<TestView> {
    const v = await this.page.evaluate(() => window.__skirmish?.view());
    if (!v) throw new Error(`${this.name} is not in a game`);
    return v;
  }

  /**
   * Wait, checking every animation frame in the page, until `check(view, arg)` holds.
   * `check` is sent to the page as source: it may use only its parameters and globals.
   * On timeout the error names `what` and shows the last view.
   */
  async until<A>(check: (view: TestView, arg: A) => boolean, arg: A, what: string, timeout = DEFAULT_WAIT_MS): Promise<void> {
    try {
      await this.page.waitForFunction(
        ({ source, arg }) => {
          const view = window.__skirmish?.view();
          return view !== undefined && (0, eval)(`(${source})`)(view, arg) === true;
        },
        { source: check.toString(), arg },
        { polling: "raf", timeout },
      );
    } catch (e) {
      const last = await this.page.evaluate(() => window.__skirmish?.view()).catch(() => undefined);
      throw new Error(`${this.name}: timed out after ${timeout} ms waiting until ${what}\nlast view: ${JSON.stringify(last)}`, { cause: e });
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
