import type { Rect, Vec } from "../../shared/geometry.ts";
import type { ArenaMap } from "../../shared/arena/maps.ts";

/** A 1000 × 1000 test map: a 10 px border plus `walls`, so distances are easy to reason about. */
export function boxMap(id: string, walls: readonly Rect[], spawns: readonly Vec[]): ArenaMap {
  const border: Rect[] = [
    { x: 0, y: 0, w: 1000, h: 10 },
    { x: 0, y: 990, w: 1000, h: 10 },
    { x: 0, y: 0, w: 10, h: 1000 },
    { x: 990, y: 0, w: 10, h: 1000 },
  ];
  return { id, name: id, seats: 16, width: 1000, height: 1000, walls: [...border, ...walls], spawns };
}
