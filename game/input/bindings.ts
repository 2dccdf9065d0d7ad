/**
 * Key bindings: which single key does each action. Pure (no DOM, no Phaser), so the rules are
 * unit-tested: parsing what was stored (anything at all) into a valid, conflict-free set,
 * binding a key (the action that had it takes the old key of the one rebound: a swap, so no
 * action is ever left without a key), and the movement-letter presets.
 *
 * Keys are named as Phaser's KeyCodes name them ("W", "SPACE", "UP") and matched by the
 * browser's keyCode, which follows the keyboard's layout: binding "Z" means the key labelled
 * Z, on QWERTY and AZERTY alike.
 *
 * @example
 * const b = bind(DEFAULT_BINDINGS, "fire", "F"); // fire on F; whatever had F gets SPACE
 */

export const ACTIONS = ["up", "down", "left", "right", "fire", "chat"] as const;
export type Action = (typeof ACTIONS)[number];
export type Bindings = Record<Action, KeyName>;

/** What the settings dialog calls each action. */
export const ACTION_LABELS: Record<Action, string> = {
  up: "Move up",
  down: "Move down",
  left: "Move left",
  right: "Move right",
  fire: "Fire",
  chat: "Open chat",
};

const letters = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [String.fromCharCode(65 + i), 65 + i]));
const DIGIT_NAMES = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"];
const digits = Object.fromEntries(DIGIT_NAMES.map((n, i) => [n, 48 + i]));
const numpad = Object.fromEntries(DIGIT_NAMES.map((n, i) => [`NUMPAD_${n}`, 96 + i]));

/**
 * The keys that can be bound, by Phaser's KeyCodes name, with their keyCode. Left out on
 * purpose: Tab (moves focus: the page must stay keyboard-operable), Escape (cancels, closes
 * dialogs), and the function keys (the browser's and the debug overlay's).
 */
export const KEY_CODES: Readonly<Record<string, number>> = {
  ...letters,
  ...digits,
  ...numpad,
  UP: 38,
  DOWN: 40,
  LEFT: 37,
  RIGHT: 39,
  SPACE: 32,
  ENTER: 13,
  SHIFT: 16,
  CTRL: 17,
  ALT: 18,
  BACKSPACE: 8,
  COMMA: 188,
  PERIOD: 190,
  SEMICOLON: 186,
  QUOTES: 222,
  FORWARD_SLASH: 191,
  BACK_SLASH: 220,
  OPEN_BRACKET: 219,
  CLOSED_BRACKET: 221,
  MINUS: 189,
  PLUS: 187,
};
export type KeyName = string;

const NAMES_BY_CODE = new Map(Object.entries(KEY_CODES).map(([name, code]) => [code, name]));

/** The bindable key a keyboard event is, or undefined (an unbindable key such as Tab or Escape). */
export function keyNameOf(keyCode: number): KeyName | undefined {
  return NAMES_BY_CODE.get(keyCode);
}

/** How a key is shown to the player. */
export function keyLabel(name: KeyName): string {
  const words: Record<string, string> = { UP: "↑", DOWN: "↓", LEFT: "←", RIGHT: "→", SPACE: "Space", ENTER: "Enter", SHIFT: "Shift", CTRL: "Ctrl", ALT: "Alt", BACKSPACE: "Backspace", COMMA: ",", PERIOD: ".", SEMICOLON: ";", QUOTES: "'", FORWARD_SLASH: "/", BACK_SLASH: "\\", OPEN_BRACKET: "[", CLOSED_BRACKET: "]", MINUS: "-", PLUS: "=" };
  if (words[name]) return words[name];
  const digit = DIGIT_NAMES.indexOf(name.replace("NUMPAD_", ""));
  if (digit >= 0) return name.startsWith("NUMPAD_") ? `Numpad ${digit}` : String(digit);
  return name;
}

/** Movement letter sets, for keyboards whose letters are not where QWERTY has them: shortcuts that set the four move keys. */
export const MOVE_PRESETS = {
  wasd: { label: "WASD (QWERTY)", up: "W", left: "A", down: "S", right: "D" },
  zqsd: { label: "ZQSD (AZERTY)", up: "Z", left: "Q", down: "S", right: "D" },
  esdf: { label: "ESDF", up: "E", left: "S", down: "D", right: "F" },
} as const;
export type MovePreset = keyof typeof MOVE_PRESETS;

export const DEFAULT_BINDINGS: Readonly<Bindings> = { up: "W", down: "S", left: "A", right: "D", fire: "SPACE", chat: "ENTER" };

/**
 * `action` bound to `key`. If another action had that key, it takes `action`'s old key (a
 * swap): every action keeps exactly one key, and no two share one. Returns a new object.
 */
export function bind(b: Readonly<Bindings>, action: Action, key: KeyName): Bindings {
  if (!(key in KEY_CODES)) throw new Error(`not a bindable key: ${key}`);
  const next = { ...b };
  const holder = ACTIONS.find((a) => a !== action && next[a] === key);
  if (holder) next[holder] = next[action];
  next[action] = key;
  return next;
}

/** The four move keys set from a preset, each through bind() so the other actions keep distinct keys. */
export function applyPreset(b: Readonly<Bindings>, preset: MovePreset): Bindings {
  const p = MOVE_PRESETS[preset];
  let next: Bindings = { ...b };
  for (const a of ["up", "left", "down", "right"] as const) next = bind(next, a, p[a]);
  return next;
}

/** The preset the move keys match, if any (the dialog shows "Custom" otherwise). */
export function presetOf(b: Readonly<Bindings>): MovePreset | undefined {
  return (Object.keys(MOVE_PRESETS) as MovePreset[]).find((k) => {
    const p = MOVE_PRESETS[k];
    return b.up === p.up && b.left === p.left && b.down === p.down && b.right === p.right;
  });
}

/**
 * Bindings from what was stored: each action's key if it is bindable, else the fallback's;
 * and if two actions end up on one key (a hand-edited entry), the fallback whole, since no
 * choice of which to keep would be the player's.
 */
export function parseBindings(raw: unknown, fallback: Readonly<Bindings> = DEFAULT_BINDINGS): Bindings {
  const v = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const out = { ...fallback };
  for (const a of ACTIONS) {
    const k = v[a];
    if (typeof k === "string" && k in KEY_CODES) out[a] = k;
  }
  return new Set(ACTIONS.map((a) => out[a])).size === ACTIONS.length ? out : { ...fallback };
}

/**
 * The arrow keys move too, as they always have, unless the player bound one to something:
 * then that action has it alone.
 */
export function arrowAlternates(b: Readonly<Bindings>): Partial<Record<"up" | "down" | "left" | "right", KeyName>> {
  const taken = new Set(ACTIONS.map((a) => b[a]));
  const out: Partial<Record<"up" | "down" | "left" | "right", KeyName>> = {};
  for (const [a, k] of [["up", "UP"], ["down", "DOWN"], ["left", "LEFT"], ["right", "RIGHT"]] as const) if (!taken.has(k)) out[a] = k;
  return out;
}
