/**
 * A Connect Four replay as Connect4Scene sees it: the room's tick log (every accepted move,
 * start and forfeit, shared/connect4/replay.ts) re-simulated in the browser and mirrored into
 * a Connect4State. Play, pause, a speed from 0.25× to 4× and seek by command (from the
 * nearest keyframe), as the arena's ArenaReplay does. No room, no server.
 */
import { Disc, landingRow, cellIndex, type Cell } from "../../shared/connect4/board.ts";
import type { Connect4Game } from "../../shared/connect4/Connect4Game.ts";
import { connect4ReplayRules } from "../../shared/connect4/replay.ts";
import { Connect4Player, Connect4State } from "../../shared/connect4/schema.ts";
import { isNote, Note, type ReplayLog } from "../../shared/replay/format.ts";
import { simAt } from "../../shared/replay/resimulate.ts";
import { ReplayError, ReplayErrorCode } from "../../shared/replay/rules.ts";
import type { Connect4View } from "./Connect4View.ts";

/** Connect Four's own note of who plays which colour (server/rooms/connect4/Connect4Match.ts). */
const COLOUR_NOTE = "@colour";
/** One recorded command (a move, a start, a forfeit) every this many ms at 1×. */
export const MOVE_INTERVAL_MS = 700;

export class Connect4Replay implements Connect4View {
  state = new Connect4State();
  /** Whom the bar's "follow" names; a board needs no camera, so it changes nothing drawn. */
  sessionId = "";
  readonly live = false;
  playing = true;
  speed = 1;
  private game: Connect4Game;
  private at = 0;
  /** For command n (1-based), the entry count once it is applied. */
  private readonly steps: number[] = [];
  private readonly names = new Map<string, string>();
  private last: number | undefined;
  private owed = 0;

  constructor(readonly log: ReplayLog) {
    log.entries.forEach((e, i) => {
      if (!isNote(e)) this.steps.push(i + 1);
      else if (e[0] === Note.Join && e[3] === "player") this.names.set(String(e[1]), String(e[2]));
    });
    this.game = connect4ReplayRules.create(log.header);
    this.sync();
  }

  /** Commands in the log, and the one shown now (the bar's timeline). */
  get ticks(): number {
    return this.steps.length;
  }
  get tick(): number {
    let n = 0;
    while (n < this.steps.length && this.steps[n]! <= this.at) n++;
    return n;
  }

  seek(step: number): void {
    if (!Number.isInteger(step) || step < 0 || step > this.ticks) throw new ReplayError(ReplayErrorCode.OutOfRange, `move ${step} is outside this replay (0 to ${this.ticks})`);
    const to = step === 0 ? 0 : this.steps[step - 1]!;
    this.game = simAt(this.log, connect4ReplayRules, to);
    this.at = to;
    this.owed = 0;
    this.sync();
  }

  follow(playerId: string): void {
    this.sessionId = playerId;
  }

  /** Advance by the time elapsed since the last call (the page calls it on a timer). */
  frame(now: number): void {
    const elapsed = this.last === undefined ? 0 : now - this.last;
    this.last = now;
    if (!this.playing || this.tick >= this.ticks) return;
    this.owed = Math.min(this.owed + elapsed * this.speed, MOVE_INTERVAL_MS * 4);
    let moved = false;
    while (this.owed >= MOVE_INTERVAL_MS && this.tick < this.ticks) {
      this.owed -= MOVE_INTERVAL_MS;
      this.applyThrough(this.steps[this.tick]!);
      moved = true;
    }
    if (moved) this.sync();
  }

  cell(row: number, column: number): Cell {
    return (this.game.board[cellIndex(row, column)] ?? Disc.Empty) as Cell;
  }

  /** A replay has no "you": nobody's turn is this page's, and a click drops nothing. */
  me(): undefined {
    return undefined;
  }
  isMyTurn(): boolean {
    return false;
  }
  landingRow(column: number): number {
    return landingRow([...this.game.board] as Cell[], column);
  }
  drop(): void {}

  private applyThrough(to: number): void {
    while (this.at < to) {
      const entry = this.log.entries[this.at++]!;
      if (!isNote(entry)) connect4ReplayRules.apply(this.game, entry);
    }
  }

  /** The game into the state; the players and their colours as the notes up to here say. */
  private sync(): void {
    const g = this.game;
    const s = this.state;
    g.board.forEach((c, i) => s.board[i] !== c && (s.board[i] = c));
    s.status = g.status;
    s.turn = g.status === "playing" ? g.turn : Disc.Empty;
    s.winner = g.winner;
    s.endReason = g.endReason;
    s.winLine.splice(0, s.winLine.length, ...g.winLine);
    s.lastCell = g.lastMove?.cell ?? -1;
    const colours = new Map<string, number>();
    for (let i = 0; i < this.at; i++) {
      const e = this.log.entries[i]!;
      if (e[0] === COLOUR_NOTE) colours.set(String(e[1]), Number(e[2]));
      if (e[0] === Note.Leave) colours.delete(String(e[1]));
    }
    for (const id of [...s.players.keys()]) if (!colours.has(id)) s.players.delete(id);
    for (const [id, colour] of colours) {
      const p = s.players.get(id) ?? new Connect4Player({ name: this.names.get(id) ?? id });
      p.colour = colour;
      if (!s.players.has(id)) s.players.set(id, p);
    }
  }
}
