import { SOUNDS, type SoundName, type Tone } from "./sounds.ts";

const MUTED_KEY = "skirmish.muted";
/** The master volume under the tones' own gains: quiet enough for a phone held to the face. */
const MASTER_GAIN = 0.6;
/** The user gestures that may start audio (the browser allows an AudioContext to start only inside one). */
const GESTURES = ["pointerdown", "keydown", "touchend"] as const;

/**
 * Plays the game's sounds (sounds.ts) with WebAudio, and remembers the mute switch.
 * The AudioContext is made and resumed inside the first user gesture, never before: a page
 * that nobody has touched (a headless test) stays silent and logs nothing. Until then, and
 * while muted, play() does nothing.
 *
 * @example
 * const sound = new Sound(localStorage); sound.listenForGesture(window); sound.play("shot");
 */
export class Sound {
  private ctx: AudioContext | undefined;
  private master: GainNode | undefined;
  private noise: AudioBuffer | undefined;
  private mutedNow: boolean;
  private volumeNow = 1;
  private readonly listeners = new Set<(muted: boolean) => void>();

  constructor(private readonly storage: Pick<Storage, "getItem" | "setItem"> | undefined) {
    this.mutedNow = storage?.getItem(MUTED_KEY) === "1";
  }

  get muted(): boolean {
    return this.mutedNow;
  }

  set muted(muted: boolean) {
    this.mutedNow = muted;
    try {
      this.storage?.setItem(MUTED_KEY, muted ? "1" : "0");
    } catch {
      // storage full or refused (private mode): the switch still works for this visit
    }
    this.listeners.forEach((l) => l(muted));
  }

  /** 0–1 (the settings' volume), under the master gain. */
  set volume(v: number) {
    this.volumeNow = Math.min(1, Math.max(0, v));
    if (this.master) this.master.gain.value = MASTER_GAIN * this.volumeNow;
  }

  onMutedChange(listener: (muted: boolean) => void): void {
    this.listeners.add(listener);
  }

  /** Start audio on the first user gesture on `target` (and resume it after the browser suspends it). */
  listenForGesture(target: EventTarget): void {
    const unlock = (): void => this.unlock();
    for (const type of GESTURES) target.addEventListener(type, unlock, { capture: true, passive: true });
  }

  play(name: SoundName): void {
    const ctx = this.ctx;
    if (this.mutedNow || this.volumeNow === 0 || !ctx || ctx.state !== "running" || !this.master) return;
    const t0 = ctx.currentTime;
    for (const tone of SOUNDS[name]) this.schedule(ctx, this.master, tone, t0);
  }

  private unlock(): void {
    const Ctor = globalThis.AudioContext as typeof AudioContext | undefined;
    if (!Ctor) return;
    if (!this.ctx) {
      this.ctx = new Ctor();
      this.master = this.ctx.createGain();
      this.master.gain.value = MASTER_GAIN * this.volumeNow;
      this.master.connect(this.ctx.destination);
    }
    if (this.ctx.state === "suspended") this.ctx.resume().catch(() => undefined);
  }

  private schedule(ctx: AudioContext, out: AudioNode, tone: Tone, t0: number): void {
    const start = t0 + tone.at;
    const end = start + tone.length;
    const env = ctx.createGain();
    env.gain.setValueAtTime(0.0001, start);
    env.gain.exponentialRampToValueAtTime(tone.gain, start + Math.min(0.01, tone.length / 4));
    env.gain.exponentialRampToValueAtTime(0.0001, end);
    env.connect(out);
    let source: AudioScheduledSourceNode;
    if (tone.wave === "noise") {
      const noise = ctx.createBufferSource();
      noise.buffer = this.noiseBuffer(ctx);
      const filter = ctx.createBiquadFilter();
      filter.type = "lowpass";
      filter.frequency.value = tone.from;
      noise.connect(filter).connect(env);
      source = noise;
    } else {
      const osc = ctx.createOscillator();
      osc.type = tone.wave;
      osc.frequency.setValueAtTime(tone.from, start);
      if (tone.to !== tone.from) osc.frequency.exponentialRampToValueAtTime(tone.to, end);
      osc.connect(env);
      source = osc;
    }
    source.onended = () => env.disconnect();
    source.start(start);
    source.stop(end + 0.02);
  }

  /** Half a second of white noise, made once and reused by every noisy tone. */
  private noiseBuffer(ctx: AudioContext): AudioBuffer {
    if (this.noise) return this.noise;
    const buffer = ctx.createBuffer(1, Math.floor(ctx.sampleRate / 2), ctx.sampleRate);
    const data = buffer.getChannelData(0);
    for (let i = 0; i < data.length; i++) data[i] = Math.random() * 2 - 1;
    this.noise = buffer;
    return buffer;
  }
}
