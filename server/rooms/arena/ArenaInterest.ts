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
  /** The update that last placed it; a transient entity not placed in an update is gone. */
  seen: number;
  transient: boolean;
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
  /** The same viewers as an array: walked on every cell change, without an iterator. */
  private viewerList: Viewer[] = [];
  private readonly cells = new Map<number, Set<Entity>>();
  private readonly placed = new Map<Entity, Placement>();
  /** The placements of transient entities (projectiles), the only ones `sweep()` looks at. */
  private readonly transients = new Map<Entity, Placement>();
  private update = 0;

  /** A client joins the arena at (x, y): its view gets everything already around it. */
  addViewer(id: string, view: StateView, x: number, y: number): void {
    const viewer: Viewer = { view, range: undefined };
    this.viewers.set(id, viewer);
    this.viewerList = [...this.viewers.values()];
    this.moveViewer(viewer, x, y);
  }

  removeViewer(id: string): void {
    this.viewers.delete(id);
    this.viewerList = [...this.viewers.values()];
  }

  /**
   * Start one update; then `place()` each live transient entity and `sweep()` the rest, before
   * `follow()`ing the viewers (a swept entity must never be shown). A lasting entity (a drone)
   * may be placed at any point, or skip updates: it keeps its cell until placed again.
   */
  begin(): void {
    this.update++;
  }

  /** The viewer is now at (x, y). */
  follow(id: string, x: number, y: number): void {
    const viewer = this.viewers.get(id);
    if (viewer) this.moveViewer(viewer, x, y);
  }

  /**
   * The entity is live at (x, y) in this update (new ones are introduced to the viewers near
   * them). A `transient` one (a projectile) must be placed in every update while it lives.
   */
  place(entity: Entity, x: number, y: number, transient = false): void {
    const cx = cellOf(x);
    const cy = cellOf(y);
    const at = this.placed.get(entity);
    if (!at) {
      const placement = { cx, cy, seen: this.update, transient };
      this.placed.set(entity, placement);
      if (transient) this.transients.set(entity, placement);
      this.cell(cx, cy).add(entity);
      for (const v of this.viewerList) if (v.range && inRange(v.range, cx, cy)) v.view.add(entity);
      return;
    }
    at.seen = this.update;
    if (at.cx === cx && at.cy === cy) return;
    this.cells.get(cellKey(at.cx, at.cy))?.delete(entity);
    this.cell(cx, cy).add(entity);
    const list = this.viewerList;
    for (let i = 0; i < list.length; i++) {
      const v = list[i]!;
      if (!v.range) continue;
      const was = inRange(v.range, at.cx, at.cy);
      const is = inRange(v.range, cx, cy);
      if (is && !was) v.view.add(entity);
      else if (was && !is) v.view.remove(entity);
    }
    at.cx = cx;
    at.cy = cy;
  }

  /**
   * Forget transient entities not placed in this update: they left the state, and Colyseus
   * already sends their removal to every view that held them.
   */
  sweep(): void {
    for (const [entity, at] of this.transients) {
      if (at.seen === this.update) continue;
      this.transients.delete(entity);
      this.placed.delete(entity);
      this.cells.get(cellKey(at.cx, at.cy))?.delete(entity);
    }
  }

  private moveViewer(viewer: Viewer, x: number, y: number): void {
    const old = viewer.range;
    const next = nextRange(old, x, y, this.map);
    if (next === old) return;
    forEachCellNotIn(next, old, (cx, cy) => {
      const cell = this.cells.get(cellKey(cx, cy));
      if (cell) for (const e of cell) viewer.view.add(e);
    });
    if (old) {
      forEachCellNotIn(old, next, (cx, cy) => {
        const cell = this.cells.get(cellKey(cx, cy));
        if (cell) for (const e of cell) viewer.view.remove(e);
      });
    }
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
}
