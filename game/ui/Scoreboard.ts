import type { ArenaState } from "../../shared/arena/schema.ts";
import { el } from "./dom.ts";

/**
 * Rows the scoreboard lists before it stops: a 16-seat room fits whole; a big room (up to 128)
 * shows its best, then the player's own row with its rank, and how many are not listed.
 */
export const SCOREBOARD_ROWS = 16;

/**
 * The rows to list, best first: all of them when they fit, else the best (SCOREBOARD_ROWS - 1)
 * and the player's own row with its rank (1-based), so everyone sees where they stand.
 */
export function visibleRows<T>(sorted: readonly T[], isSelf: (row: T) => boolean): { rows: Array<{ row: T; rank: number }>; hidden: number } {
  const ranked = sorted.map((row, i) => ({ row, rank: i + 1 }));
  if (ranked.length <= SCOREBOARD_ROWS) return { rows: ranked, hidden: 0 };
  const top = ranked.slice(0, SCOREBOARD_ROWS - 1);
  const self = ranked.slice(SCOREBOARD_ROWS - 1).find((r) => isSelf(r.row));
  const rows = self ? [...top, self] : ranked.slice(0, SCOREBOARD_ROWS);
  return { rows, hidden: ranked.length - rows.length };
}

/**
 * The scoreboard overlay: name, score and ping of every player, best first, with away
 * players dimmed and fill bots (ARENA_MIN_PLAYERS) tagged "BOT". A private room's owner gets
 * a Remove button per player (private rooms have no fill bots). Text only.
 */
export class Scoreboard {
  private shown = "";

  constructor(
    private readonly root: HTMLElement,
    private readonly onKick: (sessionId: string) => void,
  ) {}

  render(state: ArenaState, selfId: string, isOwner: boolean): void {
    const rows = [...(state.players?.entries() ?? [])].sort(([, a], [, b]) => b.score - a.score || a.name.localeCompare(b.name));
    // Rebuild only on change, so buttons are not replaced under the pointer mid-click.
    const key = JSON.stringify([isOwner, rows.map(([id, p]) => [id, p.name, p.score, p.ping, p.connected, p.bot])]);
    if (key === this.shown) return;
    this.shown = key;
    const table = el("table");
    const head = el("tr");
    head.append(el("th", "#", "num"), el("th", "Player"), el("th", "Score", "num"), el("th", "Ping", "num"));
    table.append(head);
    const shown = visibleRows(rows, ([id]) => id === selfId);
    for (const { row: [id, p], rank } of shown.rows) {
      const tr = el("tr", "", [id === selfId ? "me" : "", p.connected ? "" : "away"].join(" ").trim());
      tr.dataset.session = id;
      const name = el("td", p.connected ? p.name : `${p.name} (away)`);
      // A bot has no connection: no ping to show, and nothing to remove (it would be replaced).
      if (p.bot) name.append(el("span", "BOT", "bot-tag"));
      if (isOwner && id !== selfId && !p.bot) {
        const kick = el("button", "Remove");
        kick.type = "button";
        kick.setAttribute("aria-label", `Remove ${p.name}`);
        kick.addEventListener("click", () => this.onKick(id));
        name.append(kick);
      }
      tr.append(el("td", String(rank), "num"), name, el("td", String(p.score), "num"), el("td", p.connected && !p.bot ? `${p.ping} ms` : "—", "num"));
      table.append(tr);
    }
    if (shown.hidden > 0) {
      const more = el("tr", "", "more");
      const cell = el("td", `and ${shown.hidden} more`);
      cell.colSpan = 4;
      more.append(cell);
      table.append(more);
    }
    this.root.replaceChildren(table);
  }
}
