import type { Intent } from "../../shared/arena/world.ts";

export interface WorldPoint {
  x: number;
  y: number;
}

/**
 * One way a player steers: the keyboard and mouse (IntentReader.ts), a touch screen
 * (TouchSource.ts). Each reads its device only; what an intent does is shared/'s business.
 */
export interface IntentSource {
  /** The intent now, aiming from `from` (the local player's drawn position, in world units). */
  read(from: WorldPoint, now: number): Intent;
  /** Whether this source has been used: the arena follows the device the player last used. */
  readonly active: boolean;
  /** When false (e.g. while typing in a text field) the source reports a neutral intent. */
  enabled: boolean;
  dispose?(): void;
}

/**
 * Movement from whichever source is moving (touch first), aim and fire from the touch source
 * once it has been touched, else from the keyboard and mouse: a phone with a keyboard still
 * moves with its keys, and a mouse does not fight a thumb for the aim.
 */
export function mergeIntents(keyboard: Intent, touch: Intent | undefined, into: Intent): Intent {
  const moving = touch && (touch.dx !== 0 || touch.dy !== 0) ? touch : keyboard;
  into.dx = moving.dx;
  into.dy = moving.dy;
  const aiming = touch ?? keyboard;
  into.aim = aiming.aim;
  into.fire = aiming.fire || keyboard.fire;
  return into;
}
