/**
 * Every timing and tuning number of the arena, named once.
 * Everything time-based is derived from TICK_RATE and PATCH_RATE; nothing else
 * in the codebase writes `1000 / 60`.
 */

/** Simulation ticks per second (server fixed step and client prediction). */
export const TICK_RATE = 60;
/** Fixed simulation step in milliseconds. */
export const FIXED_DT_MS = 1000 / TICK_RATE;
/** Fixed simulation step in seconds, the `dt` passed to `step()`. */
export const FIXED_DT = 1 / TICK_RATE;

/**
 * Intents per second a client sends. Each intent drives SUBSTEPS simulation steps, so the
 * world still moves at TICK_RATE while clients send (and the server decodes) half as many frames.
 */
export const INPUT_RATE = 30;
export const SUBSTEPS = TICK_RATE / INPUT_RATE;
export const INPUT_INTERVAL_MS = 1000 / INPUT_RATE;
/**
 * Intents per input frame: a client sends its intents INPUT_BATCH at a time, so the server
 * receives INPUT_RATE / INPUT_BATCH frames per second from each (game/net/intentInput.ts).
 * Each intent still drives its own tick; the cost is up to (INPUT_BATCH - 1) input intervals
 * of extra delay before the server applies an intent (the local player is predicted anyway).
 */
export const INPUT_BATCH = 2;

/** State patches per second sent by the server. */
export const PATCH_RATE = 20;
export const PATCH_INTERVAL_MS = 1000 / PATCH_RATE;
/** Remote entities are drawn this far in the past, so two snapshots usually bracket the render time. */
export const INTERPOLATION_DELAY_MS = PATCH_INTERVAL_MS * 2;

/** Most intents buffered per player on the server; the oldest are dropped beyond it. */
export const INPUT_BUFFER_CAP = 16;
/** When a player's buffer holds more than this, the server applies two per tick to catch up. */
export const INPUT_CATCHUP_THRESHOLD = 6;
/**
 * Extra intents (beyond one per tick) a client may have applied, as a share of the tick rate,
 * after a first full buffer's worth: covers clock drift, but a client sending twice the input
 * rate does not move twice as fast (server/net/InputPace.ts).
 */
export const INPUT_CATCHUP_SHARE = 0.05;
/**
 * Headroom over INPUT_RATE for the per-client frame rate: a frame-rate hitch sends a backlog
 * of intents at once (the client catches up to five ticks), plus pongs, chat and room messages.
 */
export const FRAME_RATE_SLACK = 4;
/**
 * Default for MAX_MESSAGES_PER_SECOND: most WebSocket frames a client may send per second.
 * Beyond it the kit closes the socket with CloseCode.RateLimited (server/net/FrameGuard.ts).
 */
export const MAX_CLIENT_FRAMES_PER_SECOND = INPUT_RATE * FRAME_RATE_SLACK;

export const ticksFromSeconds = (seconds: number): number => Math.round(seconds * TICK_RATE);

export const MAX_NAME_LENGTH = 16;

/** The server probes each client's round trip this often; the result shows on the scoreboard. */
export const PING_INTERVAL_MS = 2000;
