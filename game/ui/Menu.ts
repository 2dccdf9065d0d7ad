import { RoomName } from "../../shared/protocol.ts";
import { validateName } from "../../shared/validate.ts";
import { byId } from "./dom.ts";

const NAME_KEY = "skirmish.name";

/**
 * The start menu: a remembered, validated name and a Quick play button per room type
 * (each submit button's `value` is the room name it joins).
 */
export class Menu {
  private readonly root = byId<HTMLElement>("menu");
  private readonly form = byId<HTMLFormElement>("join-form");
  private readonly name = byId<HTMLInputElement>("name");
  private readonly nameError = byId<HTMLElement>("name-error");
  private readonly status = byId<HTMLElement>("menu-status");
  private readonly buttons = this.form.querySelectorAll("button");

  constructor(onPlay: (name: string, roomName: string) => Promise<void>) {
    this.name.value = localStorage.getItem(NAME_KEY) ?? "";
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      // Enter in the name field submits with the first button: the arena.
      const roomName = (e.submitter instanceof HTMLButtonElement && e.submitter.value) || RoomName.Arena;
      const name = validateName(this.name.value);
      if (!name.ok) {
        this.nameError.textContent = name.error;
        this.name.setAttribute("aria-invalid", "true");
        this.name.focus();
        return;
      }
      this.nameError.textContent = "";
      this.name.removeAttribute("aria-invalid");
      localStorage.setItem(NAME_KEY, name.value);
      this.busy(true, "Finding a game…");
      onPlay(name.value, roomName)
        .then(() => this.busy(false, ""))
        .catch((err: unknown) => this.busy(false, `Could not join: ${err instanceof Error ? err.message : String(err)}`));
    });
  }

  show(message = ""): void {
    this.root.hidden = false;
    this.status.textContent = message;
    this.name.focus();
  }

  hide(): void {
    this.root.hidden = true;
  }

  private busy(busy: boolean, message: string): void {
    this.buttons.forEach((b) => (b.disabled = busy));
    this.status.textContent = message;
  }
}
