/**
 * The profile, history and leaderboard routes as the pages call them (shared/profiles.ts has
 * the shapes). Each call resolves with the answer or a sentence the page can show: a failure
 * never throws into the UI.
 */
import type { Profile } from "../../shared/auth.ts";
import type { HistoryAnswer, LeaderboardAnswer } from "../../shared/profiles.ts";

export type Fetched<T> = { ok: true; value: T } | { ok: false; error: string };

export class ProfilesApi {
  constructor(private readonly server: () => string) {}

  /** One page of a game's board; `token` (optional) adds the caller's own rank. */
  leaderboard(game: string, season: "current" | "all", page: number, token?: string): Promise<Fetched<LeaderboardAnswer>> {
    return this.get(`/api/leaderboard/${encodeURIComponent(game)}?season=${season}&page=${page}`, token);
  }

  profile(token: string): Promise<Fetched<Profile>> {
    return this.get("/api/accounts/me", token);
  }

  /** The newest matches, or those before `cursor` (a previous answer's `next`). */
  history(token: string, cursor?: string, limit = 10): Promise<Fetched<HistoryAnswer>> {
    return this.get(`/api/accounts/me/matches?limit=${limit}${cursor ? `&before=${encodeURIComponent(cursor)}` : ""}`, token);
  }

  private async get<T>(path: string, token?: string): Promise<Fetched<T>> {
    try {
      const res = await fetch(`${this.server()}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const body = (await res.json().catch(() => ({}))) as T & { error?: string };
      return res.ok ? { ok: true, value: body } : { ok: false, error: body.error ?? `the server answered ${res.status}` };
    } catch {
      return { ok: false, error: "Cannot reach the game server." };
    }
  }
}
