/**
 * A room class whose loop, patches and frames are measured into the one registry. Each
 * Colyseus entry point it measures has exactly one wrapper, here or named here:
 * - setFixedTimestep / setTimestep (public): the step callback is timed
 *   (skirmish_tick_duration_seconds), late catch-up steps counted, and the room's tick
 *   probe (serverMetrics.ts) counts simulation steps;
 * - broadcastPatch (public): timed (skirmish_patch_duration_seconds);
 * - the serializer's applyPatches (private, wrapped once per room) marks the bytes the
 *   transport sends meanwhile as patch bytes (hostMetrics.ts wraps WebSocketClient.raw once);
 * - allowReconnection (public): a seat taken back is counted;
 * - _onMessage (private): the frame entry hook, installed from the constructor (frameEntry.ts).
 */
import { performance } from "node:perf_hooks";
import type { Room } from "colyseus";
import { frameEntry } from "../net/frameEntry.ts";
import { hostMetrics } from "./hostMetrics.ts";
import { serverMetrics, type RoomProbe } from "./serverMetrics.ts";

type RoomClass = abstract new (...args: any[]) => Room<any>;

/**
 * A room class measured as above; the room's own code is untouched. Costs two clock reads
 * per loop call and per patch, and two additions per frame.
 * @example defineRoom(instrumentRoom(MyRoom))
 */
export function instrumentRoom<T extends RoomClass>(Base: T): T {
  abstract class Instrumented extends Base {
    private probe: RoomProbe | undefined;
    /** Set while a setFixedTimestep call is running its steps: a second step in one call is a late one. */
    private inLoopCall = false;

    constructor(...args: any[]) {
      super(...args);
      // Before any client joins: Colyseus binds each client's socket to _onMessage at join.
      frameEntry(this);
    }

    override setFixedTimestep(...[step, tickRate = 60, opts]: Parameters<Room["setFixedTimestep"]>): void {
      // Count simulation steps: a 30 Hz loop with 2 sub-steps is a 60 Hz simulation.
      const subSteps = opts?.subSteps ?? 1;
      const probe = this.startProbe(tickRate * subSteps);
      super.setFixedTimestep((ctx) => {
        if (this.inLoopCall) hostMetrics.tickBehind(this.roomName);
        else {
          this.inLoopCall = true;
          queueMicrotask(() => (this.inLoopCall = false));
        }
        const t0 = performance.now();
        step(ctx);
        const ms = performance.now() - t0;
        serverMetrics.countSteps(probe, subSteps);
        hostMetrics.tick(this.roomName, ms);
      }, tickRate, opts);
    }

    override setTimestep(...[callback, delay = 1000 / 60]: Parameters<Room["setTimestep"]>): void {
      if (!callback) return super.setTimestep(callback, delay);
      const probe = this.startProbe(1000 / delay);
      super.setTimestep((deltaMs) => {
        const t0 = performance.now();
        callback(deltaMs);
        const ms = performance.now() - t0;
        serverMetrics.countSteps(probe);
        hostMetrics.tick(this.roomName, ms);
      }, delay);
    }

    override broadcastPatch(): boolean {
      this.countPatchBytes();
      const t0 = performance.now();
      const sent = super.broadcastPatch();
      hostMetrics.patch(this.roomName, performance.now() - t0);
      return sent;
    }

    override allowReconnection(...args: Parameters<Room["allowReconnection"]>): ReturnType<Room["allowReconnection"]> {
      const reconnection = super.allowReconnection(...args);
      reconnection.then(() => hostMetrics.reconnected(this.roomName), () => undefined);
      return reconnection;
    }

    /** Wrap this room's serializer once, so the bytes its patch frames send are counted. */
    private countPatchBytes(): void {
      const serializer = this["_serializer"] as { applyPatches: (...a: unknown[]) => boolean; countedBy?: string } | undefined;
      if (!serializer || serializer.countedBy !== undefined) return;
      const apply = serializer.applyPatches;
      const type = this.roomName;
      serializer.countedBy = type;
      serializer.applyPatches = (...a: unknown[]) => hostMetrics.countPatch(type, () => apply.apply(serializer, a));
    }

    override onDispose(): void | Promise<unknown> {
      serverMetrics.untrack(this.probe);
      return super.onDispose?.();
    }

    private startProbe(hz: number): RoomProbe {
      serverMetrics.untrack(this.probe);
      this.probe = serverMetrics.track(hz, () => this.clients.length);
      return this.probe;
    }
  }
  return Instrumented;
}
