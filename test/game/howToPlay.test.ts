/** The how-to-play card's text for each device (game/ui/HowToPlay.ts): pure. */
import { describe, expect, it } from "vitest";
import { howToLines } from "../../game/ui/HowToPlay.ts";

describe("howToLines", () => {
  it("tells a touch screen about thumbs and taps, and a keyboard about keys and the mouse", () => {
    const touch = howToLines(true).join(" ");
    const keys = howToLines(false).join(" ");
    expect(touch).toMatch(/left thumb/);
    expect(touch).toMatch(/tap a column/);
    expect(touch).not.toMatch(/WASD|mouse/);
    expect(keys).toMatch(/WASD/);
    expect(keys).toMatch(/mouse/);
    expect(keys).not.toMatch(/thumb|tap/);
  });
});
