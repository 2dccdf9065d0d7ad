/**
 * A ticket in the ranked queue: the status to show (rating, window, estimated wait), and the
 * hand-off once matched: confirm to the queue (which then closes the ticket), and give the
 * reserved seat to the caller. Cancelling leaves the queue, which cancels the ticket at once.
 */
import type { Room } from "@colyseus/sdk";
import { QueueMsg, type QueueStatus } from "../../shared/ranked/protocol.ts";
import { Msg } from "../../shared/protocol.ts";
import type { SeatReservation } from "../../shared/seatReservation.ts";

export class RankedClient {
  private matched = false;
  private cancelled = false;

  /** `onClosed`: the queue ended the ticket itself (a restart, a match that fell through). */
  constructor(
    private readonly room: Room,
    onStatus: (s: QueueStatus) => void,
    onMatched: (seat: SeatReservation) => void,
    onClosed: () => void = () => undefined,
  ) {
    room.onLeave(() => {
      if (!this.matched && !this.cancelled) onClosed();
    });
    room.onMessage(QueueMsg.Status, onStatus);
    room.onMessage(QueueMsg.Clients, () => undefined);
    room.onMessage(Msg.Rejected, () => undefined);
    room.onMessage(QueueMsg.Seat, (seat: SeatReservation) => {
      this.matched = true;
      room.send(QueueMsg.Confirm);
      onMatched(seat);
    });
  }

  /** Leave the queue (nothing to do once matched: the queue closes the ticket itself). */
  cancel(): Promise<unknown> {
    this.cancelled = true;
    return this.matched || !this.room.connection.isOpen ? Promise.resolve() : this.room.leave(true);
  }
}

/** The status line a queued player reads. */
export function describeStatus(s: QueueStatus): string {
  const wait = s.estimatedSeconds === null ? "waiting for opponents" : s.estimatedSeconds < 1 ? "a match any moment" : `about ${Math.ceil(s.estimatedSeconds)} s to a match`;
  return `Searching: rating ${s.rating.toFixed(1)}, opponents within ±${s.window.toFixed(0)}, ${s.queued} in the queue; ${wait} (waited ${Math.floor(s.waitedSeconds)} s).`;
}
