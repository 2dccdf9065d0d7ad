import type { Sound } from "../audio/Sound.ts";

/**
 * The sound switch in the room bar: a toggle button named for what pressing it means,
 * "Mute sound", pressed (aria-pressed, and drawn pressed) while muted.
 */
export class MuteButton {
  constructor(
    private readonly button: HTMLButtonElement,
    sound: Sound,
  ) {
    button.addEventListener("click", () => {
      sound.muted = !sound.muted;
    });
    sound.onMutedChange((muted) => this.render(muted));
    this.render(sound.muted);
  }

  private render(muted: boolean): void {
    this.button.setAttribute("aria-pressed", String(muted));
    this.button.title = muted ? "Sound is off" : "Sound is on";
  }
}
