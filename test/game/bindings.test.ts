/** The key-binding rules (game/input/bindings.ts): pure. */
import { describe, expect, it } from "vitest";
import { ACTIONS, applyPreset, arrowAlternates, bind, DEFAULT_BINDINGS, KEY_CODES, keyLabel, keyNameOf, parseBindings, presetOf } from "../../game/input/bindings.ts";

const distinct = (b: Record<string, string>) => new Set(Object.values(b)).size === ACTIONS.length;

describe("bind", () => {
  it("binds a free key to the action and leaves the others alone", () => {
    const b = bind(DEFAULT_BINDINGS, "fire", "F");
    expect(b).toEqual({ ...DEFAULT_BINDINGS, fire: "F" });
    expect(DEFAULT_BINDINGS.fire, "the input is not changed").toBe("SPACE");
  });

  it("swaps on a conflict: the action that had the key takes the rebound action's old key", () => {
    const b = bind(DEFAULT_BINDINGS, "up", "D");
    expect(b.up).toBe("D");
    expect(b.right).toBe("W");
    expect(distinct(b)).toBe(true);
  });

  it("rebinding an action to its own key changes nothing", () => {
    expect(bind(DEFAULT_BINDINGS, "chat", "ENTER")).toEqual(DEFAULT_BINDINGS);
  });

  it("refuses a key that cannot be bound (Tab, Escape, a name it does not know)", () => {
    expect(() => bind(DEFAULT_BINDINGS, "fire", "TAB")).toThrow("not a bindable key: TAB");
    expect(() => bind(DEFAULT_BINDINGS, "fire", "ESC")).toThrow("not a bindable key: ESC");
  });

  it("keeps every action on its own key through a long seeded run of random rebinds", () => {
    let seed = 20;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const names = Object.keys(KEY_CODES);
    let b = { ...DEFAULT_BINDINGS };
    for (let i = 0; i < 2000; i++) {
      const action = ACTIONS[Math.floor(next() * ACTIONS.length)]!;
      const key = names[Math.floor(next() * names.length)]!;
      b = bind(b, action, key);
      expect(b[action]).toBe(key);
      expect(distinct(b), `after binding ${action} to ${key}`).toBe(true);
    }
  });
});

describe("presets", () => {
  it("set the four move keys and keep the rest distinct", () => {
    const b = applyPreset(DEFAULT_BINDINGS, "esdf");
    expect([b.up, b.left, b.down, b.right]).toEqual(["E", "S", "D", "F"]);
    expect(b.fire).toBe("SPACE");
    expect(distinct(b)).toBe(true);
    expect(presetOf(b)).toBe("esdf");
  });

  it("move a key out of the way when a preset needs it", () => {
    const b = applyPreset(bind(DEFAULT_BINDINGS, "fire", "Q"), "zqsd");
    expect(b.left).toBe("Q");
    expect(distinct(b)).toBe(true);
    expect(b.fire).not.toBe("Q");
  });

  it("name no preset once a move key is bound by hand", () => {
    expect(presetOf(DEFAULT_BINDINGS)).toBe("wasd");
    expect(presetOf(bind(DEFAULT_BINDINGS, "up", "I"))).toBeUndefined();
  });
});

describe("parseBindings", () => {
  it("gives the fallback for nothing and junk", () => {
    for (const raw of [undefined, null, 3, "W", [1, 2]]) expect(parseBindings(raw)).toEqual(DEFAULT_BINDINGS);
  });

  it("keeps each valid key and replaces each invalid one with the fallback's", () => {
    expect(parseBindings({ up: "I", fire: "TAB", chat: 13, left: "J" })).toEqual({ ...DEFAULT_BINDINGS, up: "I", left: "J" });
  });

  it("takes the fallback whole when two actions would share a key", () => {
    expect(parseBindings({ up: "F", fire: "F" })).toEqual(DEFAULT_BINDINGS);
  });
});

describe("keys and labels", () => {
  it("names a key from its keyCode, and nothing for the keys kept free", () => {
    expect(keyNameOf(87)).toBe("W");
    expect(keyNameOf(32)).toBe("SPACE");
    expect(keyNameOf(9), "Tab").toBeUndefined();
    expect(keyNameOf(27), "Escape").toBeUndefined();
  });

  it("shows keys as a person reads them", () => {
    expect([keyLabel("SPACE"), keyLabel("UP"), keyLabel("SEVEN"), keyLabel("NUMPAD_TWO"), keyLabel("Q")]).toEqual(["Space", "↑", "7", "Numpad 2", "Q"]);
  });

  it("keeps the arrows as extra move keys unless one is bound to an action", () => {
    expect(arrowAlternates(DEFAULT_BINDINGS)).toEqual({ up: "UP", down: "DOWN", left: "LEFT", right: "RIGHT" });
    expect(arrowAlternates(bind(DEFAULT_BINDINGS, "fire", "UP"))).toEqual({ down: "DOWN", left: "LEFT", right: "RIGHT" });
  });
});
