import { byId, el } from "./dom.ts";

const SEEN_KEY = "skirmish.howToPlay.seen";

/** The controls, for the device in hand: a keyboard and mouse, or a touch screen. */
export function howToLines(touch: boolean): string[] {
  return touch
    ? [
        "Move: put your left thumb down anywhere on the left half of the screen and drag.",
        "Aim and fire: drag on the right half; hold to keep firing, tap to fire once at that spot.",
        "Connect Four: tap a column.",
        "Chat: the Chat button at the top.",
      ]
    : [
        "Move: WASD or the arrow keys.",
        "Aim: the mouse. Fire: click, or hold space.",
        "Connect Four: click a column, or press 1–7.",
        "Chat: press Enter; Escape leaves the box.",
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
    touch: boolean,
  ) {
    byId("how-to-list").replaceChildren(...howToLines(touch).map((line) => el("li", line)));
    this.card.dataset.device = touch ? "touch" : "keyboard";
    byId("how-to-ok").addEventListener("click", () => this.dismiss());
    this.reopen.addEventListener("click", () => this.setOpen(true));
    this.setOpen(storage?.getItem(SEEN_KEY) !== "1");
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
