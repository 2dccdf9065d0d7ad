import type { BrowserContextOptions, Page } from "playwright-core";
import type { Connect4View, ReplayView, TestHooks, TestView } from "../../../game/testHooks.ts";
import { expect } from "vitest";
import { launchBrowser, type Browser, type LaunchOptions } from "./chromium.ts";

/**
 * How long a wait on the game may take before the scenario fails. A wait ends as soon as its
 * condition holds, so this only bounds a failure; 10 s because software WebGL on a loaded
 * two-core machine drops to a few frames a second (a 5 s wait for the server to take a new aim
 * failed there now and then).
 */
const DEFAULT_WAIT_MS = 10_000;
/** How long a page action (goto, click, fill) may take. */
const ACTION_TIMEOUT_MS = 10_000;

/** Frames seen since a watch began, and in how many its check held. */
export interface Tally {
  frames: number;
  held: number;
}

interface WatchGlobal {
  __e2eWatches?: Tally[];
}

/** The console hygiene every scenario ends with: no page logged an error or threw. */
export function expectNoPageErrors(players: readonly Player[]): void {
  for (const p of players) expect(p.errors, `${p.name}'s page logged errors`).toEqual([]);
}

/**
 * One simulated player: its own Chromium with a fresh profile, one page, and everything the
 * page logged. Reads the game only through `window.__skirmish` (copies of state).
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

  static async launch(name: string, chromiumPath: string, device?: LaunchOptions): Promise<Player> {
    const browser = await launchBrowser(chromiumPath, device);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // A click on a missing button fails in seconds, naming it, rather than at the scenario's timeout.
    page.setDefaultTimeout(ACTION_TIMEOUT_MS);
    return new Player(name, page, browser);
  }

  /** Open a page of the game (the menu, or where an invite link leads) and type the name, as a person would. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByLabel("Your name").fill(this.name);
  }

  /** Open the game, type the name and press Quick play, as a person would; resolves once in an arena room. */
  async quickPlay(url: string): Promise<void> {
    await this.open(url);
    await this.page.getByRole("button", { name: "Quick play" }).click();
    await this.inArena();
  }

  /** Resolves once this page shows an arena room with this player in it. */
  async inArena(): Promise<void> {
    await this.until((v) => v.camera !== undefined && v.players.some((p) => p.id === v.sessionId), undefined, `${this.name} is in a room`);
  }

  async view(): Promise<TestView> {
    const v = await this.page.evaluate(() => window.__skirmish?.view());
    if (!v) throw new Error(`${this.name} is not in an arena room`);
    return v;
  }

  async board(): Promise<Connect4View> {
    const v = await this.page.evaluate(() => window.__skirmish?.connect4());
    if (!v) throw new Error(`${this.name} is not in a Connect Four room`);
    return v;
  }

  /**
   * Wait, checking every animation frame in the page, until `check(view, arg)` holds.
   * `check` is sent to the page as source: it may use only its parameters and globals.
   * On timeout the error names `what` and shows the last view.
   */
  until<A>(check: (view: TestView, arg: A) => boolean, arg: A, what: string, timeout = DEFAULT_WAIT_MS): Promise<void> {
    return this.waitOn("view", check, arg, what, timeout);
  }

  /** `until` for a Connect Four room (`window.__skirmish.connect4()`). */
  untilBoard<A>(check: (view: Connect4View, arg: A) => boolean, arg: A, what: string, timeout = DEFAULT_WAIT_MS): Promise<void> {
    return this.waitOn("connect4", check, arg, what, timeout);
  }

  /** `until` for a replay being shown (`window.__skirmish.replay()`). */
  untilReplay<A>(check: (view: ReplayView, arg: A) => boolean, arg: A, what: string, timeout = DEFAULT_WAIT_MS): Promise<void> {
    return this.waitOn("replay", check, arg, what, timeout);
  }

  /** `until` for the page's signed-in account (`window.__skirmish.account()`). */
  untilAccount<A>(check: (account: { id: string; name: string }, arg: A) => boolean, arg: A, what: string, timeout = DEFAULT_WAIT_MS): Promise<void> {
    return this.waitOn("account", check, arg, what, timeout);
  }

  private async waitOn<V, A>(hook: keyof TestHooks, check: (view: V, arg: A) => boolean, arg: A, what: string, timeout: number): Promise<void> {
    try {
      await this.page.waitForFunction(
        ({ hook, source, arg }) => {
          const view = window.__skirmish?.[hook]();
          return view !== undefined && (0, eval)(`(${source})`)(view, arg) === true;
        },
        { hook, source: check.toString(), arg },
        { polling: "raf", timeout },
      );
    } catch (e) {
      const last = await this.page.evaluate((hook) => window.__skirmish?.[hook](), hook).catch(() => undefined);
      // A join the server refused says why on the menu.
      const menu = await this.page.evaluate(() => document.getElementById("menu-status")?.textContent ?? "").catch(() => "");
      throw new Error(`${this.name}: timed out after ${timeout} ms waiting until ${what}\nlast view: ${JSON.stringify(last)}\nmenu status: ${JSON.stringify(menu)}`, {
        cause: e,
      });
    }
  }

  /**
   * From now on, check `check(view, arg)` on every animation frame in the page and count the
   * frames where it holds; the returned function reads the tally. For "never" and "at some
   * point" claims, which a wait cannot make.
   */
  async watch<A>(check: (view: TestView, arg: A) => boolean, arg: A): Promise<() => Promise<Tally>> {
    const index = await this.page.evaluate(
      ({ source, arg }) => {
        const tallies = ((window as unknown as WatchGlobal).__e2eWatches ??= []);
        const tally = { frames: 0, held: 0 };
        tallies.push(tally);
        const check = (0, eval)(`(${source})`) as (view: TestView, arg: unknown) => boolean;
        const frame = (): void => {
          const view = window.__skirmish?.view();
          tally.frames++;
          if (view !== undefined && check(view, arg) === true) tally.held++;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
        return tallies.length - 1;
      },
      { source: check.toString(), arg },
    );
    return () => this.page.evaluate((i) => ({ ...(window as unknown as WatchGlobal).__e2eWatches![i]! }), index);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
