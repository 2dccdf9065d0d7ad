/**
 * Whether the measured round trip makes the arena's real-time play poor, so the room bar can
 * say "Limited connection" plainly instead of the game failing silently (issue 21: the arena
 * over the HTTP fallback, or any slow link). Hysteresis keeps the notice from flickering on a
 * round trip that hovers at the line.
 *
 * Why 250 ms: the arena's prediction hides the player's own latency, but others are drawn
 * INTERPOLATION_DELAY_MS (100 ms) behind, and a shot is judged where the server sees the
 * target; past about a quarter second hits the player saw land start to miss.
 * @example
 * const quality = new ConnectionQuality();
 * roomBar.showLimited(quality.update(stats.rttMs));
 */
export const LIMITED_RTT_MS = 250;
/** The notice goes away only once the round trip is well under the line again. */
export const RECOVERED_RTT_MS = 200;

export class ConnectionQuality {
  private limited = false;

  /** Feed the smoothed round trip (ms; 0 before the first measurement); returns whether the connection is limited. */
  update(rttMs: number): boolean {
    if (!(rttMs > 0)) return this.limited;
    if (!this.limited && rttMs > LIMITED_RTT_MS) this.limited = true;
    else if (this.limited && rttMs < RECOVERED_RTT_MS) this.limited = false;
    return this.limited;
  }
}
