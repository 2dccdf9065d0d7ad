/** Axis-aligned rectangle, used for walls and obstacles. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Vec {
  x: number;
  y: number;
}

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

/** Does a circle overlap a rectangle? */
export function circleHitsRect(cx: number, cy: number, r: number, rect: Rect): boolean {
  const dx = cx - clamp(cx, rect.x, rect.x + rect.w);
  const dy = cy - clamp(cy, rect.y, rect.y + rect.h);
  return dx * dx + dy * dy < r * r;
}

/** Does a circle overlap any of the rectangles? */
export function circleHitsAny(cx: number, cy: number, r: number, rects: readonly Rect[]): boolean {
  for (const rect of rects) if (circleHitsRect(cx, cy, r, rect)) return true;
  return false;
}

/** Squared distance from point p to the segment a→b. */
export function pointSegmentDistanceSq(p: Vec, a: Vec, b: Vec): number {
  const abx = b.x - a.x;
  const aby = b.y - a.y;
  const lenSq = abx * abx + aby * aby;
  const t = lenSq === 0 ? 0 : clamp(((p.x - a.x) * abx + (p.y - a.y) * aby) / lenSq, 0, 1);
  const dx = p.x - (a.x + abx * t);
  const dy = p.y - (a.y + aby * t);
  return dx * dx + dy * dy;
}
