/** Colours of the arena, in one place. */
export const Palette = {
  floor: 0x161b22,
  floorAlt: 0x181e26,
  grid: 0x222a35,
  rivet: 0x2b3440,
  wall: 0x3a424d,
  wallLight: 0x5b6572,
  wallDark: 0x22282f,
  wallEdge: 0x484f58,
  hazard: 0xd29922,
  self: 0x4cc9f0,
  other: 0xf72585,
  dead: 0x6e7681,
  projectile: 0xffd166,
  drone: 0x6e7bbd,
  droneArm: 0x3c4470,
  droneEye: 0xff5555,
  engine: 0xffa94d,
  canopy: 0x0d1117,
  hpBack: 0x3d1f1f,
  hpFront: 0x3fb950,
} as const;

/**
 * The colour-blind-safe pair (Okabe and Ito's sky blue and orange, told apart under every
 * common colour blindness); the scene adds outlines and a mark, so colour is never the only cue.
 */
export const SafePalette = {
  self: 0x56b4e9,
  other: 0xe69f00,
} as const;

/** Colours of the Connect Four board, in one place (the HUD's CSS uses the same red and yellow). */
export const Connect4Palette = {
  board: 0x1f4fbf,
  boardEdge: 0x163a8f,
  hole: 0x0d1117,
  red: 0xe63946,
  yellow: 0xffd166,
  winRing: 0xffffff,
  lastMove: 0x0d1117,
} as const;

/** Colour `a` moved towards `b` by `t` (0–1), channel by channel: a hit flash whitens a body. */
export function mix(a: number, b: number, t: number): number {
  const ch = (shift: number) => Math.round(((a >> shift) & 0xff) * (1 - t) + ((b >> shift) & 0xff) * t) << shift;
  return ch(16) | ch(8) | ch(0);
}
