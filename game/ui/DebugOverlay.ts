import type { NetStatsSnapshot } from "../net/NetStats.ts";

/** The network debug overlay, toggled with F3 or the backquote key. */
export class DebugOverlay {
  constructor(private readonly root: HTMLElement) {
    window.addEventListener("keydown", (e) => {
      if (e.key === "F3" || e.code === "Backquote") {
        e.preventDefault();
        this.root.hidden = !this.root.hidden;
      }
    });
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  render(s: NetStatsSnapshot): void {
    if (this.root.hidden) return;
    this.root.textContent = [
      `RTT          ${s.rttMs} ms`,
      `server tick  ${s.serverTick}`,
      `patches/s    ${s.patchesPerSecond}`,
      `bytes in/s   ${s.bytesInPerSecond}`,
      `corrections/s ${s.correctionsPerSecond}`,
    ].join("\n");
  }
}
