/**
 * What a hit looks like, as numbers over time: a flash on the victim, a short knockback cue
 * (the drawn body nudged away from the shooter and back; the simulation is not touched), and a
 * damage number rising above the victim. Pure: the scene asks it per frame and draws the answer.
 *
 * @example
 * fx.hit("v", 25, Math.PI / 2, now); fx.flash("v", now + 50); // about 0.6
 */

/** How long a hit's flash lasts, ms. */
export const FLASH_MS = 140;
/** How long the knockback cue lasts, and how far it pushes at its start (px). */
export const KNOCK_MS = 120;
export const KNOCK_PX = 6;
/** How long a damage number floats, and how far it rises (px). */
export const NUMBER_MS = 800;
export const NUMBER_RISE_PX = 28;
/** Damage numbers alive at once; the oldest gives way (a pool: the scene keeps this many texts). */
export const MAX_NUMBERS = 8;

interface Hit {
  at: number;
  angle: number;
}

export interface DamageNumber {
  victim: string;
  damage: number;
  at: number;
}

export class HitEffects {
  private readonly hits = new Map<string, Hit>();
  private readonly numbers: DamageNumber[] = [];

  /** @param reducedMotion asked each time: no knockback and a softer flash (prefers-reduced-motion, or the settings) */
  constructor(private readonly reducedMotion: () => boolean = () => false) {}

  /** `angle` is the direction the shot travelled (shooter → victim), for the knockback. */
  hit(victim: string, damage: number, angle: number, now: number): void {
    this.hits.set(victim, { at: now, angle });
    if (this.numbers.length >= MAX_NUMBERS) this.numbers.shift();
    this.numbers.push({ victim, damage, at: now });
  }

  /** The flash's strength on this player now, 1 at the hit fading to 0. */
  flash(id: string, now: number): number {
    const h = this.hits.get(id);
    if (!h) return 0;
    const t = (now - h.at) / FLASH_MS;
    if (t >= 1 || t < 0) return 0;
    return (1 - t) * (this.reducedMotion() ? 0.35 : 1);
  }

  /** How far to draw this player from where it is now, along the shot, easing back to 0. */
  knock(id: string, now: number, out: { x: number; y: number }): { x: number; y: number } {
    out.x = 0;
    out.y = 0;
    const h = this.hits.get(id);
    if (!h || this.reducedMotion()) return out;
    const t = (now - h.at) / KNOCK_MS;
    if (t >= 1 || t < 0) return out;
    const d = KNOCK_PX * (1 - t) * (1 - t);
    out.x = Math.cos(h.angle) * d;
    out.y = Math.sin(h.angle) * d;
    return out;
  }

  /** The damage numbers still floating, oldest first, each with how far it has risen and its opacity. */
  floating(now: number, each: (n: DamageNumber, rise: number, alpha: number, slot: number) => void): void {
    while (this.numbers.length > 0 && now - this.numbers[0]!.at >= NUMBER_MS) this.numbers.shift();
    this.numbers.forEach((n, slot) => {
      const t = Math.max(0, (now - n.at) / NUMBER_MS);
      each(n, NUMBER_RISE_PX * t, 1 - t * t, slot);
    });
  }

  /** Forget a player who has left. */
  forget(id: string): void {
    this.hits.delete(id);
  }
}
