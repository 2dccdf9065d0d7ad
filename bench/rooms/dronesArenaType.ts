/**
 * The load scenario's room: the real arena (ArenaMatch, the shared rules, the kit's tick,
 * inputs and validation) plus a field of drifting drones in its own schema field.
 * A room type of its own, so the game's ArenaState and room stay exactly as shipped.
 */
import { t, type SchemaType } from "@colyseus/schema";
import { IntentInput } from "../../shared/arena/input.ts";
import { ArenaState } from "../../shared/arena/schema.ts";
import { defineRoomType } from "../../server/kit/RoomType.ts";
import { ArenaMatch } from "../../server/rooms/arena/ArenaMatch.ts";
import { arenaRoomType, type ArenaOptions } from "../../server/rooms/arena/arenaRoomType.ts";
import { DroneField, DroneState } from "./drones.ts";

/** Drones per room in the standard load scenario. */
export const DRONES_PER_ROOM = 200;
export const DRONES_ARENA = "arena_drones";

export const DronesArenaState = ArenaState.extend({ drones: t.map(DroneState) }, "DronesArenaState");
export type DronesArenaState = SchemaType<typeof DronesArenaState>;

interface DronesMatch {
  match: ArenaMatch;
  drones: DroneField;
  state: DronesArenaState;
}

const arenaTick = arenaRoomType.tick!;

export const dronesArenaType = defineRoomType<DronesArenaState, ArenaOptions, DronesMatch, IntentInput>({
  name: DRONES_ARENA,
  mode: "Arena with drones (load scenario)",
  state: DronesArenaState,
  defaultMaxPlayers: arenaRoomType.defaultMaxPlayers,
  spectators: false,
  parseOptions: arenaRoomType.parseOptions,
  create: (services, state, options) => ({
    match: new ArenaMatch(services, state, options.map),
    drones: new DroneField(options.map, DRONES_PER_ROOM, services.rng),
    state,
  }),
  tick: {
    rate: arenaTick.rate,
    input: IntentInput,
    validate: arenaTick.validate,
    step: (g, inputs, dt) => {
      g.match.step(inputs, dt);
      g.drones.step(dt);
    },
  },
  onJoin: (g, seat) => g.match.join(seat),
  onLeave: (g, seat) => g.match.leave(seat),
  onBeforePatch: (g) => {
    g.match.sync();
    g.drones.sync(g.state.drones);
  },
});
