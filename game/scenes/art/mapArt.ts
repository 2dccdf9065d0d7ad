/**
 * The arena's floor and walls, drawn once and baked into one texture: a tiled floor with
 * seams and rivets, and walls with a drop shadow, a lit top edge, a dark lower edge and
 * warning stripes on the border, so walls read as solid blocks standing on the floor.
 */
import type Phaser from "phaser";
import type { ArenaMap } from "../../../shared/arena/maps.ts";
import { Palette } from "../palette.ts";

const TILE = 80;
const SHADOW = 8;
const BEVEL = 4;
export const MAP_TEXTURE = "arena-map";

function drawFloor(g: Phaser.GameObjects.Graphics, width: number, height: number): void {
  g.fillStyle(Palette.floor, 1).fillRect(0, 0, width, height);
  // Checker of slightly different plates, then their seams and a rivet at each corner.
  g.fillStyle(Palette.floorAlt, 1);
  for (let y = 0; y < height; y += TILE) for (let x = (y / TILE) % 2 ? 0 : TILE; x < width; x += TILE * 2) g.fillRect(x, y, TILE, TILE);
  g.lineStyle(1, Palette.grid, 1);
  for (let x = 0; x <= width; x += TILE) g.lineBetween(x, 0, x, height);
  for (let y = 0; y <= height; y += TILE) g.lineBetween(0, y, width, y);
  g.fillStyle(Palette.rivet, 1);
  for (let y = 0; y <= height; y += TILE) for (let x = 0; x <= width; x += TILE) g.fillCircle(x, y, 2);
}

function drawWall(g: Phaser.GameObjects.Graphics, w: { x: number; y: number; w: number; h: number }, border: boolean): void {
  g.fillStyle(Palette.wall, 1).fillRect(w.x, w.y, w.w, w.h);
  // Lit from the top left: a light bevel on the top and left, a dark one on the bottom and right.
  const b = Math.min(BEVEL, w.w / 4, w.h / 4);
  g.fillStyle(Palette.wallLight, 1).fillRect(w.x, w.y, w.w, b).fillRect(w.x, w.y, b, w.h);
  g.fillStyle(Palette.wallDark, 1).fillRect(w.x, w.y + w.h - b, w.w, b).fillRect(w.x + w.w - b, w.y, b, w.h);
  if (border) {
    // Hazard stripes along the outer wall: the edge of the world, not another obstacle.
    g.fillStyle(Palette.hazard, 0.55);
    const long = Math.max(w.w, w.h);
    for (let s = 0; s < long; s += 32) {
      if (w.w >= w.h) g.fillTriangle(w.x + s, w.y + w.h - b, w.x + s + 12, w.y + b, w.x + s + 20, w.y + b);
      else g.fillTriangle(w.x + b, w.y + s, w.x + w.w - b, w.y + s + 12, w.x + w.w - b, w.y + s + 20);
    }
  } else {
    // A recessed top plate on a block large enough to show one.
    if (w.w > 4 * BEVEL && w.h > 4 * BEVEL) g.lineStyle(1, Palette.wallEdge, 1).strokeRect(w.x + 2 * b, w.y + 2 * b, w.w - 4 * b, w.h - 4 * b);
  }
  g.lineStyle(1, 0x000000, 0.8).strokeRect(w.x, w.y, w.w, w.h);
}

/** Whether a wall touches the map's edge (the border walls). */
function isBorder(w: { x: number; y: number; w: number; h: number }, map: ArenaMap): boolean {
  return w.x <= 0 || w.y <= 0 || w.x + w.w >= map.width || w.y + w.h >= map.height;
}

/** The most texture pixels per world unit: 2 keeps a phone's zoomed view sharp at 4× the memory of 1. */
const MAX_DETAIL = 2;

/**
 * Draws the map into a texture once and shows it as one image: a single quad per frame, however
 * many walls. `detail` is texture pixels per world unit (the camera's zoom times the device's
 * pixel ratio, at most MAX_DETAIL), so the baked floor is not blurred when the camera zooms in.
 */
export function addMapImage(scene: Phaser.Scene, map: ArenaMap, detail: number): Phaser.GameObjects.Image {
  const k = Math.min(MAX_DETAIL, Math.max(1, Math.ceil(detail * 4) / 4));
  const g = scene.make.graphics({}, false);
  g.scaleCanvas(k, k);
  drawFloor(g, map.width, map.height);
  g.fillStyle(0x000000, 0.45);
  for (const w of map.walls) if (!isBorder(w, map)) g.fillRect(w.x + SHADOW, w.y + SHADOW, w.w, w.h);
  for (const w of map.walls) drawWall(g, w, isBorder(w, map));
  if (scene.textures.exists(MAP_TEXTURE)) scene.textures.remove(MAP_TEXTURE);
  g.generateTexture(MAP_TEXTURE, Math.ceil(map.width * k), Math.ceil(map.height * k));
  g.destroy();
  return scene.add.image(0, 0, MAP_TEXTURE).setOrigin(0, 0).setScale(1 / k).setDepth(0);
}
