/**
 * The player's settings, remembered in localStorage: sound volume, motion, a colour-blind-safe
 * palette, the UI's scale, and the key bindings (game/input/bindings.ts). Pure: parsing clamps every field, so a
 * hand-edited or stale entry can never break the page.
 *
 * @example
 * const s = loadSettings(localStorage); s.volume = 0.5; saveSettings(localStorage, s);
 */

import { applyPreset, DEFAULT_BINDINGS, MOVE_PRESETS, parseBindings, type Bindings, type MovePreset } from "../input/bindings.ts";

const KEY = "skirmish.settings";

export type Motion = "system" | "reduced" | "full";

export interface Settings {
  /** 0–1, under the synth's own master gain. */
  volume: number;
  /** "system" follows prefers-reduced-motion. */
  motion: Motion;
  /** Friend and foe told apart by outline and mark as well as colour, in a palette safe for colour blindness. */
  colourBlind: boolean;
  /** The HUD's size, 0.8–1.5. */
  uiScale: number;
  /** One key per action. */
  keys: Bindings;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = { volume: 0.8, motion: "system", colourBlind: false, uiScale: 1, keys: DEFAULT_BINDINGS };
export const UI_SCALE = { min: 0.8, max: 1.5 } as const;

const clamp = (v: unknown, min: number, max: number, fallback: number): number =>
  typeof v === "number" && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
const oneOf = <T extends string>(v: unknown, options: readonly T[], fallback: T): T => (options.includes(v as T) ? (v as T) : fallback);

/** Settings from whatever was stored (anything at all): each field valid, or its default. */
export function parseSettings(raw: string | null | undefined): Settings {
  let v: Record<string, unknown> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === "object") v = parsed as Record<string, unknown>;
  } catch {
    // not JSON: the defaults
  }
  const d = DEFAULT_SETTINGS;
  return {
    volume: clamp(v.volume, 0, 1, d.volume),
    motion: oneOf<Motion>(v.motion, ["system", "reduced", "full"], d.motion),
    colourBlind: typeof v.colourBlind === "boolean" ? v.colourBlind : d.colourBlind,
    uiScale: clamp(v.uiScale, UI_SCALE.min, UI_SCALE.max, d.uiScale),
    // Before keys could be rebound one by one, only a movement preset was stored ("moveKeys"): it still counts.
    keys: parseBindings(v.keys, applyPreset(d.keys, oneOf(v.moveKeys, Object.keys(MOVE_PRESETS) as MovePreset[], "wasd"))),
  };
}

export function loadSettings(storage: Pick<Storage, "getItem"> | undefined): Settings {
  try {
    return parseSettings(storage?.getItem(KEY));
  } catch {
    return parseSettings(undefined);
  }
}

export function saveSettings(storage: Pick<Storage, "setItem"> | undefined, s: Settings): void {
  try {
    storage?.setItem(KEY, JSON.stringify(s));
  } catch {
    // storage refused: the settings still hold for this visit
  }
}

/** Whether to cut motion now: the setting, or the system's preference when the setting follows it. */
export function reduceMotion(s: Settings, systemPrefersReduced: boolean): boolean {
  return s.motion === "reduced" || (s.motion === "system" && systemPrefersReduced);
}
