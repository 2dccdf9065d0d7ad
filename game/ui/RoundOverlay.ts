import { Phase } from "../../shared/arena/round.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { bestPlayer, ranking } from "../fx/roundSummary.ts";
import { byId, el } from "./dom.ts";
import { RoundReplayLink } from "./RoundReplayLink.ts";

const clock = (s: number): string => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;

/** The round clock while playing, and the final scoreboard, with the round's best player, during the intermission. */
export class RoundOverlay {
  private readonly clock = byId<HTMLElement>("round-clock");
  private readonly end = byId<HTMLElement>("round-end");
  private shownRound = -1;
  private readonly replay = new RoundReplayLink();

  /** `roomId`: a live room's, whose round screen offers the replay so far (not for a replay or a spectator). */
  render(state: ArenaState, roomId?: string): void {
    const over = state.phase === Phase.Intermission;
    this.clock.hidden = over;
    this.clock.textContent = `Round ${state.round} · ${clock(state.secondsLeft)}`;
    this.end.hidden = !over;
    if (!over) return;
    byId("round-end-next").textContent = `Next round in ${state.secondsLeft} s`;
    if (this.shownRound === state.round) return;
    this.shownRound = state.round;
    if (roomId) this.replay.offer(roomId);
    else this.replay.clear();
    byId("round-end-title").textContent = `Round ${state.round} over`;
    const players = [...(state.players?.values() ?? [])];
    const best = bestPlayer(players);
    byId("round-end-best").textContent = best ? `Best player: ${best.name}, ${best.score} ${best.score === 1 ? "kill" : "kills"}` : "No kills this round.";
    byId("round-end-ranking").replaceChildren(...ranking(players).map((p) => el("li", `${p.name}: ${p.score} kills, ${p.deaths} deaths`)));
  }

  hide(): void {
    this.clock.hidden = true;
    this.end.hidden = true;
    this.shownRound = -1;
    this.replay.clear();
  }
}
