import { describe, expect, it } from "vitest";
import { circleHitsAny } from "../../shared/geometry.ts";
import { FOUNDRY, FOUNDRY_2X2, FOUNDRY_2X3, MAPS, mapById, mapForSeats } from "../../shared/arena/maps.ts";
import { MAX_COORDINATE } from "../../shared/arena/schema.ts";
import { PLAYER_RADIUS } from "../../shared/arena/tuning.ts";
import { createPlayer, createWorld } from "../../shared/arena/world.ts";
import { spawnPlayer } from "../../shared/arena/spawn.ts";
import { createRng } from "../../shared/rng.ts";

describe("maps for big rooms", () => {
  it("a room gets the smallest map made for its seats", () => {
    expect(mapForSeats(2).id).toBe(FOUNDRY.id);
    expect(mapForSeats(16).id).toBe(FOUNDRY.id);
    expect(mapForSeats(17).id).toBe(FOUNDRY_2X2.id);
    expect(mapForSeats(64).id).toBe(FOUNDRY_2X2.id);
    expect(mapForSeats(65).id).toBe(FOUNDRY_2X3.id);
    expect(mapForSeats(128).id).toBe(FOUNDRY_2X3.id);
  });

  it("every map fits the synced coordinates, is open inside and has free spawn points", () => {
    for (const map of Object.values(MAPS)) {
      expect(map.width).toBeLessThanOrEqual(MAX_COORDINATE);
      expect(map.height).toBeLessThanOrEqual(MAX_COORDINATE);
      expect(mapById(map.id)).toBe(map);
      // Four border walls only: the tiles' own borders are not walls inside the field.
      const borders = map.walls.filter((w) => w.x === 0 || w.y === 0 || w.x + w.w === map.width || w.y + w.h === map.height);
      expect(borders).toHaveLength(4);
      for (const s of map.spawns) expect(circleHitsAny(s.x, s.y, PLAYER_RADIUS, map.walls)).toBe(false);
    }
    // A tile seam is walkable: the point where four Foundry tiles meet is not inside a wall.
    expect(circleHitsAny(FOUNDRY.width, FOUNDRY.height, PLAYER_RADIUS, FOUNDRY_2X2.walls)).toBe(false);
  });

  it("128 players spawn on the 2×3 map without a wall under any of them", () => {
    const world = createWorld(FOUNDRY_2X3);
    const rng = createRng(128);
    for (let i = 0; i < 128; i++) {
      const p = createPlayer(`p${i}`, 0, 0);
      world.players.set(p.id, p);
      spawnPlayer(world, p, rng);
    }
    expect(world.players.size).toBe(128);
    for (const p of world.players.values()) {
      expect(circleHitsAny(p.x, p.y, PLAYER_RADIUS, FOUNDRY_2X3.walls)).toBe(false);
      expect(p.x).toBeLessThan(FOUNDRY_2X3.width);
      expect(p.y).toBeLessThan(FOUNDRY_2X3.height);
    }
  });
});
