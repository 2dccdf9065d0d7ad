import Phaser from "phaser";
import type { ArenaMap } from "../../shared/arena/maps.ts";
import { Palette } from "./palette.ts";

/** Width of the minimap on screen, in pixels; the height follows the map's aspect ratio. */
const WIDTH = 180;
/** On a narrow screen (a phone upright) the minimap takes at most this share of its width. */
const MAX_SHARE = 0.32;
const MARGIN = 10;

/**
 * A small map in the bottom-right corner with every player as a dot, so players can find
 * each other on a map larger than the screen. Drawing only: positions come from the scene.
 */
export class Minimap {
  private readonly frame: Phaser.GameObjects.Graphics;
  private readonly dots: Phaser.GameObjects.Graphics;
  private readonly scale: number;
  private readonly height: number;

  constructor(
    private readonly scene: Phaser.Scene,
    map: ArenaMap,
  ) {
    this.scale = WIDTH / map.width;
    this.height = map.height * this.scale;
    this.frame = scene.add.graphics().setScrollFactor(0).setDepth(20);
    this.dots = scene.add.graphics().setScrollFactor(0).setDepth(21);
    this.frame.fillStyle(0x000000, 0.6).fillRect(0, 0, WIDTH, this.height);
    this.frame.fillStyle(Palette.wallEdge, 0.9);
    for (const w of map.walls) this.frame.fillRect(w.x * this.scale, w.y * this.scale, Math.max(1, w.w * this.scale), Math.max(1, w.h * this.scale));
    this.frame.lineStyle(1, Palette.wallEdge, 1).strokeRect(0, 0, WIDTH, this.height);
  }

  /**
   * Start drawing a frame's dots (call once per frame, then dot() for each player).
   * The camera zooms (a fixed field of view) and zoom scales even unscrolled objects about
   * the screen's centre, so the minimap is placed and scaled back to stay the same on screen.
   */
  begin(): void {
    const cam = this.scene.cameras.main;
    const z = cam.zoom;
    const k = Math.min(1, (cam.width * MAX_SHARE) / WIDTH);
    const cx = cam.width / 2;
    const cy = cam.height / 2;
    const x = cx + (cam.width - WIDTH * k - MARGIN - cx) / z;
    const y = cy + (cam.height - this.height * k - MARGIN - cy) / z;
    this.frame.setPosition(x, y).setScale(k / z);
    this.dots.setPosition(x, y).setScale(k / z).clear();
  }

  dot(worldX: number, worldY: number, self: boolean): void {
    this.dots.fillStyle(self ? Palette.self : Palette.other, 1).fillCircle(worldX * this.scale, worldY * this.scale, self ? 3.5 : 3);
  }
}
