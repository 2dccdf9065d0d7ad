/**
 * Every sound the game makes, as data: short synthesised tones (an oscillator or noise, a
 * pitch slide, a quick attack and an exponential fade). Nothing is downloaded; Sound.ts plays
 * these with WebAudio.
 */
import type { Cue } from "../fx/GameFeedback.ts";

export interface Tone {
  /** An oscillator shape, or "noise" for a burst of white noise (hits, knock-outs). */
  wave: OscillatorType | "noise";
  /** Start and end pitch, Hz (ignored for noise, which is shaped by a low-pass at `from`). */
  from: number;
  to: number;
  /** Start, after the cue, and length, s. */
  at: number;
  length: number;
  /** Peak gain, 0–1, before the master volume. */
  gain: number;
}

/** Everything that sounds: the game's cues and the chat ping. */
export type SoundName = Cue | "chat";

const tone = (wave: Tone["wave"], from: number, to: number, length: number, gain: number, at = 0): Tone => ({ wave, from, to, at, length, gain });

export const SOUNDS: Record<SoundName, readonly Tone[]> = {
  shot: [tone("square", 880, 440, 0.07, 0.12)],
  hit: [tone("triangle", 1320, 990, 0.06, 0.25), tone("noise", 4000, 4000, 0.04, 0.12)],
  hurt: [tone("sawtooth", 220, 110, 0.12, 0.22), tone("noise", 1200, 1200, 0.1, 0.2)],
  kill: [tone("square", 660, 660, 0.08, 0.18), tone("square", 990, 990, 0.14, 0.18, 0.08)],
  death: [tone("sawtooth", 330, 55, 0.45, 0.22), tone("noise", 800, 800, 0.3, 0.15)],
  respawn: [tone("sine", 440, 880, 0.22, 0.25)],
  round_start: [tone("square", 523, 523, 0.1, 0.15), tone("square", 659, 659, 0.1, 0.15, 0.12), tone("square", 784, 784, 0.22, 0.18, 0.24)],
  round_end: [tone("triangle", 784, 784, 0.15, 0.22), tone("triangle", 523, 523, 0.35, 0.22, 0.16)],
  chat: [tone("sine", 1175, 1175, 0.08, 0.15), tone("sine", 1568, 1568, 0.1, 0.12, 0.07)],
};
