import type { Sound } from "../audio/Sound.ts";

/** The sound switch in the room bar: a toggle button (aria-pressed) that says what it does. */
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
    this.button.textContent = muted ? "Sound off" : "Sound on";
    this.button.setAttribute("aria-label", "Mute sound");
  }
}
