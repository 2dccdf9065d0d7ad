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
}

const W = 1600;
const H = 1200;
const T = 24; // border thickness

/** The default arena: a walled field with a central block, four pillars and cover near each spawn. */
export const FOUNDRY: ArenaMap = {
  id: "foundry",
  name: "Foundry",
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

export const MAPS: Readonly<Record<string, ArenaMap>> = { [FOUNDRY.id]: FOUNDRY };
export const DEFAULT_MAP_ID = FOUNDRY.id;

/**
 * The map with this id, or the default one for an unknown id: the one lookup every client
 * kind (game, bots, soak and load clients) and the server use. Own keys only, so an id such
 * as "constructor" never picks something off Object.prototype.
 */
export function mapById(id: string | undefined): ArenaMap {
  return (id !== undefined && Object.hasOwn(MAPS, id) && MAPS[id]) || MAPS[DEFAULT_MAP_ID]!;
}
