import type { RoomInfoMessage } from "../../shared/protocol.ts";
import { byId } from "./dom.ts";

/** The in-game bar: mode, the private room's code with a copyable invite link, and Leave. */
export class RoomBar {
  private readonly root = byId<HTMLElement>("room-bar");
  private readonly mode = byId<HTMLElement>("room-mode");
  private readonly code = byId<HTMLElement>("room-code");
  private readonly copy = byId<HTMLButtonElement>("copy-link");
  private readonly quality = byId<HTMLElement>("room-quality");
  private link = "";

  constructor(onLeave: () => void) {
    byId("leave").addEventListener("click", onLeave);
    this.copy.addEventListener("click", () => {
      void navigator.clipboard?.writeText(this.link).then(() => (this.copy.textContent = "Link copied"));
    });
  }

  show(info: RoomInfoMessage | undefined, fallbackMode: string): void {
    this.root.hidden = false;
    this.mode.textContent = info?.mode ?? fallbackMode;
    const code = info?.code ?? "";
    this.code.hidden = code === "";
    this.copy.hidden = code === "";
    this.code.textContent = code ? `Room code: ${code}` : "";
    this.code.dataset.code = code;
    this.link = code ? `${location.origin}/?room=${code}` : "";
    this.copy.textContent = "Copy invite link";
  }

  /** "Limited connection" while the round trip makes real-time play poor (ConnectionQuality). */
  showLimited(limited: boolean, rttMs: number): void {
    this.quality.hidden = !limited;
    this.quality.title = limited ? `Round trip ${rttMs} ms: other players and hits may lag` : "";
  }

  hide(): void {
    this.quality.hidden = true;
    this.root.hidden = true;
  }
}
