/**
 * The profile page (a native <dialog>): the account's name, its rating and stats per game
 * (all time and this season), and its recent matches, newest first, each with its opponents,
 * result, rating change and replay link; "Older matches" pages back by the server's cursor.
 * Opponents' names are their text: set as textContent, never markup.
 */
import type { GameRating, Profile } from "../../shared/auth.ts";
import type { HistoryEntry } from "../../shared/profiles.ts";
import type { ProfilesApi } from "../net/ProfilesApi.ts";
import { byId, el, noteRow } from "./dom.ts";
import { shownRating } from "./LeaderboardPage.ts";

const RESULT = { win: "Won", loss: "Lost", draw: "Drawn" } as const;

/** "1 h 5 min", "3 min 20 s", "40 s". */
export function playedTime(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${s} s`;
}

export class ProfilePage {
  private readonly dialog = byId<HTMLDialogElement>("profile");
  private readonly status = byId<HTMLElement>("profile-status");
  private readonly ratings = byId<HTMLElement>("profile-ratings");
  private readonly matches = byId<HTMLElement>("profile-matches");
  private readonly more = byId<HTMLButtonElement>("profile-more");
  private cursor: string | null = null;

  constructor(
    private readonly games: ReadonlyArray<{ type: string; label: string }>,
    private readonly api: ProfilesApi,
    private readonly token: () => Promise<string | undefined>,
  ) {
    byId("open-profile").addEventListener("click", () => this.open());
    this.more.addEventListener("click", () => void this.loadMatches(false));
  }

  open(): void {
    if (!this.dialog.open) this.dialog.showModal();
    void this.load();
  }

  private label(game: string): string {
    return this.games.find((g) => g.type === game)?.label ?? game;
  }

  private async load(): Promise<void> {
    this.ratings.replaceChildren();
    this.matches.replaceChildren();
    this.more.hidden = true;
    this.status.textContent = "Loading…";
    const token = await this.token();
    if (!token) return void (this.status.textContent = "Play a game first: your profile starts with your first game.");
    const profile = await this.api.profile(token);
    if (!profile.ok) return void (this.status.textContent = profile.error);
    this.drawProfile(profile.value);
    await this.loadMatches(true);
  }

  private drawProfile(p: Profile): void {
    this.status.textContent = `${p.name}${p.username ? ` (signs in as ${p.username})` : " (guest account)"}, playing since ${new Date(p.createdAt).toLocaleDateString()}`;
    const played = Object.keys(p.ratings);
    if (played.length === 0) return void this.ratings.append(noteRow("No rated games yet.", 10));
    for (const game of played) {
      const r: GameRating = p.ratings[game]!;
      const season = p.seasonRatings[game];
      const row = el("tr");
      row.append(
        el("th", this.label(game)),
        el("td", shownRating(r.rating), "num"),
        el("td", season ? shownRating(season.rating) : "–", "num"),
        ...[r.games, r.wins, r.losses, r.draws, r.kills, r.deaths].map((n) => el("td", String(n), "num")),
        el("td", playedTime(r.playedMs), "num"),
      );
      row.firstElementChild!.setAttribute("scope", "row");
      this.ratings.append(row);
    }
  }

  private async loadMatches(first: boolean): Promise<void> {
    const token = await this.token();
    if (!token) return;
    const page = await this.api.history(token, first ? undefined : (this.cursor ?? undefined));
    if (!page.ok) return void (this.status.textContent = page.error);
    if (first && page.value.matches.length === 0) this.matches.append(noteRow("No matches yet.", 6));
    this.matches.append(...page.value.matches.map((m) => this.matchRow(m)));
    this.cursor = page.value.next;
    this.more.hidden = this.cursor === null;
  }

  private matchRow(m: HistoryEntry): HTMLElement {
    const row = el("tr");
    const change = m.rated ? `${m.ratingChange >= 0 ? "+" : "−"}${Math.abs(m.ratingChange).toFixed(1)}` : "unrated";
    const replay = el("td");
    if (m.replay) {
      const link = el("a", "Watch");
      link.href = m.replay;
      link.setAttribute("aria-label", `Watch the replay of ${this.label(m.game)} on ${new Date(m.playedAt).toLocaleString()}`);
      replay.append(link);
    } else replay.textContent = "–";
    row.append(
      el("td", new Date(m.playedAt).toLocaleString()),
      el("td", this.label(m.game)),
      el("td", RESULT[m.result]),
      el("td", m.opponents.map((o) => o.name).join(", ") || "–"),
      el("td", change, "num"),
      replay,
    );
    return row;
  }
}
