/**
 * Interest management, the pure part: which part of the arena a client can see, and the grid
 * the server buckets entities into to decide what to send it. The server sends each client
 * only the drones and projectiles in the grid cells around it (server/rooms/arena/ArenaInterest.ts);
 * the client's camera shows exactly the field of view below (game/scenes/ArenaScene.ts), so
 * what it is sent always covers what it draws.
 */

/**
 * The world area a client's camera shows, in world units (map pixels), whatever the window
 * size: VIEW_WIDTH × VIEW_HEIGHT on a landscape screen, turned (VIEW_HEIGHT wide, VIEW_WIDTH
 * tall) on a portrait one, so a phone held upright sees 500 units across instead of 231.
 */
export const VIEW_WIDTH = 800;
export const VIEW_HEIGHT = 500;

/**
 * The side of the square the server covers around each client: it cannot tell how a screen
 * is held, so it sends what either orientation's view could show (VIEW_WIDTH both ways).
 */
export const INTEREST_VIEW = Math.max(VIEW_WIDTH, VIEW_HEIGHT);

/**
 * Extra world units around the view that are always sent, so an entity arrives before it
 * enters the screen: the fastest, a projectile (640 px/s), moves 32 px per patch, so it is
 * sent at least one patch before it can be drawn.
 */
export const INTEREST_MARGIN = 64;

/**
 * Side of one interest-grid cell in world units. Entities are sent cell by cell, so a client
 * gets on average half a cell more than its view and margin on each side.
 */
export const INTEREST_CELL = 64;

/**
 * Once a client's cells are chosen they stay until its view (plus margin) leaves them; then
 * they are chosen again this much wider, so a player pacing along a cell border does not
 * make a row of drones come and go with every step.
 */
export const INTEREST_HYSTERESIS = 32;

/** A rectangle of grid cells, inclusive at both ends. */
export interface CellRange {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The camera zoom that shows the field of view on a screen of this size: never more than it, in
 * either direction. The view's long side lies along the screen's long side.
 */
export function cameraZoom(screenWidth: number, screenHeight: number): number {
  const [across, down] = screenWidth >= screenHeight ? [VIEW_WIDTH, VIEW_HEIGHT] : [VIEW_HEIGHT, VIEW_WIDTH];
  return Math.max(screenWidth / across, screenHeight / down);
}

/** The grid column or row of a coordinate (negative coordinates count as cell 0). */
export function cellOf(coordinate: number): number {
  return Math.max(0, Math.floor(coordinate / INTEREST_CELL));
}

/** One number per cell, for maps keyed by cell (columns and rows below 65536). */
export function cellKey(cx: number, cy: number): number {
  return cx * 65536 + cy;
}

/** The cells the interest square centred on (x, y), widened by `margin` on every side, touches. */
export function cellsAround(x: number, y: number, margin: number): CellRange {
  const hw = INTEREST_VIEW / 2 + margin;
  const hh = INTEREST_VIEW / 2 + margin;
  return { x0: cellOf(x - hw), y0: cellOf(y - hh), x1: cellOf(x + hw), y1: cellOf(y + hh) };
}

export function inRange(r: CellRange, cx: number, cy: number): boolean {
  return cx >= r.x0 && cx <= r.x1 && cy >= r.y0 && cy <= r.y1;
}

/**
 * Where the interest square of a player at (x, y) is centred: on the player, except near the
 * map's edges, where it stops at the map's bounds as the camera does (which would show more on
 * the inner side). The camera's view, of either orientation, always lies inside the square.
 */
export function viewCentre(x: number, y: number, map: { width: number; height: number }): { x: number; y: number } {
  const clamp = (v: number, half: number, size: number) => (size <= 2 * half ? size / 2 : Math.min(Math.max(v, half), size - half));
  return { x: clamp(x, INTEREST_VIEW / 2, map.width), y: clamp(y, INTEREST_VIEW / 2, map.height) };
}

/**
 * A client's cells after its player moved to (x, y): the same range while it still covers the
 * view and its margin, else a new one, wider by the hysteresis. Returns `current` itself when unchanged.
 */
export function nextRange(current: CellRange | undefined, x: number, y: number, map: { width: number; height: number }): CellRange {
  const c = viewCentre(x, y, map);
  const needed = cellsAround(c.x, c.y, INTEREST_MARGIN);
  if (current && current.x0 <= needed.x0 && current.y0 <= needed.y0 && current.x1 >= needed.x1 && current.y1 >= needed.y1) return current;
  return cellsAround(c.x, c.y, INTEREST_MARGIN + INTEREST_HYSTERESIS);
}

/** Call `visit` for every cell in `a` that is not in `b` (b may be undefined: all of a). */
export function forEachCellNotIn(a: CellRange, b: CellRange | undefined, visit: (cx: number, cy: number) => void): void {
  for (let cx = a.x0; cx <= a.x1; cx++) {
    for (let cy = a.y0; cy <= a.y1; cy++) if (!b || !inRange(b, cx, cy)) visit(cx, cy);
  }
}
