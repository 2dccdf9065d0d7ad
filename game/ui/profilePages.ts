/**
 * The menu's account pages, wired in one call: the leaderboard and profile dialogs (reading
 * through game/net/ProfilesApi with this browser's token, never making a guest just to look)
 * and the "Sign out" button, shown while signed in: it ends the sign-in on the server and
 * forgets it here, so the next game starts a fresh guest.
 */
import { serverUrl } from "../net/connect.ts";
import type { GuestAccount } from "../net/GuestAccount.ts";
import { ProfilesApi } from "../net/ProfilesApi.ts";
import { byId } from "./dom.ts";
import { LeaderboardPage } from "./LeaderboardPage.ts";
import { ProfilePage } from "./ProfilePage.ts";

export function mountProfilePages(games: ReadonlyArray<{ type: string; label: string }>, account: GuestAccount, say: (message: string) => void): void {
  const api = new ProfilesApi(serverUrl);
  const token = () => account.token();
  new LeaderboardPage(games, api, token);
  new ProfilePage(games, api, token);
  const logout = byId<HTMLButtonElement>("logout");
  account.onChange((a) => (logout.hidden = a === undefined));
  logout.addEventListener("click", () => {
    logout.disabled = true;
    void account.logout().then((problem) => {
      logout.disabled = false;
      say(problem || "Signed out. Your next game starts a new guest account.");
      byId("quick-play").focus();
    });
  });
}
