/**
 * The menu's "Keep this account, or sign in" panel: a username and password either claim the
 * guest account this browser plays as (so it can be signed into elsewhere), or sign this
 * browser into an account claimed before. The checks are the server's (shared/auth.ts);
 * its refusal is shown as it is.
 */
import { CredentialsRequest } from "../../shared/auth.ts";
import { check } from "../../shared/registry.ts";
import type { GuestAccount } from "../net/GuestAccount.ts";
import { byId } from "./dom.ts";

export class AccountPanel {
  private readonly username = byId<HTMLInputElement>("username");
  private readonly password = byId<HTMLInputElement>("password");
  private readonly status = byId<HTMLElement>("account-status");
  private readonly buttons = [byId<HTMLButtonElement>("claim"), byId<HTMLButtonElement>("login")];

  /** `name` is the menu's validated name (a claim before any game makes the guest from it). */
  constructor(
    private readonly account: GuestAccount,
    private readonly name: () => string | undefined,
  ) {
    byId("claim").addEventListener("click", () => this.run("claim"));
    byId("login").addEventListener("click", () => this.run("login"));
  }

  private run(action: "claim" | "login"): void {
    const credentials = check(CredentialsRequest, { username: this.username.value, password: this.password.value });
    if (!credentials.ok) return void (this.status.textContent = credentials.error);
    const { username, password } = credentials.value;
    let work: Promise<string>;
    if (action === "login") work = this.account.login(username, password);
    else {
      const name = this.name();
      if (!name) return;
      work = this.account.claim(name, username, password);
    }
    this.setBusy(true);
    void work.then((problem) => {
      this.setBusy(false);
      this.password.value = "";
      this.status.textContent = problem || (action === "claim" ? `Saved: sign in as ${username} in any browser.` : `Signed in as ${username}.`);
    });
  }

  private setBusy(busy: boolean): void {
    for (const b of this.buttons) b.disabled = busy;
    if (busy) this.status.textContent = "…";
  }
}
