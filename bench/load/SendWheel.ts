/**
 * Paces every load client's sends from one timer. Clients are spread over `slots` evenly
 * spaced phases of the input period, as real players' frame loops are not in step; each
 * firing runs the phases that came due by the clock, so the average rate is exact even
 * though timers fire late. A backlog over a few periods (the generator fell behind) is
 * dropped and counted, which makes an overloaded generator visible in its report.
 */
const MAX_BACKLOG_PERIODS = 10;

export class SendWheel {
  /** Phases dropped because the generator could not keep up. */
  dropped = 0;
  /** Sends made, over every client: the achieved input rate is checked against the nominal one. */
  sends = 0;
  private readonly slots: Array<Array<() => void>>;
  private next = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly hz: number,
    slots = 8,
  ) {
    this.slots = Array.from({ length: slots }, () => []);
  }

  add(send: () => void): void {
    this.slots[this.next++ % this.slots.length]!.push(send);
  }

  start(): void {
    const slotMs = 1000 / this.hz / this.slots.length;
    const start = performance.now();
    let done = 0;
    this.timer = setInterval(() => {
      const due = Math.floor((performance.now() - start) / slotMs);
      const backlog = due - done;
      const limit = MAX_BACKLOG_PERIODS * this.slots.length;
      if (backlog > limit) {
        this.dropped += backlog - limit;
        done = due - limit;
      }
      for (; done < due; done++) {
        const slot = this.slots[done % this.slots.length]!;
        for (const send of slot) send();
        this.sends += slot.length;
      }
    }, slotMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
