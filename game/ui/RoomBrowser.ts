import { hasSeat, type RoomListing } from "../net/LobbyClient.ts";
import { byId, el } from "./dom.ts";

/**
 * The "Browse rooms" table: name, mode, map, people/capacity (and bots), a Join button
 * (disabled when full) and a Watch button (a spectator seat: docs/replays.md, "Live spectating").
 */
export class RoomBrowser {
  private readonly root = byId<HTMLElement>("browser");
  private readonly list = byId<HTMLTableSectionElement>("room-list");
  private readonly empty = byId<HTMLElement>("browser-empty");
  private readonly toggle = byId<HTMLButtonElement>("browse");

  constructor(
    private readonly onJoin: (roomId: string) => void,
    private readonly onWatch: (roomId: string) => void = () => undefined,
  ) {}

  get open(): boolean {
    return !this.root.hidden;
  }

  setOpen(open: boolean): void {
    this.root.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
    if (!open) this.list.replaceChildren();
  }

  render(rooms: RoomListing[]): void {
    const sorted = [...rooms].sort((a, b) => b.clients - a.clients);
    this.empty.hidden = sorted.length > 0;
    this.list.replaceChildren(
      ...sorted.map((r) => {
        const m = r.metadata ?? {};
        const label = `${m.mode ?? r.name} ${r.roomId}`;
        const tr = el("tr");
        tr.dataset.roomId = r.roomId;
        // People over seats; bots hold seats a person may still take, so they are only mentioned.
        const players = `${m.players ?? r.clients}/${m.maxPlayers ?? r.maxClients}${m.bots ? ` +${m.bots} bots` : ""}${m.spectators ? ` +${m.spectators} watching` : ""}`;
        const full = !hasSeat(r);
        const join = el("button", full ? "Full" : "Join");
        join.type = "button";
        join.disabled = full;
        join.setAttribute("aria-label", full ? `${label} is full` : `Join ${label}`);
        join.addEventListener("click", () => this.onJoin(r.roomId));
        const watch = el("button", "Watch", "secondary");
        watch.type = "button";
        watch.setAttribute("aria-label", `Watch ${label}`);
        watch.addEventListener("click", () => this.onWatch(r.roomId));
        const cell = el("td");
        cell.append(join, " ", watch);
        tr.append(el("td", r.roomId), el("td", m.mode ?? r.name), el("td", m.map ?? "—"), el("td", players, "num"), cell);
        return tr;
      }),
    );
  }
}
