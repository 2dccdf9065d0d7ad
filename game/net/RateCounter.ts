/** Counts events (or bytes) and reports the total over the last full second. */
export class RateCounter {
  private current = 0;
  private windowStart: number;
  private lastRate = 0;
  /** Everything counted since creation. */
  total = 0;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.windowStart = now();
  }

  add(amount = 1): void {
    this.roll();
    this.current += amount;
    this.total += amount;
  }

  /** The count over the last complete second. */
  get perSecond(): number {
    this.roll();
    return this.lastRate;
  }

  private roll(): void {
    const t = this.now();
    const elapsed = t - this.windowStart;
    if (elapsed < 1000) return;
    this.lastRate = elapsed < 2000 ? this.current : 0;
    this.current = 0;
    this.windowStart = t;
  }
}
