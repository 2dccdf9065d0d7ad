/**
 * The debug overlay's handle on the network conditioner's control API (server/dev/
 * conditionerControl.ts), in a development build run as `NET_CONDITIONER=<preset> npm run dev`:
 * scripts/dev.mjs then tells Vite the control port (VITE_NET_CONDITIONER_CONTROL).
 */

/** The presets the overlay offers, by the conditioner's names, with what a player calls them. */
export const OVERLAY_PRESETS: ReadonlyArray<{ name: string; label: string }> = [
  { name: "off", label: "off" },
  { name: "goodWifi", label: "good Wi-Fi" },
  { name: "mobile4g", label: "mobile 4G" },
  { name: "badHotel", label: "bad hotel" },
];

export interface ConditionerStatus {
  preset: string;
  presets: string[];
}

export class ConditionerControl {
  constructor(private readonly base: string) {}

  /** The control API of this development build, or undefined when none was started. */
  static ofDevBuild(): ConditionerControl | undefined {
    const port = import.meta.env.VITE_NET_CONDITIONER_CONTROL as string | undefined;
    if (!import.meta.env.DEV || !port || !/^\d{1,5}$/.test(port)) return undefined;
    return new ConditionerControl(`${location.protocol}//${location.hostname}:${port}`);
  }

  async status(): Promise<ConditionerStatus> {
    return this.call("GET", "/net");
  }

  async choose(preset: string): Promise<ConditionerStatus> {
    return this.call("POST", `/net/preset/${encodeURIComponent(preset)}`);
  }

  private async call(method: string, path: string): Promise<ConditionerStatus> {
    const res = await fetch(`${this.base}${path}`, { method });
    const body = (await res.json()) as ConditionerStatus & { error?: string };
    if (!res.ok) throw new Error(body.error ?? `conditioner answered ${res.status}`);
    return body;
  }
}
