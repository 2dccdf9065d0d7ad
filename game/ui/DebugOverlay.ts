import type { NetStatsSnapshot } from "../net/NetStats.ts";
import { OVERLAY_PRESETS, type ConditionerControl } from "../net/conditionerControl.ts";
import { el } from "./dom.ts";

/**
 * The overlay's lines: first what a player feels (round trip, how long the server held our
 * intents, how far behind remote players are drawn, corrections and stalls), then the rest.
 */
export function overlayLines(s: NetStatsSnapshot): string[] {
  return [
    `RTT            ${s.rttMs} ms (server ${s.serverRttMs} ms)`,
    `intent delay   ${s.intentDelayP50Ms} ms p50, ${s.intentDelayMaxMs} max, buffer ${s.bufferDepth}`,
    `intent → ack   ${s.intentAckMs} ms`,
    `interpolation  ${s.interpolationMs} ms, ${(s.extrapolatedShare * 100).toFixed(1)} % held`,
    `corrections    ${s.correctionsPerMinute}/min`,
    `stalls         ${s.stallsPerMinute}/min, longest ${s.longestGapMs} ms`,
    `server tick    ${s.serverTick}`,
    `patches/s      ${s.patchesPerSecond}`,
    `bytes in/s     ${s.bytesInPerSecond}`,
  ];
}

/**
 * The network debug overlay, toggled with F3 or the backquote key. In a development build
 * run through the conditioner it also switches the network preset.
 */
export class DebugOverlay {
  // Spans shown as blocks: the overlay's root is a <pre>, which holds phrasing content only.
  private readonly text = block();
  private readonly presets = block();

  constructor(
    private readonly root: HTMLElement,
    private readonly control?: ConditionerControl,
  ) {
    root.append(this.text);
    if (control) this.addPresets(control);
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
    this.text.textContent = overlayLines(s).join("\n");
  }

  private addPresets(control: ConditionerControl): void {
    // The overlay ignores the pointer (it sits over the game); its buttons take it.
    this.presets.style.pointerEvents = "auto";
    this.presets.setAttribute("role", "group");
    this.presets.setAttribute("aria-label", "Network preset");
    const status = block("network: …");
    const buttons = OVERLAY_PRESETS.map(({ name, label }) => {
      const b = el("button", label);
      b.type = "button";
      b.dataset.preset = name;
      b.addEventListener("click", () => void show(control.choose(name)));
      return b;
    });
    const show = async (answer: Promise<{ preset: string }>) => {
      try {
        const { preset } = await answer;
        const label = OVERLAY_PRESETS.find((p) => p.name === preset)?.label ?? preset;
        status.textContent = `network: ${label}`;
        for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.preset === preset));
      } catch (e) {
        status.textContent = `network: ${e instanceof Error ? e.message : "unreachable"}`;
      }
    };
    this.presets.append(status, ...buttons);
    this.root.append(this.presets);
    void show(control.status());
  }
}

function block(text = ""): HTMLSpanElement {
  const span = el("span", text);
  span.style.display = "block";
  return span;
}
