import { Phase } from "../../shared/arena/round.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import type { GameFeedback } from "../fx/GameFeedback.ts";
import { countdown } from "../fx/roundSummary.ts";
import { byId, el } from "./dom.ts";

/**
 * The arena's feedback text over the game: the kill feed (top left), the respawn countdown
 * while the local player is out, "Round N: go!" as a round starts, and 3, 2, 1 before it.
 * Drawing only: GameFeedback decides what there is to show.
 */
export class FeedbackHud {
  private readonly feed = byId<HTMLOListElement>("kill-feed");
  private readonly respawn = byId<HTMLElement>("respawn");
  private readonly go = byId<HTMLElement>("round-go");
  /** The feed's newest entry id last drawn: the list is rebuilt only when it changes. */
  private drawn = "";

  render(feedback: GameFeedback, state: ArenaState, now: number): void {
    const entries = feedback.feed.current(now);
    const key = entries.map((e) => e.id).join(",");
    if (key !== this.drawn) {
      this.drawn = key;
      this.feed.replaceChildren(
        ...entries.map((e) => {
          const li = el("li");
          li.append(el("span", e.killer, "killer"), el("span", " ✕ ", "verb"), el("span", e.victim, "victim"));
          if (e.mine) li.classList.add("mine");
          return li;
        }),
      );
    }
    this.feed.hidden = entries.length === 0;

    const respawnIn = feedback.respawnIn(now);
    this.show(this.respawn, respawnIn === undefined || state.phase !== Phase.Playing ? "" : `You were knocked out. Back in ${respawnIn}…`);

    const round = feedback.goShowing(now);
    const count = state.phase === Phase.Intermission ? countdown(state.secondsLeft) : undefined;
    this.show(this.go, round !== undefined ? `Round ${round}: go!` : count !== undefined ? String(count) : "");
    this.go.classList.toggle("count", count !== undefined && round === undefined);
  }

  hide(): void {
    for (const e of [this.feed, this.respawn, this.go]) e.hidden = true;
    this.drawn = "";
  }

  private show(e: HTMLElement, text: string): void {
    if (e.textContent !== text) e.textContent = text;
    e.hidden = text === "";
  }
}
