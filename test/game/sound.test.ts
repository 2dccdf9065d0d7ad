/** The sound switch and the sound table (game/audio): the pure parts, with no audio device. */
import { describe, expect, it } from "vitest";
import { Sound } from "../../game/audio/Sound.ts";
import { SOUNDS } from "../../game/audio/sounds.ts";

/** A Storage stand-in: a map. */
function memory(): Pick<Storage, "getItem" | "setItem"> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

describe("Sound", () => {
  it("remembers the mute switch across visits, and tells its listeners", () => {
    const store = memory();
    const first = new Sound(store);
    expect(first.muted).toBe(false);
    const seen: boolean[] = [];
    first.onMutedChange((m) => seen.push(m));
    first.muted = true;
    expect(seen).toEqual([true]);
    expect(new Sound(store).muted).toBe(true);
    first.muted = false;
    expect(new Sound(store).muted).toBe(false);
  });

  it("still switches where storage refuses to write", () => {
    const sound = new Sound({ getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); } });
    sound.muted = true;
    expect(sound.muted).toBe(true);
  });

  it("is silent, and makes no audio context, before any user gesture", () => {
    const sound = new Sound(undefined);
    expect(() => sound.play("shot")).not.toThrow();
    expect((sound as unknown as { ctx: unknown }).ctx).toBeUndefined();
  });
});

describe("the sound table", () => {
  it("has tones WebAudio can play: positive pitches (exponential ramps need them), gains in (0, 1], lengths > 0", () => {
    for (const [name, tones] of Object.entries(SOUNDS)) {
      expect(tones.length, name).toBeGreaterThan(0);
      for (const t of tones) {
        expect(t.from, name).toBeGreaterThan(0);
        expect(t.to, name).toBeGreaterThan(0);
        expect(t.gain, name).toBeGreaterThan(0);
        expect(t.gain, name).toBeLessThanOrEqual(1);
        expect(t.length, name).toBeGreaterThan(0);
        expect(t.at, name).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
