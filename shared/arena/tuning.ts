/** The arena's tuning: speeds, sizes, damage and delays. Timing is derived from shared/constants.ts. */
import { ticksFromSeconds } from "../constants.ts";

/** Player movement speed, pixels per second. */
export const PLAYER_SPEED = 225; // 3.75 px per tick: a whole number of grid steps
export const PLAYER_RADIUS = 16;
export const MAX_HP = 100;
export const PROJECTILE_SPEED = 640;
export const PROJECTILE_RADIUS = 4;
export const PROJECTILE_DAMAGE = 25;
export const PROJECTILE_LIFETIME_TICKS = ticksFromSeconds(1.5);
/** Minimum ticks between two shots of one player (about 4 shots per second). */
export const FIRE_COOLDOWN_TICKS = ticksFromSeconds(0.25);
export const RESPAWN_TICKS = ticksFromSeconds(2);
/** Positions are kept on a 1/POSITION_SCALE pixel grid so the synced quantized value is exact. */
export const POSITION_SCALE = 16;

/** Round length and the scoreboard pause between rounds, unless the host sets them. */
export const DEFAULT_ROUND_SECONDS = 180;
export const DEFAULT_INTERMISSION_SECONDS = 8;
/** Seats per arena room unless the host sets ARENA_MAX_PLAYERS. */
export const DEFAULT_MAX_PLAYERS = 16;
