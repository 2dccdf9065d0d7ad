import { PlayerName } from "../../shared/kit/options.ts";
import { check } from "../../shared/registry.ts";
import { byId, el } from "./dom.ts";

const NAME_KEY = "skirmish.name";

export interface MenuActions {
  quickPlay(name: string, mode: string): Promise<void>;
  /** `rated`: the menu's "a private room I create is rated" box (unchecked: `rated: false`). */
  createPrivate(name: string, mode: string, rated: boolean): Promise<void>;
  joinCode(name: string, code: string): Promise<void>;
  /** Watch the room with this code as a spectator (its owner must allow it). */
  watchCode(name: string, code: string): Promise<void>;
  browse(name: string): Promise<void>;
}

/**
 * The start menu: a remembered, validated name, a game mode, and the four ways in.
 * An invite link (/?room=CODE) pre-fills the code and makes Enter join that room.
 */
export class Menu {
  private readonly root = byId<HTMLElement>("menu");
  private readonly form = byId<HTMLFormElement>("join-form");
  private readonly name = byId<HTMLInputElement>("name");
  private readonly nameError = byId<HTMLElement>("name-error");
  private readonly mode = byId<HTMLSelectElement>("mode");
  private readonly code = byId<HTMLInputElement>("code");
  private readonly status = byId<HTMLElement>("menu-status");
  private readonly accountLine = byId<HTMLElement>("account");
  private shownAccount: string | undefined;
  private readonly buttons = [...this.form.querySelectorAll("button")];

  constructor(
    modes: ReadonlyArray<{ type: string; label: string }>,
    private readonly actions: MenuActions,
    private readonly inviteCode: string | undefined,
  ) {
    for (const m of modes) {
      const option = el("option", m.label);
      option.value = m.type;
      this.mode.append(option);
    }
    this.name.value = localStorage.getItem(NAME_KEY) ?? "";
    if (inviteCode) this.showInvite(inviteCode);
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (this.inviteCode) this.run((n) => actions.joinCode(n, this.inviteCode!));
      else this.run((n) => actions.quickPlay(n, this.mode.value));
    });
    byId("create-private").addEventListener("click", () => this.run((n) => actions.createPrivate(n, this.mode.value, byId<HTMLInputElement>("private-rated").checked)));
    byId("join-code").addEventListener("click", () => this.run((n) => actions.joinCode(n, this.code.value)));
    byId("watch-code").addEventListener("click", () => this.run((n) => actions.watchCode(n, this.code.value)));
    byId("browse").addEventListener("click", () => this.run((n) => actions.browse(n), ""));
  }

  show(message = ""): void {
    this.root.hidden = false;
    this.status.textContent = message;
  }

  hide(): void {
    this.root.hidden = true;
  }

  /** Who plays: the guest account this browser keeps (game/net/GuestAccount.ts), once known. */
  showAccount(account: { id: string; name: string } | undefined): void {
    this.accountLine.textContent = account ? `Playing as ${account.name} (your account, kept in this browser)` : "";
    // Another account than before (a sign-in, or the first one): its name, not the one typed for the last.
    if (account && (account.id !== this.shownAccount || !this.name.value)) this.name.value = account.name;
    this.shownAccount = account?.id;
  }

  setStatus(message: string): void {
    this.status.textContent = message;
  }

  /** The validated name, or undefined after showing the problem beside the field. */
  validName(): string | undefined {
    const name = check(PlayerName, this.name.value);
    if (!name.ok) {
      this.nameError.textContent = name.error;
      this.name.setAttribute("aria-invalid", "true");
      this.name.focus();
      return undefined;
    }
    this.nameError.textContent = "";
    this.name.removeAttribute("aria-invalid");
    localStorage.setItem(NAME_KEY, name.value);
    return name.value;
  }

  private showInvite(code: string): void {
    this.code.value = code;
    const invite = byId("invite");
    invite.hidden = false;
    invite.textContent = `You are invited to room ${code}. Choose a name and press Join.`;
    byId("quick-play").textContent = `Join room ${code}`;
  }

  private run(action: (name: string) => Promise<void>, busyText = "Joining…"): void {
    const name = this.validName();
    if (!name) return;
    this.setBusy(true, busyText);
    action(name)
      .then(() => this.setBusy(false, ""))
      .catch((err: unknown) => this.setBusy(false, err instanceof Error ? err.message : String(err)));
  }

  private setBusy(busy: boolean, message: string): void {
    for (const b of this.buttons) b.disabled = busy;
    this.status.textContent = message;
  }
}
