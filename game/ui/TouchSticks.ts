import type { SticksView } from "../input/TouchSource.ts";
import { knobOffset } from "../input/twinStick.ts";

/**
 * Draws the two touch sticks as DOM rings over the canvas (moved with transforms: no layout,
 * no canvas redraw), each where its thumb landed, with a knob under the thumb.
 */
export class TouchSticks {
  private readonly root: HTMLElement;
  private readonly rings: Record<"move" | "aim", { ring: HTMLElement; knob: HTMLElement }>;

  constructor(parent: HTMLElement) {
    this.root = document.createElement("div");
    this.root.className = "touch-sticks";
    this.root.setAttribute("aria-hidden", "true");
    const make = (kind: string) => {
      const ring = document.createElement("div");
      ring.className = `stick-ring ${kind}`;
      ring.hidden = true;
      const knob = document.createElement("div");
      knob.className = "stick-knob";
      ring.append(knob);
      this.root.append(ring);
      return { ring, knob };
    };
    this.rings = { move: make("move"), aim: make("aim") };
    parent.append(this.root);
  }

  render(view: SticksView): void {
    for (const kind of ["move", "aim"] as const) {
      const stick = view[kind];
      const { ring, knob } = this.rings[kind];
      ring.hidden = !stick;
      if (!stick) continue;
      ring.style.transform = `translate(${stick.origin.x}px, ${stick.origin.y}px)`;
      const k = knobOffset(stick.at.x - stick.origin.x, stick.at.y - stick.origin.y);
      knob.style.transform = `translate(${k.x}px, ${k.y}px)`;
    }
  }

  dispose(): void {
    this.root.remove();
  }
}
