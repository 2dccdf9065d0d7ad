import { DEFAULT_BINDINGS, keyLabel, type Bindings } from "../input/bindings.ts";
import { byId, el } from "./dom.ts";

const SEEN_KEY = "skirmish.howToPlay.seen";

/** The controls, for the device in hand: a keyboard and mouse (with the player's keys), or a touch screen. */
export function howToLines(touch: boolean, keys: Readonly<Bindings> = DEFAULT_BINDINGS): string[] {
  const k = (a: keyof Bindings) => keyLabel(keys[a]);
  return touch
    ? [
        "Move: put your left thumb down anywhere on the left half of the screen and drag.",
        "Aim and fire: drag on the right half; hold to keep firing, tap to fire once at that spot.",
        "Connect Four: tap a column.",
        "Chat: the Chat button at the top.",
      ]
    : [
        `Move: ${[k("up"), k("left"), k("down"), k("right")].join(" ")} or the arrow keys (change them in Settings).`,
        `Aim: the mouse. Fire: click, or hold ${k("fire")}.`,
        "Connect Four: click a column, or press 1–7.",
        `Chat: press ${k("chat")}; Escape leaves the box.`,
      ];
}

/**
 * The "how to play" card on the menu: shown on the first visit, in the version for this
 * device, until the player presses "Got it" (remembered); after that a "How to play" button
 * brings it back. On the menu rather than over the game, so it never sits under a thumb or
 * the mouse mid-fight.
 */
export class HowToPlay {
  private readonly card = byId<HTMLElement>("how-to");
  private readonly reopen = byId<HTMLButtonElement>("how-to-open");

  constructor(
    private readonly storage: Pick<Storage, "getItem" | "setItem"> | undefined,
    private readonly touch: boolean,
    keys: Readonly<Bindings> = DEFAULT_BINDINGS,
  ) {
    this.showKeys(keys);
    this.card.dataset.device = touch ? "touch" : "keyboard";
    byId("how-to-ok").addEventListener("click", () => this.dismiss());
    this.reopen.addEventListener("click", () => this.setOpen(true));
    this.setOpen(storage?.getItem(SEEN_KEY) !== "1");
  }

  /** Name the player's keys (again after they are rebound in the settings). */
  showKeys(keys: Readonly<Bindings>): void {
    byId("how-to-list").replaceChildren(...howToLines(this.touch, keys).map((line) => el("li", line)));
  }

  private dismiss(): void {
    try {
      this.storage?.setItem(SEEN_KEY, "1");
    } catch {
      // storage refused: the card comes back next visit, which is harmless
    }
    this.setOpen(false);
    this.reopen.focus();
  }

  private setOpen(open: boolean): void {
    this.card.hidden = !open;
    this.reopen.hidden = open;
    this.reopen.setAttribute("aria-expanded", String(open));
  }
}
