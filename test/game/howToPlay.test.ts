/** The how-to-play card's text for each device (game/ui/HowToPlay.ts): pure. */
import { describe, expect, it } from "vitest";
import { howToLines } from "../../game/ui/HowToPlay.ts";
import { bind, DEFAULT_BINDINGS } from "../../game/input/bindings.ts";

describe("howToLines", () => {
  it("tells a touch screen about thumbs and taps, and a keyboard about keys and the mouse", () => {
    const touch = howToLines(true).join(" ");
    const keys = howToLines(false).join(" ");
    expect(touch).toMatch(/left thumb/);
    expect(touch).toMatch(/tap a column/);
    expect(touch).not.toMatch(/W A S D|mouse/);
    expect(keys).toMatch(/W A S D/);
    expect(keys).toMatch(/mouse/);
    expect(keys).not.toMatch(/thumb|tap/);
  });

  it("names the player's own keys once they are rebound", () => {
    const keys = howToLines(false, bind(bind(DEFAULT_BINDINGS, "fire", "F"), "up", "I")).join(" ");
    expect(keys).toMatch(/Move: I A S D or the arrow keys/);
    expect(keys).toMatch(/hold F\./);
    expect(keys).toMatch(/press Enter;/);
  });
});
