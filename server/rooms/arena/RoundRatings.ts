/**
 * Arena rounds, rated (docs/accounts.md, "Arena ratings"): each round is one match, ranked by
 * final score (one openskill team per player; equal scores share a place), with each player's
 * kills (= score), deaths and time played as stats.
 *
 * Who counts: a signed-in human still seated at the round's end who was in the round for at
 * least MIN_SHARE of its playing time. Bots (and anonymous seats) are left out of the ranking
 * entirely, so a human's rating moves only against other rated humans; a round with fewer than
 * two of them is not recorded. Counting is a map add per tick; the write happens at the
 * round's end, beside the game (services.recordMatch), never on the tick.
 */
import type { PlayerSim } from "../../../shared/arena/world.ts";
import type { MatchPlayer } from "../../store/ratingStore.ts";
import type { RoomServices } from "../../kit/RoomType.ts";

/** The share of a round's playing time a player must have been in it to be rated. */
export const MIN_SHARE = 0.5;

export class RoundRatings {
  /** ms each player id was in the current round while it was playing. */
  private readonly presence = new Map<string, number>();
  private roundMs = 0;

  constructor(private readonly services: Pick<RoomServices, "roomId" | "accountOf" | "recordMatch">) {}

  /** `ms` of playing time passed with these players in the world. */
  played(players: Iterable<string>, ms: number): void {
    this.roundMs += ms;
    for (const id of players) this.presence.set(id, (this.presence.get(id) ?? 0) + ms);
  }

  /** The round ended with `players` in the world: record it (when it has two rated players) and start counting afresh. */
  roundEnded(round: number, players: Iterable<PlayerSim>): void {
    const roundMs = this.roundMs;
    const timeOf = (id: string) => Math.min(roundMs, this.presence.get(id) ?? 0);
    const rated = [...players].filter((p) => this.services.accountOf(p.id) !== undefined && roundMs > 0 && timeOf(p.id) >= MIN_SHARE * roundMs);
    const entries: MatchPlayer[] = rated.map((p) => ({
      accountId: this.services.accountOf(p.id)!,
      place: 1 + rated.filter((o) => o.score > p.score).length,
      kills: p.score,
      deaths: p.deaths,
      playedMs: timeOf(p.id),
    }));
    this.presence.clear();
    this.roundMs = 0;
    if (entries.length >= 2) this.services.recordMatch({ matchId: `${this.services.roomId}:r${round}`, game: "arena", players: entries });
  }
}
