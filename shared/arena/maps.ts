import type { Rect, Vec } from "../geometry.ts";

/** A map is pure data: size, solid rectangles and spawn points. */
export interface ArenaMap {
  id: string;
  name: string;
  width: number;
  height: number;
  /** Solid rectangles: the border and the obstacles. Players and projectiles stop at them. */
  walls: readonly Rect[];
  spawns: readonly Vec[];
  /** The most players it is made for: a room with more seats gets a bigger map (mapForSeats). */
  seats: number;
}

const W = 1600;
const H = 1200;
const T = 24; // border thickness

/** The default arena: a walled field with a central block, four pillars and cover near each spawn. */
export const FOUNDRY: ArenaMap = {
  id: "foundry",
  name: "Foundry",
  seats: 16,
  width: W,
  height: H,
  walls: [
    // border
    { x: 0, y: 0, w: W, h: T },
    { x: 0, y: H - T, w: W, h: T },
    { x: 0, y: 0, w: T, h: H },
    { x: W - T, y: 0, w: T, h: H },
    // centre block
    { x: 720, y: 520, w: 160, h: 160 },
    // pillars
    { x: 360, y: 280, w: 64, h: 64 },
    { x: 1176, y: 280, w: 64, h: 64 },
    { x: 360, y: 856, w: 64, h: 64 },
    { x: 1176, y: 856, w: 64, h: 64 },
    // long cover walls
    { x: 560, y: 160, w: 480, h: 24 },
    { x: 560, y: 1016, w: 480, h: 24 },
    { x: 180, y: 480, w: 24, h: 240 },
    { x: 1396, y: 480, w: 24, h: 240 },
  ],
  spawns: [
    { x: 100, y: 100 },
    { x: 1500, y: 100 },
    { x: 100, y: 1100 },
    { x: 1500, y: 1100 },
    { x: 800, y: 90 },
    { x: 800, y: 1110 },
    { x: 90, y: 600 },
    { x: 1510, y: 600 },
    { x: 560, y: 600 },
    { x: 1040, y: 600 },
    { x: 300, y: 420 },
    { x: 1300, y: 780 },
  ],
};

/**
 * A bigger arena for a bigger room: the base map's obstacles and spawn points repeated over
 * cols × rows tiles inside one outer border (the tiles' own borders are left out, so the
 * field is open from end to end). Its area grows with the tiles, so a room of 4× the players
 * on a 2×2 map keeps the base map's players (and drones) per square unit.
 */
export function tiledMap(base: ArenaMap, cols: number, rows: number, seats: number): ArenaMap {
  const width = base.width * cols;
  const height = base.height * rows;
  const isBorder = (r: Rect) => r.x === 0 || r.y === 0 || r.x + r.w === base.width || r.y + r.h === base.height;
  const obstacles = base.walls.filter((r) => !isBorder(r));
  const walls: Rect[] = [
    { x: 0, y: 0, w: width, h: T },
    { x: 0, y: height - T, w: width, h: T },
    { x: 0, y: 0, w: T, h: height },
    { x: width - T, y: 0, w: T, h: height },
  ];
  const spawns: Vec[] = [];
  for (let cx = 0; cx < cols; cx++) {
    for (let cy = 0; cy < rows; cy++) {
      const dx = cx * base.width;
      const dy = cy * base.height;
      for (const r of obstacles) walls.push({ ...r, x: r.x + dx, y: r.y + dy });
      for (const s of base.spawns) spawns.push({ x: s.x + dx, y: s.y + dy });
    }
  }
  return { id: `${base.id}-${cols}x${rows}`, name: `${base.name} ${cols}×${rows}`, width, height, walls, spawns, seats };
}

/**
 * Foundry for rooms of up to 64 players (4× its area: its 16 players per tile) and up to 128
 * (6× its area, about 21 per tile). Synced positions stop at MAX_COORDINATE (4096, from uint16
 * at 1/16 px), so no map is wider or taller than that: three tiles across would be 4800.
 */
export const FOUNDRY_2X2 = tiledMap(FOUNDRY, 2, 2, 64);
export const FOUNDRY_2X3 = tiledMap(FOUNDRY, 2, 3, 128);

export const MAPS: Readonly<Record<string, ArenaMap>> = Object.fromEntries(
  [FOUNDRY, FOUNDRY_2X2, FOUNDRY_2X3].map((m) => [m.id, m]),
);
export const DEFAULT_MAP_ID = FOUNDRY.id;

/**
 * The map with this id, or the default one for an unknown id: the one lookup every client
 * kind (game, bots, soak and load clients) and the server use. Own keys only, so an id such
 * as "constructor" never picks something off Object.prototype.
 */
export function mapById(id: string | undefined): ArenaMap {
  return (id !== undefined && Object.hasOwn(MAPS, id) && MAPS[id]) || MAPS[DEFAULT_MAP_ID]!;
}

/** The smallest map made for this many players: what a room gets when its creator names no map. */
export function mapForSeats(seats: number): ArenaMap {
  const fits = Object.values(MAPS).filter((m) => m.seats >= seats).sort((a, b) => a.seats - b.seats);
  return fits[0] ?? FOUNDRY_2X3;
}
