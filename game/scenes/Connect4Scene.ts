import Phaser from "phaser";
import { COLUMNS, Disc, ROWS, type Cell } from "../../shared/connect4/board.ts";
import type { Connect4View } from "../net/Connect4View.ts";
import { Connect4Palette } from "./palette.ts";

/** Space kept free around the board, in px, besides what the HUD and the room bar cover. */
const MARGIN = { top: 150, side: 24, bottom: 60, gap: 8 };

interface Layout {
  /** Cell size in px. */
  size: number;
  /** Top-left corner of the board (the hover row sits one cell above it). */
  x: number;
  y: number;
}

/**
 * Draws the Connect Four board and forwards clicks (and keys 1–7) to Connect4Client as moves
 * (or to a replay, Connect4Replay, which ignores them).
 * It decides nothing: whether a move is legal is the server's call, and the answer comes back
 * as state (or a `rejected` message the HUD shows).
 */
export class Connect4Scene extends Phaser.Scene {
  private net!: Connect4View;
  private g!: Phaser.GameObjects.Graphics;
  private hoverColumn = -1;

  constructor() {
    super("connect4");
  }

  init(data: { net: Connect4View }): void {
    this.net = data.net;
  }

  create(): void {
    this.g = this.add.graphics();
    this.input.on("pointermove", (p: Phaser.Input.Pointer) => {
      this.hoverColumn = this.columnAt(p.x, p.y);
    });
    this.input.on("pointerdown", (p: Phaser.Input.Pointer) => {
      const column = this.columnAt(p.x, p.y);
      if (column >= 0) this.net.drop(column);
    });
    // Keys 1–7 drop in that column: the board is playable without a pointer.
    this.input.keyboard?.on("keydown", (e: KeyboardEvent) => {
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && n <= COLUMNS) this.net.drop(n - 1);
    });
  }

  override update(): void {
    const l = this.layout();
    const g = this.g.clear();
    g.fillStyle(Connect4Palette.board, 1).fillRoundedRect(l.x - l.size * 0.2, l.y - l.size * 0.2, l.size * (COLUMNS + 0.4), l.size * (ROWS + 0.4), l.size * 0.3);
    g.lineStyle(3, Connect4Palette.boardEdge, 1).strokeRoundedRect(l.x - l.size * 0.2, l.y - l.size * 0.2, l.size * (COLUMNS + 0.4), l.size * (ROWS + 0.4), l.size * 0.3);
    const radius = l.size * 0.4;
    for (let row = 0; row < ROWS; row++) {
      for (let column = 0; column < COLUMNS; column++) {
        g.fillStyle(this.colourOf(this.net.cell(row, column)), 1).fillCircle(...this.centre(l, row, column), radius);
      }
    }
    this.drawHighlights(l, radius);
    this.drawPreview(l, radius);
  }

  /** The winning line gets rings; the last disc played gets a dot. */
  private drawHighlights(l: Layout, radius: number): void {
    const { winLine, lastCell } = this.net.state;
    this.g.lineStyle(Math.max(3, l.size * 0.08), Connect4Palette.winRing, 1);
    winLine?.forEach((cell) => this.g.strokeCircle(...this.centre(l, Math.floor(cell / COLUMNS), cell % COLUMNS), radius * 0.85));
    if (lastCell >= 0 && winLine?.length === 0) {
      this.g.fillStyle(Connect4Palette.lastMove, 0.5).fillCircle(...this.centre(l, Math.floor(lastCell / COLUMNS), lastCell % COLUMNS), radius * 0.2);
    }
  }

  /** On my turn, a translucent disc above the hovered column and a ghost where it would land. */
  private drawPreview(l: Layout, radius: number): void {
    const me = this.net.me();
    if (!me || !this.net.isMyTurn() || this.hoverColumn < 0) return;
    const colour = this.colourOf(me.colour as Cell);
    this.g.fillStyle(colour, 0.9).fillCircle(...this.centre(l, -1, this.hoverColumn), radius);
    const row = this.net.landingRow(this.hoverColumn);
    if (row >= 0) this.g.fillStyle(colour, 0.3).fillCircle(...this.centre(l, row, this.hoverColumn), radius);
  }

  /**
   * The board's cells as big as the free screen allows: below the HUD and the room bar when
   * they sit at the top (a desktop, a phone upright), right of the HUD when a phone on its side
   * puts it at the left (style.css), with one extra row above the board for the hover preview.
   */
  private layout(): Layout {
    const { width, height } = this.scale;
    const rects = this.overlays();
    const tops: number[] = [];
    const bottoms: number[] = [];
    let left = MARGIN.side;
    for (const r of rects) {
      if (r.top >= height / 2) bottoms.push(height - r.top + MARGIN.gap);
      else if (width > height && r.right < width * 0.4) left = Math.max(left, r.right + MARGIN.gap);
      else tops.push(r.bottom + MARGIN.gap);
    }
    // Before the overlays are laid out (the first frame), the desktop's margins.
    const top = rects.length === 0 ? MARGIN.top : Math.max(MARGIN.gap, ...tops);
    const bottom = rects.length === 0 ? MARGIN.bottom : Math.max(MARGIN.gap, ...bottoms);
    const free = width - left - MARGIN.side;
    // ROWS + 1.2: the hover row above, and the board's rim (0.2 of a cell) below.
    const size = Math.max(16, Math.min(free / COLUMNS, (height - top - bottom) / (ROWS + 1.2)));
    return { size, x: left + (free - size * COLUMNS) / 2, y: top + size };
  }

  /** Where the DOM overlays over the canvas are (the HUD, the room bar, the chat), in canvas px. */
  private overlays(): DOMRect[] {
    const canvas = this.game.canvas.getBoundingClientRect();
    return [document.querySelector(".c4-hud"), document.getElementById("room-bar"), document.getElementById("chat")]
      .filter((e): e is HTMLElement => e instanceof HTMLElement && !e.hidden)
      .map((e) => {
        const r = e.getBoundingClientRect();
        return new DOMRect(r.x - canvas.x, r.y - canvas.y, r.width, r.height);
      })
      .filter((r) => r.height > 0);
  }

  private centre(l: Layout, row: number, column: number): [number, number] {
    return [l.x + (column + 0.5) * l.size, l.y + (row + 0.5) * l.size];
  }

  /** The column under a screen point (over the board or the preview row), or -1. */
  private columnAt(x: number, y: number): number {
    const l = this.layout();
    if (y < l.y - l.size || y > l.y + l.size * ROWS) return -1;
    const column = Math.floor((x - l.x) / l.size);
    return column >= 0 && column < COLUMNS ? column : -1;
  }

  private colourOf(cell: Cell): number {
    if (cell === Disc.Red) return Connect4Palette.red;
    if (cell === Disc.Yellow) return Connect4Palette.yellow;
    return Connect4Palette.hole;
  }
}
