/**
 * A room type that exists only in tests: every tick it broadcasts FLOOD_BYTES to everyone,
 * so a client that stops reading backs up fast (the slow-reader test). Registered only
 * through startTestServer's extra room types, never in server/app.ts.
 */
import { schema, t, type SchemaType } from "@colyseus/schema";
import { z } from "zod";
import { defineOptions, defineRoomType, type RoomServices } from "../../server/kit/RoomType.ts";
import { defineProtocol } from "../../shared/registry.ts";
import { IntentInput } from "../../shared/arena/input.ts";
import { INPUT_RATE } from "../../shared/constants.ts";

export const FLOOD_ROOM = "flood";
export const FLOOD = "flood";
/**
 * Bytes broadcast per tick: 64 KiB at 30 ticks a second, about 2 MB/s per client, so a stopped
 * reader fills the kernel's socket buffers and passes the test's limit within a second or two,
 * well before the transport's own heartbeat (3 s pings, two missed) would drop it.
 */
export const FLOOD_BYTES = 64 * 1024;

const FloodState = schema({ ticks: t.uint32().default(0) }, "FloodState");
type FloodState = SchemaType<typeof FloodState>;

const floodProtocol = defineProtocol({ toServer: {}, toClient: { [FLOOD]: z.string() } });
const PAYLOAD = "x".repeat(FLOOD_BYTES);

interface Flood {
  state: FloodState;
  services: RoomServices<typeof floodProtocol.toClient>;
}

export const floodRoomType = defineRoomType<FloodState, { maxPlayers: number }, Flood, IntentInput, typeof floodProtocol>({
  name: FLOOD_ROOM,
  mode: "Flood",
  state: FloodState,
  defaultMaxPlayers: 4,
  spectators: false,
  options: defineOptions({ resolve: () => ({ maxPlayers: 4 }) }),
  protocol: floodProtocol,
  create: (services, state) => ({ state, services }),
  tick: {
    rate: INPUT_RATE,
    input: IntentInput,
    validate: () => undefined,
    step(game) {
      game.state.ticks++;
      game.services.broadcast(FLOOD, PAYLOAD);
    },
  },
  onJoin: () => undefined,
  onLeave: () => undefined,
});
