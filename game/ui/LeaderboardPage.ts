/**
 * The leaderboard page (a native <dialog>: modal, focus kept inside, Escape closes it): a
 * toggle per game and per season (this season / all time), 20 players a page with previous
 * and next, the caller's own row marked (aria-current) and their rank said even when they
 * are on another page. Names are other players' text: set as textContent, never markup.
 */
import type { LeaderboardAnswer } from "../../shared/profiles.ts";
import type { ProfilesApi } from "../net/ProfilesApi.ts";
import { byId, el, noteRow } from "./dom.ts";

type SeasonChoice = "current" | "all";
const SEASONS: ReadonlyArray<{ id: SeasonChoice; label: string }> = [
  { id: "current", label: "This season" },
  { id: "all", label: "All time" },
];

/** The displayed rating: openskill's ordinal, shown to one decimal. */
export const shownRating = (r: number): string => r.toFixed(1);

export class LeaderboardPage {
  private readonly dialog = byId<HTMLDialogElement>("leaderboard");
  private readonly rows = byId<HTMLElement>("board-rows");
  private readonly caption = byId<HTMLElement>("board-caption");
  private readonly me = byId<HTMLElement>("board-me");
  private readonly prev = byId<HTMLButtonElement>("board-prev");
  private readonly next = byId<HTMLButtonElement>("board-next");
  private readonly gameButtons: HTMLButtonElement[] = [];
  private readonly seasonButtons: HTMLButtonElement[] = [];
  private view: { game: string; season: SeasonChoice; page: number; pages: number };
  /** Answers arrive out of order when the player clicks fast: only the newest is drawn. */
  private asked = 0;

  constructor(
    private readonly games: ReadonlyArray<{ type: string; label: string }>,
    private readonly api: ProfilesApi,
    private readonly token: () => Promise<string | undefined>,
  ) {
    this.view = { game: games[0]?.type ?? "", season: "current", page: 1, pages: 1 };
    for (const g of games) this.gameButtons.push(this.toggle("board-games", g.label, () => this.show({ game: g.type, page: 1 })));
    for (const s of SEASONS) this.seasonButtons.push(this.toggle("board-seasons", s.label, () => this.show({ season: s.id, page: 1 })));
    this.prev.addEventListener("click", () => this.show({ page: this.view.page - 1 }));
    this.next.addEventListener("click", () => this.show({ page: this.view.page + 1 }));
    byId("open-leaderboard").addEventListener("click", () => this.open());
  }

  open(): void {
    if (!this.dialog.open) this.dialog.showModal();
    void this.show({ page: 1 });
  }

  private toggle(group: string, label: string, onClick: () => void): HTMLButtonElement {
    const b = el("button", label, "secondary small");
    b.type = "button";
    b.addEventListener("click", onClick);
    byId(group).append(b);
    return b;
  }

  private async show(change: Partial<LeaderboardPage["view"]>): Promise<void> {
    this.view = { ...this.view, ...change };
    const { game, season, page } = this.view;
    this.games.forEach((g, i) => this.gameButtons[i]!.setAttribute("aria-pressed", String(g.type === game)));
    SEASONS.forEach((s, i) => this.seasonButtons[i]!.setAttribute("aria-pressed", String(s.id === season)));
    const asked = ++this.asked;
    this.caption.textContent = "Loading…";
    const answer = await this.api.leaderboard(game, season, page, await this.token());
    if (asked !== this.asked) return;
    if (!answer.ok) {
      this.rows.replaceChildren();
      this.caption.textContent = answer.error;
      return;
    }
    this.draw(answer.value);
  }

  private draw(a: LeaderboardAnswer): void {
    this.view.pages = a.pages;
    const label = this.games.find((g) => g.type === a.game)?.label ?? a.game;
    const when = a.season.id === "all" ? "all time" : `season ${a.season.id}, until ${new Date(a.season.endsAt).toLocaleDateString()}`;
    this.caption.textContent = `${label}, ${when}: page ${a.page} of ${a.pages}`;
    this.rows.replaceChildren(
      ...a.entries.map((e) => {
        const row = el("tr", "", e.accountId === a.me?.accountId ? "me" : "");
        if (e.accountId === a.me?.accountId) row.setAttribute("aria-current", "true");
        row.append(el("td", String(e.rank), "num"), el("td", e.name), el("td", shownRating(e.rating), "num"), el("td", String(e.games), "num"));
        return row;
      }),
    );
    if (a.entries.length === 0) this.rows.append(noteRow("Nobody has played a rated game here yet.", 4));
    this.me.textContent = a.me ? `Your rank: ${a.me.rank} (rating ${shownRating(a.me.rating)}, ${a.me.games} games)` : "You have no rated game here yet.";
    this.prev.disabled = a.page <= 1;
    this.next.disabled = a.page >= a.pages;
  }
}
