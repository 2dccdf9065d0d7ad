import { IntentInput, intentProblem } from "../../../shared/arena/input.ts";
import { mapById, mapForSeats, type ArenaMap } from "../../../shared/arena/maps.ts";
import { arenaOptionFields } from "../../../shared/arena/protocol.ts";
import { ArenaState } from "../../../shared/arena/schema.ts";
import { DEFAULT_INTERMISSION_SECONDS, DEFAULT_MAX_PLAYERS, DEFAULT_ROUND_SECONDS } from "../../../shared/arena/tuning.ts";
import { INPUT_RATE, SUBSTEPS, ticksFromSeconds } from "../../../shared/constants.ts";
import type { RoundTiming } from "../../../shared/arena/round.ts";
import { RoomName } from "../../../shared/protocol.ts";
import type { KitRoom } from "../../kit/KitRoom.ts";
import { defineOptions, defineReplay, defineRoomType } from "../../kit/RoomType.ts";
import { arenaReplayRules, type ArenaSetup } from "../../../shared/arena/replay.ts";
import { ArenaMatch } from "./ArenaMatch.ts";
import { DEFAULT_LAG_COMPENSATION_MS, lagCapTicks as lagCapTicksFor } from "../../../shared/arena/lagCompensation.ts";

export interface ArenaOptions {
  maxPlayers: number;
  map: ArenaMap;
  timing: RoundTiming;
  drones: number;
  /** Players the room keeps with bots (ARENA_MIN_PLAYERS, at most maxPlayers); 0 in private rooms. */
  minPlayers: number;
  /** Most ticks a shot is judged in the past (LAG_COMPENSATION_MS; shared/arena/lagCompensation.ts). */
  lagCapTicks: number;
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
  options: defineOptions({
    fields: arenaOptionFields,
    minSeats: 2,
    resolve(o, limits) {
      const timing: RoundTiming = {
        roundTicks: ticksFromSeconds(limits.settings.roundSeconds ?? DEFAULT_ROUND_SECONDS),
        intermissionTicks: ticksFromSeconds(limits.settings.intermissionSeconds ?? DEFAULT_INTERMISSION_SECONDS),
      };
      // A private room is who its owner invited (and may remove), so bots fill public rooms only.
      const minPlayers = o.private ? 0 : Math.min(limits.settings.minPlayers ?? 0, o.maxPlayers);
      const lagCapTicks = lagCapTicksFor(limits.settings.lagCompensationMs ?? DEFAULT_LAG_COMPENSATION_MS);
      // With no map named, the room gets the smallest map made for its seats (a 128-seat room a 2×3 Foundry).
      return { map: o.map ? mapById(o.map) : mapForSeats(o.maxPlayers), timing, drones: limits.settings.drones ?? 0, maxPlayers: o.maxPlayers, minPlayers, lagCapTicks };
    },
  }),
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
  replay: defineReplay({
    rules: arenaReplayRules,
    sim: (match: ArenaMatch) => match.game,
    setup: (o: ArenaOptions) => ({ map: o.map.id, ...o.timing, drones: o.drones, lagCapTicks: o.lagCapTicks }) satisfies ArenaSetup,
    result: (match: ArenaMatch) => match.result(),
  }),
});

/** The live arena room, as tests and tools see it through the matchmaker. */
export type ArenaRoom = KitRoom<ArenaState, ArenaOptions, ArenaMatch, IntentInput>;
