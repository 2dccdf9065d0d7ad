import type { StateView } from "@colyseus/schema";
import { cellKey, cellOf, forEachCellNotIn, inRange, nextRange, type CellRange } from "../../../shared/arena/interest.ts";

/** Anything a StateView can hold: a schema instance in the room's state. */
type Entity = Parameters<StateView["add"]>[0];

interface Viewer {
  view: StateView;
  range: CellRange | undefined;
}

interface Placement {
  cx: number;
  cy: number;
  /** The update that last placed it; entities not placed in an update are gone. */
  seen: number;
}

/**
 * Per-client interest bookkeeping for one arena: which drones and projectiles each client's
 * StateView holds. Entities are bucketed into the grid of shared/arena/interest.ts, and work
 * is done only on change: when an entity moves into another cell it is checked against each
 * viewer's cell range (a few integer compares), and when a viewer's range moves only the
 * cells entering or leaving it are visited. Nothing is compared viewer × entity per patch.
 *
 * Invariant after every update: a viewer's view holds an entity iff the entity's cell is in
 * the viewer's range.
 */
export class ArenaInterest {
  /** `map` is the arena's size: a view stops at its edges like the client's camera. */
  constructor(private readonly map: { width: number; height: number }) {}

  private readonly viewers = new Map<string, Viewer>();
  private readonly cells = new Map<number, Set<Entity>>();
  private readonly placed = new Map<Entity, Placement>();
  private update = 0;

  /** A client joins the arena at (x, y): its view gets everything already around it. */
  addViewer(id: string, view: StateView, x: number, y: number): void {
    const viewer: Viewer = { view, range: undefined };
    this.viewers.set(id, viewer);
    this.moveViewer(viewer, x, y);
  }

  removeViewer(id: string): void {
    this.viewers.delete(id);
  }

  /** Start one update; then `follow()` each viewer, `place()` each live entity, and `sweep()`. */
  begin(): void {
    this.update++;
  }

  /** The viewer is now at (x, y). */
  follow(id: string, x: number, y: number): void {
    const viewer = this.viewers.get(id);
    if (viewer) this.moveViewer(viewer, x, y);
  }

  /** The entity is live at (x, y) in this update (new ones are introduced to the viewers near them). */
  place(entity: Entity, x: number, y: number): void {
    const cx = cellOf(x);
    const cy = cellOf(y);
    const at = this.placed.get(entity);
    if (!at) {
      this.placed.set(entity, { cx, cy, seen: this.update });
      this.cell(cx, cy).add(entity);
      for (const v of this.viewers.values()) if (v.range && inRange(v.range, cx, cy)) this.show(v, entity);
      return;
    }
    at.seen = this.update;
    if (at.cx === cx && at.cy === cy) return;
    this.cells.get(cellKey(at.cx, at.cy))?.delete(entity);
    this.cell(cx, cy).add(entity);
    for (const v of this.viewers.values()) {
      if (!v.range) continue;
      const was = inRange(v.range, at.cx, at.cy);
      const is = inRange(v.range, cx, cy);
      if (is && !was) this.show(v, entity);
      else if (was && !is) this.hide(v, entity);
    }
    at.cx = cx;
    at.cy = cy;
  }

  /**
   * Forget entities not placed in this update: they left the state, and Colyseus already
   * sends their removal to every view that held them.
   */
  sweep(): void {
    for (const [entity, at] of this.placed) {
      if (at.seen === this.update) continue;
      this.placed.delete(entity);
      this.cells.get(cellKey(at.cx, at.cy))?.delete(entity);
    }
  }

  private moveViewer(viewer: Viewer, x: number, y: number): void {
    const old = viewer.range;
    const next = nextRange(old, x, y, this.map);
    if (next === old) return;
    forEachCellNotIn(next, old, (cx, cy) => this.cells.get(cellKey(cx, cy))?.forEach((e) => this.show(viewer, e)));
    if (old) forEachCellNotIn(old, next, (cx, cy) => this.cells.get(cellKey(cx, cy))?.forEach((e) => this.hide(viewer, e)));
    viewer.range = next;
  }

  private cell(cx: number, cy: number): Set<Entity> {
    const key = cellKey(cx, cy);
    let set = this.cells.get(key);
    if (!set) {
      set = new Set();
      this.cells.set(key, set);
    }
    return set;
  }

  private show(v: Viewer, entity: Entity): void {
    v.view.add(entity);
  }

  private hide(v: Viewer, entity: Entity): void {
    v.view.remove(entity);
  }
}
