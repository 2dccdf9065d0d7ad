/**
 * A room type that exists only in tests: its tick, a message handler or its pre-patch hook
 * throws on demand, to prove that one room's exception closes that room alone.
 * Registered only through startTestServer's extra room types, never in server/app.ts.
 */
import { schema, t, type SchemaType } from "@colyseus/schema";
import { z } from "zod";
import { defineOptions, defineRoomType } from "../../server/kit/RoomType.ts";
import { defineProtocol } from "../../shared/registry.ts";
import { IntentInput } from "../../shared/arena/input.ts";
import { INPUT_RATE } from "../../shared/constants.ts";

export const CRASHY_ROOM = "crashy";
export const ARM = "arm";
export type Bomb = "tick" | "message" | "patch";

const CrashyState = schema({ ticks: t.uint32().default(0) }, "CrashyState");
type CrashyState = SchemaType<typeof CrashyState>;

interface Crashy {
  state: CrashyState;
  bomb: Bomb | undefined;
}

const crashyProtocol = defineProtocol({ toServer: { [ARM]: z.enum(["tick", "message", "patch"]) }, toClient: {} });

export const crashyRoomType = defineRoomType<CrashyState, { maxPlayers: number }, Crashy, IntentInput, typeof crashyProtocol>({
  name: CRASHY_ROOM,
  mode: "Crashy",
  state: CrashyState,
  defaultMaxPlayers: 4,
  spectators: false,
  options: defineOptions({ resolve: () => ({ maxPlayers: 4 }) }),
  protocol: crashyProtocol,
  create: (_services, state) => ({ state, bomb: undefined }),
  tick: {
    rate: INPUT_RATE,
    input: IntentInput,
    validate: () => undefined,
    step(game) {
      if (game.bomb === "tick") throw new Error("test bomb in the tick");
      game.state.ticks++;
    },
  },
  messages: {
    [ARM]: {
      handle(game, _seat, bomb) {
        if (bomb === "message") throw new Error("test bomb in a message handler");
        game.bomb = bomb;
      },
    },
  },
  onJoin: () => undefined,
  onLeave: () => undefined,
  onBeforePatch(game) {
    if (game.bomb === "patch") throw new Error("test bomb before a patch");
  },
});
