/**
 * Chat comes with the kit: a room type that declares nothing about chat has it, spectators
 * included, and can post its own system lines through `services.announce`.
 */
import { Client, type Room } from "@colyseus/sdk";
import { schema, t, type SchemaType } from "@colyseus/schema";
import { matchMaker } from "colyseus";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Seat } from "../../shared/kit/seats.ts";
import { loadConfig } from "../../server/config.ts";
import { registerRoomTypes } from "../../server/kit/registry.ts";
import { defineOptions, defineRoomType, type RoomServices } from "../../server/kit/RoomType.ts";
import { defineProtocol, Empty } from "../../shared/registry.ts";
import { memberOf, leaveAll, texts, type Member } from "../helpers/chatMembers.ts";
import { startKitServer, type KitServer } from "../helpers/kitServer.ts";
import { joinOptions } from "../helpers/testServer.ts";

const LoungeState = schema({ round: t.uint8().default(0) }, "LoungeState");
type LoungeState = SchemaType<typeof LoungeState>;

/** One seat, spectators welcome, and a "ring" message that announces a new round. */
const loungeProtocol = defineProtocol({ toServer: { ring: Empty }, toClient: {} });
const lounge = defineRoomType<LoungeState, { maxPlayers: number }, { services: RoomServices; state: LoungeState }, never, typeof loungeProtocol>({
  name: "lounge",
  mode: "Lounge",
  state: LoungeState,
  defaultMaxPlayers: 1,
  spectators: true,
  options: defineOptions({ resolve: () => ({ maxPlayers: 1 }) }),
  protocol: loungeProtocol,
  create: (services, state) => ({ services, state }),
  messages: {
    ring: {
      handle: (game) => {
        game.state.round++;
        game.services.announce(`round ${game.state.round} begins`);
      },
    },
  },
  onJoin: () => undefined,
  onLeave: () => undefined,
});

const config = loadConfig({});
let kit: KitServer;
let url = "";
const opened: Room[] = [];

beforeAll(async () => {
  kit = await startKitServer([lounge]);
  url = kit.url;
});
afterEach(async () => {
  await leaveAll(opened);
});
afterAll(async () => {
  await kit.stop();
});

async function enter(name: string, roomId?: string): Promise<Member> {
  const sdk = new Client(url);
  const room = roomId ? await sdk.joinById(roomId, joinOptions(name)) : await sdk.create("lounge", joinOptions(name));
  opened.push(room);
  return memberOf(room);
}

describe("chat in any room type", () => {
  it("reaches spectators, and spectators may talk on their own channel (SPECTATOR_CHAT=separate, the default)", async () => {
    const player = await enter("player");
    const watcher = await enter("watcher", player.room.roomId);
    const seats = (matchMaker.getLocalRoomById(player.room.roomId) as unknown as { seats: Map<string, Seat> }).seats;
    expect(seats.get(watcher.room.sessionId)?.role).toBe("spectator");
    player.say("can you see this?");
    await watcher.heard("can you see this?");
    watcher.say("yes");
    expect(await watcher.heard("yes")).toMatchObject({ name: "watcher", kind: "player", channel: "spectators" });
    // The player's next line arrives after the spectator's was handled: the player never got that one.
    player.say("anyone?");
    await player.heard("anyone?");
    expect(texts(player.lines.items)).not.toContain("yes");
  });

  it("lets the room type post system lines", async () => {
    const player = await enter("player");
    player.room.send("ring");
    expect(await player.heard("round 1 begins")).toMatchObject({ kind: "system" });
    expect(texts(player.lines.items)).toEqual(["player joined", "round 1 begins"]);
  });

  it("refuses a room type that declares one of the chat's message types", () => {
    const clash = { ...lounge, name: "clash", protocol: defineProtocol({ toServer: { chat: Empty }, toClient: {} }), messages: { chat: lounge.messages!.ring } };
    expect(() => registerRoomTypes([clash], () => ({ limits: { maxPlayers: 1, settings: {} }, maxInvalidMessages: 5, reconnectSeconds: 5, chat: config.chat }), { maxInvalidMessages: 5, chat: config.chat })).toThrow(/"chat", which the kit uses/);
  });
});
