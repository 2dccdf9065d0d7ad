import { applyPreset, MOVE_PRESETS, presetOf, type MovePreset } from "../input/bindings.ts";
import { byId, el } from "./dom.ts";
import { KeyBindingsPanel } from "./KeyBindingsPanel.ts";
import { saveSettings, UI_SCALE, type Motion, type Settings } from "./settings.ts";

/** The interface sizes offered, as fractions. */
const SCALES = [0.8, 0.9, 1, 1.15, 1.3, 1.5].filter((s) => s >= UI_SCALE.min && s <= UI_SCALE.max);

/**
 * The settings dialog (a native <dialog>: modal, focus kept inside, Escape closes it), opened
 * from the menu and from the room bar. Every change applies at once and is remembered.
 */
export class SettingsPanel {
  private readonly dialog = byId<HTMLDialogElement>("settings");
  private readonly volume = byId<HTMLInputElement>("set-volume");
  private readonly motion = byId<HTMLSelectElement>("set-motion");
  private readonly colour = byId<HTMLInputElement>("set-colour");
  private readonly scale = byId<HTMLSelectElement>("set-scale");
  private readonly keys = byId<HTMLSelectElement>("set-keys");
  private readonly bindings: KeyBindingsPanel;

  constructor(
    private readonly settings: Settings,
    private readonly storage: Pick<Storage, "setItem"> | undefined,
    private readonly onChange: (s: Settings) => void,
  ) {
    for (const s of SCALES) this.scale.append(Object.assign(el("option", `${Math.round(s * 100)}%`), { value: String(s) }));
    for (const [id, k] of Object.entries(MOVE_PRESETS)) this.keys.append(Object.assign(el("option", k.label), { value: id }));
    // Shown when the move keys were bound one by one and match no preset.
    this.keys.append(Object.assign(el("option", "Custom"), { value: "", disabled: true }));
    this.bindings = new KeyBindingsPanel(
      () => this.settings.keys,
      (keys) => this.set({ keys }),
    );
    this.show();
    this.volume.addEventListener("input", () => this.set({ volume: Number(this.volume.value) / 100 }));
    this.motion.addEventListener("change", () => this.set({ motion: this.motion.value as Motion }));
    this.colour.addEventListener("change", () => this.set({ colourBlind: this.colour.checked }));
    this.scale.addEventListener("change", () => this.set({ uiScale: Number(this.scale.value) }));
    this.keys.addEventListener("change", () => this.set({ keys: applyPreset(this.settings.keys, this.keys.value as MovePreset) }));
    for (const id of ["open-settings", "room-settings"]) byId(id).addEventListener("click", () => this.open());
  }

  open(): void {
    this.show();
    if (!this.dialog.open) this.dialog.showModal();
  }

  private set(change: Partial<Settings>): void {
    Object.assign(this.settings, change);
    saveSettings(this.storage, this.settings);
    this.onChange(this.settings);
    this.show();
  }

  private show(): void {
    const s = this.settings;
    this.volume.value = String(Math.round(s.volume * 100));
    this.motion.value = s.motion;
    this.colour.checked = s.colourBlind;
    // The nearest offered size to the stored one.
    this.scale.value = String(SCALES.reduce((a, b) => (Math.abs(b - s.uiScale) < Math.abs(a - s.uiScale) ? b : a)));
    this.keys.value = presetOf(s.keys) ?? "";
    this.bindings.show();
  }
}
