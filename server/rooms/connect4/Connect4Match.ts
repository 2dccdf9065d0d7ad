import { Connect4Game } from "../../../shared/connect4/Connect4Game.ts";
import { Disc, discsOn, legalColumns, other, type Colour } from "../../../shared/connect4/board.ts";
import { CONNECT4_ROOM, Connect4Error, Connect4Msg, type Connect4Listing, type connect4Protocol } from "../../../shared/connect4/protocol.ts";
import { Connect4Player, type Connect4State } from "../../../shared/connect4/schema.ts";
import { MoveError, type Seat } from "../../../shared/kit/seats.ts";
import { RejectReason } from "../../../shared/protocol.ts";
import { randomInt } from "../../../shared/rng.ts";
import type { RoomServices } from "../../kit/RoomType.ts";

/** Connect Four's own replay note (the kit's are in shared/replay/format.ts). */
export const Connect4Note = { Colour: "@colour" } as const;

export interface Connect4Options {
  /** Always 2: the kit seats two players, and everyone after them spectates. */
  maxPlayers: number;
  turnSeconds: number;
}

/**
 * One Connect Four room: the shared rules (Connect4Game) bound to the room's state and
 * services, plus what only a server can do: colours by seat, the turn timer, rematches
 * and forfeits. Event-driven: every change comes from a message, a join/leave or the timer,
 * and is written to the state at once.
 */
export class Connect4Match {
  readonly game: Connect4Game;
  private readonly colours = new Map<string, Colour>();
  private timer: { clear(): void } | undefined;
  /** Wins by player name, kept after they leave: the replay's result. */
  private readonly winsByName = new Map<string, number>();
  /** The accounts playing this game, by colour, taken at its start (a forfeit's leaver is gone by the end). */
  private contestants: Array<{ accountId: string | undefined; colour: Colour }> = [];
  /** When the current game started (room clock, ms): its length is the players' time played. */
  private startedAt = 0;

  constructor(
    private readonly services: RoomServices<typeof connect4Protocol.toClient>,
    private readonly state: Connect4State,
    private readonly options: Connect4Options,
  ) {
    this.game = new Connect4Game(services.record);
    state.turnSeconds = options.turnSeconds;
    services.setListing({ turnSeconds: options.turnSeconds } satisfies Connect4Listing);
  }

  join(seat: Seat): void {
    if (seat.role === "spectator") {
      this.state.spectators++;
      return;
    }
    const colour = [...this.colours.values()].includes(Disc.Red) ? Disc.Yellow : Disc.Red;
    this.colours.set(seat.id, colour);
    this.noteColour(seat.id, colour);
    this.state.players.set(seat.id, new Connect4Player({ name: seat.name, colour }));
    if (!this.winsByName.has(seat.name)) this.winsByName.set(seat.name, 0);
    if (this.colours.size === 2) this.startGame();
  }

  leave(seat: Seat): void {
    if (seat.role === "spectator") {
      this.state.spectators = Math.max(0, this.state.spectators - 1);
      return;
    }
    const colour = this.colours.get(seat.id);
    this.colours.delete(seat.id);
    this.state.players.delete(seat.id);
    if (colour !== undefined && this.game.status === "playing") {
      this.game.forfeit(colour);
      this.finish();
    }
    // An offer was made to the player who left; the next opponent has not made one.
    this.state.players.forEach((p) => (p.rematch = false));
  }

  /** Away (connection dropped, seat held) or back; the turn timer keeps running either way. */
  setConnected(seat: Seat, connected: boolean): void {
    const p = this.state.players.get(seat.id);
    if (p) p.connected = connected;
  }

  /** Play a disc; a move naming another game or turn (`at`) was sent again or too late, and is refused. */
  drop(seat: Seat, column: number, at: { game?: number; turn?: number } = {}): void {
    if ((at.game !== undefined && at.game !== this.state.game) || (at.turn !== undefined && at.turn !== discsOn(this.state.board))) {
      throw new MoveError(Connect4Error.StaleMove, "that move was for an earlier turn; it was not played again");
    }
    this.game.play(this.colourOf(seat), column);
    this.afterMove(false);
  }

  /** Offer or accept a rematch; when both players have, a new game starts with colours swapped. */
  rematch(seat: Seat): void {
    if (this.game.status !== "over") throw new MoveError(Connect4Error.NoRematch, "a rematch can be offered once the game is over");
    if (this.colours.size < 2) throw new MoveError(Connect4Error.NoRematch, "waiting for an opponent to join");
    this.state.players.get(seat.id)!.rematch = true;
    let all = true;
    this.state.players.forEach((p) => (all &&= p.rematch));
    if (!all) return;
    for (const [id, colour] of this.colours) {
      this.colours.set(id, other(colour));
      this.noteColour(id, other(colour));
      this.state.players.get(id)!.colour = other(colour);
    }
    this.startGame();
  }

  /** The replay list's result: games played and each player's wins. */
  result(): { games: number; wins: Record<string, number> } {
    return { games: this.state.game, wins: Object.fromEntries(this.winsByName) };
  }

  /** Tell one client the server clock, so it can count down to `turnDeadline`. */
  sendClock(seat: Seat): void {
    this.services.send(seat.id, Connect4Msg.Clock, { now: this.services.now() });
  }

  /** Who plays which colour, for the replay: the moves name colours, the seat notes name players. */
  private noteColour(id: string, colour: Colour): void {
    this.services.record([Connect4Note.Colour, id, colour]);
  }

  private colourOf(seat: Seat): Colour {
    const colour = this.colours.get(seat.id);
    // The kit refuses spectators' moves before they reach here; this guards the invariant.
    if (colour === undefined) throw new MoveError(RejectReason.Spectator, "only seated players can move");
    return colour;
  }

  private startGame(): void {
    this.game.start();
    this.startedAt = this.services.now();
    this.state.game++;
    this.contestants = [...this.colours].map(([id, colour]) => ({ accountId: this.services.accountOf(id), colour }));
    this.state.players.forEach((p) => (p.rematch = false));
    this.state.lastAuto = false;
    this.startTurn();
    this.sync();
  }

  private afterMove(auto: boolean): void {
    this.state.lastAuto = auto;
    if (this.game.status === "over") this.finish();
    else this.startTurn();
    this.sync();
  }

  private startTurn(): void {
    this.timer?.clear();
    const ms = this.options.turnSeconds * 1000;
    this.state.turnDeadline = this.services.now() + ms;
    this.timer = this.services.later(ms, () => this.timeout());
  }

  /** The turn ran out: play a random legal column for the player to move (seeded, so replayable). */
  private timeout(): void {
    if (this.game.status !== "playing") return;
    const columns = legalColumns(this.game.board);
    const column = columns[randomInt(this.services.rng, columns.length)]!;
    this.game.play(this.game.turn, column);
    this.afterMove(true);
  }

  private finish(): void {
    this.timer?.clear();
    this.timer = undefined;
    this.state.turnDeadline = 0;
    const winner = this.game.winner;
    if (winner !== Disc.Empty) {
      for (const [id, colour] of this.colours) {
        const p = this.state.players.get(id)!;
        if (colour === winner) this.winsByName.set(p.name, ++p.wins);
      }
    }
    this.rate(winner);
    this.sync();
  }

  /**
   * Every finished game between two signed-in players is rated, however they met: wins,
   * timeouts and forfeits alike, a draw as equal places. Anonymous players (bots, guests whose
   * page could not sign in) are never rated, nor is a game an account plays against itself.
   */
  private rate(winner: Colour | typeof Disc.Empty): void {
    const [a, b] = this.contestants;
    if (!a?.accountId || !b?.accountId || a.accountId === b.accountId) return;
    const place = (colour: Colour) => (winner === Disc.Empty || colour === winner ? 1 : 2);
    this.services.recordMatch({
      matchId: `${this.services.roomId}:${this.state.game}`,
      game: CONNECT4_ROOM,
      // Both were in the whole game (a leaver forfeits and ends it), so each played its length.
      players: [a, b].map((c) => ({ accountId: c.accountId!, place: place(c.colour), playedMs: this.services.now() - this.startedAt })),
    });
  }

  /** Copy the rules' plain data into the synced state; only changed cells are written, so patches stay small. */
  private sync(): void {
    const { board, status, turn, winner, endReason, winLine, lastMove } = this.game;
    for (let i = 0; i < board.length; i++) if (this.state.board[i] !== board[i]) this.state.board[i] = board[i]!;
    this.state.status = status;
    this.state.turn = status === "playing" ? turn : Disc.Empty;
    this.state.winner = winner;
    this.state.endReason = endReason;
    this.state.lastCell = lastMove?.cell ?? -1;
    if (this.state.winLine.join() !== winLine.join()) this.state.winLine.splice(0, this.state.winLine.length, ...winLine);
  }
}
