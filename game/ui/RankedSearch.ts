/**
 * The menu's Ranked button (beside Quick play, which stays): queues the selected game if it
 * has a ranked queue, else Connect Four, shows the search (rating, window, estimated wait)
 * with a Cancel button, and hands the matched seat on.
 */
import { RANKED_GAMES } from "../../shared/ranked/protocol.ts";
import { CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import type { SeatReservation } from "../../shared/seatReservation.ts";
import { describeStatus, RankedClient } from "../net/RankedClient.ts";
import { joinRanked } from "../net/socialConnect.ts";
import { byId } from "./dom.ts";

export class RankedSearch {
  private readonly root = byId<HTMLElement>("ranked-search");
  private readonly status = byId<HTMLElement>("ranked-status");
  private readonly button = byId<HTMLButtonElement>("ranked");
  private ticket: RankedClient | undefined;

  constructor(
    private readonly name: () => string | undefined,
    private readonly game: () => string,
    private readonly onMatched: (seat: SeatReservation) => void,
  ) {
    this.button.addEventListener("click", () => this.search());
    byId("ranked-cancel").addEventListener("click", () => void this.stop("Search cancelled."));
  }

  private search(): void {
    const name = this.name();
    if (!name || this.ticket) return;
    const game = RANKED_GAMES[this.game()] ? this.game() : CONNECT4_ROOM;
    this.show("Joining the ranked queue…");
    joinRanked(game, name).then(
      (room) => {
        this.ticket = new RankedClient(
          room,
          (s) => (this.status.textContent = describeStatus(s)),
          (seat) => {
            this.ticket = undefined;
            this.root.hidden = true;
            this.button.disabled = false;
            this.onMatched(seat);
          },
          () => void this.stop("The search ended (the server closed it). Press Ranked to search again."),
        );
      },
      (e: unknown) => void this.stop(e instanceof Error ? e.message : String(e)),
    );
  }

  private show(text: string): void {
    this.root.hidden = false;
    byId("ranked-cancel").hidden = false;
    this.button.disabled = true;
    this.status.textContent = text;
  }

  private async stop(message: string): Promise<void> {
    await this.ticket?.cancel();
    this.ticket = undefined;
    this.button.disabled = false;
    byId("ranked-cancel").hidden = true;
    this.status.textContent = message;
  }
}
