import { ServerError } from "colyseus";
import { JoinError } from "../../shared/protocol.ts";

/**
 * How many game rooms this process may run at once (MAX_ROOMS). A room takes a place in
 * onCreate and gives it back in onDispose; the matchmaker refuses one more with
 * JoinError.ServerFull, so quick play says so instead of the process running out of memory.
 */
export class RoomBudget {
  private used = 0;

  constructor(readonly max: number) {}

  get count(): number {
    return this.used;
  }

  /** Take a place or throw ServerFull (in onCreate: the matchmaker then creates no room). */
  take(): void {
    if (this.used >= this.max) throw new ServerError(JoinError.ServerFull, `this server is running its maximum of ${this.max} rooms; try again later`);
    this.used++;
  }

  release(): void {
    if (this.used > 0) this.used--;
  }
}
