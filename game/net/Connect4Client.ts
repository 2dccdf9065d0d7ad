import type { Room } from "@colyseus/sdk";
import { cellIndex, Disc, discsOn, landingRow, type Cell } from "../../shared/connect4/board.ts";
import { connect4Protocol, Connect4Error, Connect4Msg, type ClockMessage, type DropMessage } from "../../shared/connect4/protocol.ts";
import type { Connect4Player, Connect4State } from "../../shared/connect4/schema.ts";
import { Msg, type RejectedMessage } from "../../shared/protocol.ts";
import { answerPings, messagesOf } from "./messages.ts";

export type Role = "player" | "spectator";

/**
 * The client side of a Connect Four room, knowing nothing of Phaser or the DOM: it reads
 * the synced state, sends moves and rematch offers, and keeps an estimate of the server clock
 * so the turn deadline can be counted down. The server decides everything; nothing here is
 * predicted, because a turn-based move can wait one round trip.
 */
export class Connect4Client {
  /** Server clock minus local clock, in ms; undefined until the first clock answer. */
  private clockOffset: number | undefined;
  private clockAskedAt = 0;
  private readonly rejectListeners: Array<(m: RejectedMessage) => void> = [];
  private readonly net;
  /** The last move sent and not yet seen on the board: sent again after a reconnect (it may have died with the socket). */
  private pending: DropMessage | undefined;
  private resent = false;

  constructor(
    readonly room: Room<Connect4State>,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.net = messagesOf(room, connect4Protocol);
    answerPings(room);
    this.net.on(Msg.Rejected, (m) => {
      // A move sent again that had landed after all: refused as stale, which the player need not hear about.
      if (m.reason === Connect4Error.StaleMove && this.resent) return;
      if (m.reason !== Connect4Error.StaleMove) this.pending = undefined;
      this.rejectListeners.forEach((l) => l(m));
    });
    this.net.on(Connect4Msg.Clock, (m) => this.onClock(m));
    // Asking (rather than being told on join) means the answer can never beat our handler.
    this.askClock();
    room.onReconnect(() => {
      this.askClock();
      this.resendPending();
    });
  }

  get state(): Connect4State {
    return this.room.state;
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  /** Players have an entry in `players`; anyone else in the room is watching. */
  get role(): Role {
    return this.state.players?.has(this.sessionId) ? "player" : "spectator";
  }

  me(): Connect4Player | undefined {
    return this.state.players?.get(this.sessionId);
  }

  /** The player holding `colour` (a Disc value), if seated. */
  playerWith(colour: number): Connect4Player | undefined {
    let found: Connect4Player | undefined;
    this.state.players?.forEach((p) => {
      if (p.colour === colour) found = p;
    });
    return found;
  }

  isMyTurn(): boolean {
    const me = this.me();
    return this.state.status === "playing" && me !== undefined && me.colour === this.state.turn;
  }

  cell(row: number, column: number): Cell {
    return (this.state.board?.at(cellIndex(row, column)) ?? Disc.Empty) as Cell;
  }

  /** Where a disc dropped in `column` would land (-1: full), for the hover preview. */
  landingRow(column: number): number {
    return landingRow([...(this.state.board ?? [])] as Cell[], column);
  }

  /** Milliseconds left in the current turn, or undefined when no turn is running or the clock is not known yet. */
  timeLeftMs(): number | undefined {
    if (this.state.status !== "playing" || !this.state.turnDeadline || this.clockOffset === undefined) return undefined;
    // The offset is an estimate (±half a round trip); never show more than a whole turn.
    const left = this.state.turnDeadline - (this.now() + this.clockOffset);
    return Math.min(Math.max(0, left), this.state.turnSeconds * 1000);
  }

  /** Drop a disc; the move names its game and turn, so sending it again never plays it twice. */
  drop(column: number): void {
    this.pending = { column, game: this.state.game, turn: discsOn(this.state.board ?? []) };
    this.resent = false;
    this.net.send(Connect4Msg.Drop, this.pending);
  }

  /** The last move, if the board does not show it yet: the server plays it, or refuses it as stale if it had. */
  private resendPending(): void {
    const p = this.pending;
    if (!p || p.game !== this.state.game || discsOn(this.state.board ?? []) !== p.turn) return void (this.pending = undefined);
    this.resent = true;
    this.net.send(Connect4Msg.Drop, p);
  }

  rematch(): void {
    this.net.send(Connect4Msg.Rematch);
  }

  onRejected(listener: (m: RejectedMessage) => void): void {
    this.rejectListeners.push(listener);
  }

  private askClock(): void {
    this.clockAskedAt = this.now();
    this.net.send(Connect4Msg.Clock);
  }

  /** The server read its clock about half a round trip before the answer arrived. */
  private onClock({ now: serverNow }: ClockMessage): void {
    const arrived = this.now();
    this.clockOffset = serverNow + (arrived - this.clockAskedAt) / 2 - arrived;
  }
}
