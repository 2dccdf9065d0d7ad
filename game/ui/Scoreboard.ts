import type { ArenaState } from "../../shared/arena/schema.ts";
import { el } from "./dom.ts";

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
    head.append(el("th", "Player"), el("th", "Score", "num"), el("th", "Ping", "num"));
    table.append(head);
    for (const [id, p] of rows) {
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
      tr.append(name, el("td", String(p.score), "num"), el("td", p.connected && !p.bot ? `${p.ping} ms` : "—", "num"));
      table.append(tr);
    }
    this.root.replaceChildren(table);
  }
}
