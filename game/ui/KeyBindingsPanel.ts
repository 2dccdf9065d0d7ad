import { ACTION_LABELS, ACTIONS, bind, DEFAULT_BINDINGS, keyLabel, keyNameOf, type Action, type Bindings } from "../input/bindings.ts";
import { byId, el } from "./dom.ts";

/**
 * The settings dialog's key list: one button per action showing its key. Activating a button
 * waits for the next key press and binds it (the action that had that key takes the old one:
 * a swap, said in the live status line); Escape or leaving the button cancels; Tab is never
 * taken, so the dialog stays keyboard-operable. "Reset keys" restores the defaults.
 */
export class KeyBindingsPanel {
  private readonly list = byId<HTMLUListElement>("bind-list");
  private readonly status = byId<HTMLParagraphElement>("bind-status");
  private readonly buttons = new Map<Action, HTMLButtonElement>();
  private waiting: Action | undefined;
  /** The key just bound: its keyup (which would click the button again for Space) is swallowed. */
  private swallowUp: number | undefined;

  constructor(
    private readonly get: () => Bindings,
    private readonly set: (b: Bindings) => void,
  ) {
    for (const action of ACTIONS) {
      const name = el("span", ACTION_LABELS[action], "bind-name");
      name.id = `bind-${action}-name`;
      const button = el("button", "", "secondary bind-key");
      button.type = "button";
      button.id = `bind-${action}`;
      // Named "Move up W": the action, then the key the button shows.
      button.setAttribute("aria-labelledby", `${name.id} ${button.id}`);
      button.setAttribute("aria-describedby", "bind-status");
      button.addEventListener("click", () => this.listen(action));
      button.addEventListener("keydown", (e) => this.key(action, e));
      button.addEventListener("keyup", (e) => {
        if (e.keyCode !== this.swallowUp) return;
        e.preventDefault();
        this.swallowUp = undefined;
      });
      button.addEventListener("blur", () => this.stop(action));
      this.buttons.set(action, button);
      const row = el("li", "", "bind-row");
      row.append(name, button);
      this.list.append(row);
    }
    byId("bind-reset").addEventListener("click", () => {
      this.set({ ...DEFAULT_BINDINGS });
      this.say("Keys reset to the defaults.");
    });
    this.show();
  }

  /** Shows the current keys (after any change, here or by the movement preset). */
  show(): void {
    const b = this.get();
    for (const [action, button] of this.buttons) {
      button.textContent = this.waiting === action ? "Press a key…" : keyLabel(b[action]);
      button.setAttribute("aria-pressed", String(this.waiting === action));
    }
  }

  private listen(action: Action): void {
    if (this.waiting === action) return;
    this.waiting = action;
    this.say(`Press the key for ${ACTION_LABELS[action]}, or Escape to cancel.`);
    this.show();
  }

  private stop(action: Action): void {
    if (this.waiting !== action) return;
    this.waiting = undefined;
    this.show();
  }

  private key(action: Action, e: KeyboardEvent): void {
    if (this.waiting !== action) return;
    if (e.key === "Tab") return this.stop(action); // focus moves on, as everywhere else
    // Keys pressed here are the dialog's: the game and the dialog's own Escape never see them.
    e.preventDefault();
    e.stopPropagation();
    if (e.key === "Escape") {
      this.stop(action);
      this.say("Unchanged.");
      return;
    }
    const name = keyNameOf(e.keyCode);
    if (!name) {
      this.say(`${e.key} cannot be bound. Press another key, or Escape to cancel.`);
      return;
    }
    const before = this.get();
    const after = bind(before, action, name);
    const swapped = ACTIONS.find((a) => a !== action && after[a] !== before[a]);
    this.waiting = undefined;
    this.swallowUp = e.keyCode;
    this.set(after);
    this.say(`${ACTION_LABELS[action]} is now ${keyLabel(name)}.` + (swapped ? ` ${ACTION_LABELS[swapped]} moved to ${keyLabel(after[swapped])}.` : ""));
  }

  private say(text: string): void {
    this.status.textContent = text;
  }
}
