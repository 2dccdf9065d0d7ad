/**
 * The menu's "Keep this account, or sign in" panel: a username and password either claim the
 * guest account this browser plays as (so it can be signed into elsewhere), or sign this
 * browser into an account claimed before. The checks are the server's (shared/auth.ts);
 * its refusal is shown as it is. "Delete account" asks once more (a second button) before it
 * deletes the account and its personal data (DELETE /api/accounts/me).
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
    byId("delete-account").addEventListener("click", () => this.askToDelete());
    this.confirmDelete.addEventListener("click", () => this.deleteAccount());
  }

  private readonly confirmDelete = byId<HTMLButtonElement>("delete-account-confirm");

  private askToDelete(): void {
    if (!this.account.account) return void (this.status.textContent = "This browser has no account yet: nothing to delete.");
    this.confirmDelete.hidden = false;
    this.status.textContent = `Delete ${this.account.account.name}? Your name, ratings, stats, blocks and sign-ins go for good; past matches stay, without your name.`;
  }

  private deleteAccount(): void {
    this.confirmDelete.hidden = true;
    this.setBusy(true);
    void this.account.deleteAccount().then((problem) => {
      this.setBusy(false);
      this.status.textContent = problem || "Your account was deleted. Your next game starts a new guest account.";
    });
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
