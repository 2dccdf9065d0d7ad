/**
 * The kit's virtual seats (`tick.virtualInputs`), in a small fixed-tick room type of the
 * test's own on a real server with a real SDK client: a virtual player's valid input reaches
 * `step` beside the clients' inputs, an invalid one never does, and a virtual input can never
 * speak for a client's session.
 */
import { Client, type Room } from "@colyseus/sdk";
import { schema, t, type SchemaType } from "@colyseus/schema";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defineOptions, defineRoomType } from "../../server/kit/RoomType.ts";
import { startKitServer, type KitServer } from "../helpers/kitServer.ts";
import { joinOptions, untilState } from "../helpers/testServer.ts";

const PingInput = schema({ v: t.int8().default(0) }, "PingInput");
type PingInput = SchemaType<typeof PingInput>;

const RelayState = schema(
  {
    ticks: t.uint32().default(0),
    /** The last value `step` saw from the virtual player "ghost", -1 if none this tick. */
    ghost: t.int8().default(-1),
    /** Whether `step` ever saw an input from the virtual player that sends invalid ones. */
    rogueSeen: t.boolean().default(false),
    /** The client's inputs `step` saw, and the last value among them. */
    clientInputs: t.uint16().default(0),
    clientLast: t.int8().default(-1),
  },
  "RelayState",
);
type RelayState = SchemaType<typeof RelayState>;

interface Relay {
  state: RelayState;
  seat: string;
}

/** Valid values are 0–10. Every tick: "ghost" sends 3, "rogue" sends 99, and a forger sends 7 as the client. */
const relay = defineRoomType<RelayState, { maxPlayers: number }, Relay, PingInput>({
  name: "relay",
  mode: "Relay",
  state: RelayState,
  defaultMaxPlayers: 1,
  spectators: false,
  options: defineOptions({ resolve: () => ({ maxPlayers: 1 }) }),
  create: (_services, state) => ({ state, seat: "" }),
  tick: {
    rate: 30,
    input: PingInput,
    validate: (input) => (input.v >= 0 && input.v <= 10 ? undefined : "v must be 0 to 10"),
    virtualInputs: (game) => [
      ["ghost", new PingInput({ v: 3 })],
      ["rogue", new PingInput({ v: 99 })],
      ...(game.seat ? [[game.seat, new PingInput({ v: 7 })] as const] : []),
    ],
    step: (game, inputs) => {
      game.state.ticks++;
      game.state.ghost = inputs.get("ghost")?.[0]?.v ?? -1;
      if (inputs.has("rogue")) game.state.rogueSeen = true;
      for (const input of inputs.get(game.seat) ?? []) {
        game.state.clientInputs++;
        game.state.clientLast = input.v;
      }
    },
  },
  onJoin: (game, seat) => {
    game.seat = seat.id;
  },
  onLeave: (game) => {
    game.seat = "";
  },
});

let kit: KitServer;
let url = "";
const opened: Room[] = [];

beforeAll(async () => {
  kit = await startKitServer([relay]);
  url = kit.url;
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((r) => r.connection.isOpen && r.leave().catch(() => undefined)));
});
afterAll(async () => {
  await kit.stop();
});

describe("virtual seats", () => {
  it("step gets a virtual player's valid inputs, never its invalid ones, and never one forged for a client", async () => {
    const room = await new Client(url).create<RelayState>("relay", joinOptions("alice"));
    opened.push(room);
    room.onMessage("*", () => undefined);
    await untilState(room, () => room.state.ticks > 10);
    expect(room.state.ghost).toBe(3);
    expect(room.state.rogueSeen).toBe(false);
    // The client has sent nothing: the forged 7 for its session did not reach step.
    expect(room.state.clientInputs).toBe(0);

    const input = room.input({ type: PingInput });
    input.data.v = 1;
    input.send();
    await untilState(room, () => room.state.clientInputs > 0);
    expect(room.state.clientLast).toBe(1);
    expect(room.state.clientInputs).toBe(1);
    expect(room.state.rogueSeen).toBe(false);
  });
});
