/**
 * Sparks where a shot lands, from Phaser's particle emitter on a small generated dot texture.
 * A burst is skipped entirely for a player who asked for reduced motion.
 */
import type Phaser from "phaser";

const TEXTURE = "spark";
/** Sparks per hit: enough to read as a burst, few enough to cost nothing on a phone. */
export const SPARKS_PER_HIT = 10;

export class HitSparks {
  private readonly emitter: Phaser.GameObjects.Particles.ParticleEmitter;

  constructor(
    scene: Phaser.Scene,
    colour: number,
    private readonly reduced: () => boolean,
  ) {
    if (!scene.textures.exists(TEXTURE)) {
      const g = scene.make.graphics({}, false);
      g.fillStyle(0xffffff, 0.35).fillCircle(4, 4, 4).fillStyle(0xffffff, 1).fillCircle(4, 4, 2);
      g.generateTexture(TEXTURE, 8, 8);
      g.destroy();
    }
    this.emitter = scene.add.particles(0, 0, TEXTURE, {
      emitting: false,
      lifespan: { min: 180, max: 380 },
      speed: { min: 60, max: 220 },
      angle: { min: 0, max: 360 },
      scale: { start: 1.2, end: 0 },
      alpha: { start: 1, end: 0 },
      tint: [colour, 0xffffff],
      blendMode: "ADD",
      maxParticles: SPARKS_PER_HIT * 8,
    });
    this.emitter.setDepth(6);
  }

  /** A burst at a world point (nothing under reduced motion). */
  burst(x: number, y: number): void {
    if (this.reduced()) return;
    this.emitter.explode(SPARKS_PER_HIT, x, y);
  }

  destroy(): void {
    this.emitter.destroy();
  }
}
