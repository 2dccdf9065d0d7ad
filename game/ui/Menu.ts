import { validateName } from "../../shared/validate.ts";
import { byId } from "./dom.ts";

const NAME_KEY = "skirmish.name";

/** The start menu: a remembered, validated name and the Quick play button. */
export class Menu {
  private readonly root = byId<HTMLElement>("menu");
  private readonly form = byId<HTMLFormElement>("join-form");
  private readonly name = byId<HTMLInputElement>("name");
  private readonly nameError = byId<HTMLElement>("name-error");
  private readonly status = byId<HTMLElement>("menu-status");
  private readonly play = byId<HTMLButtonElement>("play");

  constructor(onPlay: (name: string) => Promise<void>) {
    this.name.value = localStorage.getItem(NAME_KEY) ?? "";
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
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
      onPlay(name.value)
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
    this.play.disabled = busy;
    this.status.textContent = message;
  }
}
