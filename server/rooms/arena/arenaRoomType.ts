import { IntentInput } from "../../../shared/arena/input.ts";
import { DEFAULT_MAP_ID, MAPS, type ArenaMap } from "../../../shared/arena/maps.ts";
import { ArenaState } from "../../../shared/arena/schema.ts";
import { DEFAULT_INTERMISSION_SECONDS, DEFAULT_MAX_PLAYERS, DEFAULT_ROUND_SECONDS } from "../../../shared/arena/tuning.ts";
import { INPUT_RATE, SUBSTEPS, ticksFromSeconds } from "../../../shared/constants.ts";
import type { RoundTiming } from "../../../shared/arena/round.ts";
import { RoomName } from "../../../shared/protocol.ts";
import { intentProblem } from "../../../shared/validate.ts";
import { clampSeats } from "../../kit/joinOptions.ts";
import type { KitRoom } from "../../kit/KitRoom.ts";
import { defineRoomType } from "../../kit/RoomType.ts";
import { ArenaMatch } from "./ArenaMatch.ts";

export interface ArenaOptions {
  maxPlayers: number;
  map: ArenaMap;
  timing: RoundTiming;
  drones: number;
  /** Players the room keeps with bots (ARENA_MIN_PLAYERS, at most maxPlayers); 0 in private rooms. */
  minPlayers: number;
}

/**
 * The arena as a room type: a fixed 60 Hz tick, intents on the input channel,
 * the rules in shared/arena. Everything else comes from server/kit.
 */
export const arenaRoomType = defineRoomType<ArenaState, ArenaOptions, ArenaMatch, IntentInput>({
  name: RoomName.Arena,
  mode: "Arena",
  state: ArenaState,
  defaultMaxPlayers: DEFAULT_MAX_PLAYERS,
  spectators: false,
  views: true,
  optionKeys: ["map"],
  optionsProblem(raw, limits) {
    if (raw.map !== undefined && (typeof raw.map !== "string" || !Object.hasOwn(MAPS, raw.map))) return `map must be one of: ${Object.keys(MAPS).join(", ")}`;
    if (typeof raw.maxPlayers === "number" && raw.maxPlayers < 2) return `maxPlayers must be a whole number from 2 to ${limits.maxPlayers}`;
    return undefined;
  },
  parseOptions(raw, limits) {
    const o = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    // Own keys only: "constructor" or "__proto__" must never pick something off Object.prototype.
    const map = (typeof o.map === "string" && Object.hasOwn(MAPS, o.map) && MAPS[o.map]) || MAPS[DEFAULT_MAP_ID]!;
    const timing: RoundTiming = {
      roundTicks: ticksFromSeconds(limits.settings.roundSeconds ?? DEFAULT_ROUND_SECONDS),
      intermissionTicks: ticksFromSeconds(limits.settings.intermissionSeconds ?? DEFAULT_INTERMISSION_SECONDS),
    };
    const maxPlayers = clampSeats(o.maxPlayers, 2, limits.maxPlayers);
    // A private room is who its owner invited (and may remove), so bots fill public rooms only.
    const minPlayers = o.private === true ? 0 : Math.min(limits.settings.minPlayers ?? 0, maxPlayers);
    return { map, timing, drones: limits.settings.drones ?? 0, maxPlayers, minPlayers };
  },
  create: (services, state, options) => new ArenaMatch(services, state, options),
  tick: {
    rate: INPUT_RATE,
    subSteps: SUBSTEPS,
    input: IntentInput,
    validate: (input) => intentProblem(input),
    step: (match, inputs, timing) => match.step(inputs, timing.subDt, timing.subSteps),
    virtualInputs: (match, timing) => match.bots.intents(timing.dt),
  },
  onJoin: (match, seat) => match.join(seat),
  onLeave: (match, seat) => match.leave(seat),
  onDrop: (match, seat) => match.setConnected(seat, false),
  onReconnect: (match, seat) => match.setConnected(seat, true),
  onBeforePatch: (match) => match.sync(),
});

/** The live arena room, as tests and tools see it through the matchmaker. */
export type ArenaRoom = KitRoom<ArenaState, ArenaOptions, ArenaMatch, IntentInput>;
