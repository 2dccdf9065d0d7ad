import type { ArenaState } from "../../shared/arena/schema.ts";
import { el } from "./dom.ts";

/** The scoreboard overlay: name, score and ping of every player, best first. Text only. */
export class Scoreboard {
  constructor(private readonly root: HTMLElement) {}

  render(state: ArenaState, selfId: string): void {
    const rows = [...(state.players?.entries() ?? [])].sort(([, a], [, b]) => b.score - a.score || a.name.localeCompare(b.name));
    const table = el("table");
    const head = el("tr");
    head.append(el("th", "Player"), el("th", "Score", "num"), el("th", "Ping", "num"));
    table.append(head);
    for (const [id, p] of rows) {
      const tr = el("tr", "", id === selfId ? "me" : "");
      tr.dataset.session = id;
      tr.append(el("td", p.name), el("td", String(p.score), "num"), el("td", `${p.ping} ms`, "num"));
      table.append(tr);
    }
    this.root.replaceChildren(table);
  }
}
