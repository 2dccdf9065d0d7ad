/**
 * The standard scenario's fixed numbers, in a module that imports nothing, so the bench's
 * command line can read them without loading Colyseus (which prints its .env notice).
 */

/** Drones per 16-player room (the arena gets them through ARENA_DRONES; the plain room as many). */
export const DRONES_PER_ROOM = 200;
