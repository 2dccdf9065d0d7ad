/** The settings' parsing and the motion rule (game/ui/settings.ts): pure. */
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, loadSettings, parseSettings, reduceMotion, saveSettings, UI_SCALE } from "../../game/ui/settings.ts";

describe("parseSettings", () => {
  it("gives the defaults for nothing, junk and the wrong shape", () => {
    for (const raw of [null, undefined, "", "not json", "[1,2]", "42", '"text"']) expect(parseSettings(raw), String(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it("keeps valid fields, clamps numbers and replaces unknown choices field by field", () => {
    const keys = { ...DEFAULT_SETTINGS.keys, fire: "F" };
    const s = parseSettings(JSON.stringify({ volume: 7, motion: "wild", colourBlind: true, uiScale: 0.1, keys }));
    expect(s).toEqual({ volume: 1, motion: DEFAULT_SETTINGS.motion, colourBlind: true, uiScale: UI_SCALE.min, keys });
    expect(parseSettings(JSON.stringify({ volume: "loud", colourBlind: "yes", moveKeys: "dvorak", keys: { fire: "TAB" } }))).toEqual(DEFAULT_SETTINGS);
  });

  it("reads an entry stored before single keys could be rebound: its movement preset becomes the move keys", () => {
    expect(parseSettings(JSON.stringify({ moveKeys: "zqsd" })).keys).toEqual({ ...DEFAULT_SETTINGS.keys, up: "Z", left: "Q", down: "S", right: "D" });
  });

  it("round-trips through storage", () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
    const s = { ...DEFAULT_SETTINGS, volume: 0.25, motion: "reduced" as const, uiScale: 1.3 };
    saveSettings(storage, s);
    expect(loadSettings(storage)).toEqual(s);
  });
});

describe("reduceMotion", () => {
  it("follows the system unless the player chose", () => {
    const with_ = (motion: "system" | "reduced" | "full") => ({ ...DEFAULT_SETTINGS, motion });
    expect(reduceMotion(with_("system"), true)).toBe(true);
    expect(reduceMotion(with_("system"), false)).toBe(false);
    expect(reduceMotion(with_("reduced"), false)).toBe(true);
    expect(reduceMotion(with_("full"), true)).toBe(false);
  });
});
