/**
 * Live spectating on a real server with real SDK clients (docs/replays.md, "Live spectating"):
 * a spectator sits in no player seat, has no entity and no input, gets the arena only as the
 * tick log held back SPECTATOR_DELAY_SECONDS, has its own cap and chat channel, and may watch
 * a private room only when its owner allowed it.
 */
import type { Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { CONNECT4_ROOM, Connect4Msg } from "../../shared/connect4/protocol.ts";
import type { Connect4State } from "../../shared/connect4/schema.ts";
import type { ChatLine } from "../../shared/chat.ts";
import { JoinError, Msg, RejectReason, RoomName, type RejectedMessage } from "../../shared/protocol.ts";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { Inbox } from "../helpers/inbox.ts";
import { streamIntents } from "../helpers/intents.ts";
import { joinArena } from "../helpers/arenaJoin.ts";
import { untilFeed, watch as watchWith } from "../helpers/spectator.ts";
import { joinOptions, leaveAll, nextMessage, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

const DELAY_SECONDS = 2;
let server: TestServer;
const open: Room[] = [];

beforeAll(async () => {
  server = await startTestServer({ SPECTATOR_DELAY_SECONDS: String(DELAY_SECONDS), SPECTATORS_PER_ROOM: "2" });
});
afterEach(() => leaveAll(open));
afterAll(() => server.stop());

const watch = (roomId: string, name: string) => watchWith(server.client(), open, roomId, name);

const arenaOf = (roomId: string) => server.serverRoom<ArenaRoom>(roomId);

describe("arena spectators", () => {
  it("watch the match a delay behind, in no player seat and with no entity", async () => {
    const player = await joinArena(server, open, "alice");
    const w = await watch(player.roomId, "watcher");

    // In the room, not in the game: no seat in state.players, no entity, and no live state at all.
    const room = arenaOf(player.roomId);
    expect(room.seats.get(w.room.sessionId)?.role).toBe("spectator");
    expect(room.state.players.has(w.room.sessionId)).toBe(false);
    expect(room.game.world.players.has(w.room.sessionId)).toBe(false);
    expect(w.room.state.players?.size ?? 0).toBe(0);
    expect(w.feed.replay.log.header).toMatchObject({ roomType: RoomName.Arena, matchId: player.roomId });

    await untilFeed(w, () => w.feed.replay.state.players.get(player.sessionId)?.alive === true);
    const spawn = { x: w.feed.replay.state.players.get(player.sessionId)!.x };
    const dx = spawn.x < w.feed.replay.map.width / 2 ? 1 : -1;
    const stop = streamIntents(player, () => ({ dx }));
    try {
      // The player's own client sees itself move first; at that moment the spectator, two seconds behind, has not.
      await untilState(player, () => player.state.players.get(player.sessionId)!.x !== spawn.x);
      w.feed.replay.catchUp();
      expect(w.feed.replay.state.players.get(player.sessionId)!.x).toBe(spawn.x);
      // Then the movement reaches the spectator, and matches what the server simulated.
      await untilFeed(w, () => w.feed.replay.state.players.get(player.sessionId)!.x !== spawn.x);
      expect(Math.sign(w.feed.replay.state.players.get(player.sessionId)!.x - spawn.x)).toBe(dx);
    } finally {
      stop();
    }
  });

  it("refuses a spectator's intents with reason spectator, and nothing moves for them", async () => {
    const player = await joinArena(server, open, "bob");
    const w = await watch(player.roomId, "lurker");
    const stop = streamIntents(w.room, () => ({ dx: 1, fire: true }));
    try {
      const refusal = await w.rejected.find((r) => r.reason === RejectReason.Spectator);
      expect(refusal.detail).toMatch(/spectators have no input/);
    } finally {
      stop();
    }
    const room = arenaOf(player.roomId);
    expect(room.game.world.players.has(w.room.sessionId)).toBe(false);
    expect([...room.game.world.projectiles].every((p) => p.owner !== w.room.sessionId)).toBe(true);
    expect(room.playerCount()).toBe(1);
  });

  it("caps spectators at SPECTATORS_PER_ROOM with a named refusal; players still get their seats", async () => {
    const player = await joinArena(server, open, "carol");
    await watch(player.roomId, "one");
    await watch(player.roomId, "two");
    await expect(server.client().joinById(player.roomId, { ...joinOptions("three"), spectate: true })).rejects.toMatchObject({
      code: JoinError.SpectatorsFull,
      message: expect.stringMatching(/every spectator seat \(2\) is taken/),
    });
    const second = await joinArena(server, open, "dave", player.roomId);
    expect(arenaOf(player.roomId).playerCount()).toBe(2);
    expect(second.state.players.size).toBe(2);
  });

  it("keeps spectators' chat among spectators, rate-limits it, and lets spectators hear the players", async () => {
    const player = await joinArena(server, open, "erin");
    const playerChat = new Inbox<ChatLine>(player, Msg.Chat);
    const a = await watch(player.roomId, "fan a");
    const b = await watch(player.roomId, "fan b");

    a.room.send(Msg.Chat, { text: "spectators only" });
    const line = await b.chat.find((l) => l.text === "spectators only");
    expect(line).toMatchObject({ channel: "spectators", name: "fan a", kind: "player" });
    player.send(Msg.Chat, { text: "hello watchers" });
    await a.chat.find((l) => l.text === "hello watchers" && l.channel === undefined);
    await playerChat.find((l) => l.text === "hello watchers");
    expect(playerChat.items.some((l) => l.text === "spectators only")).toBe(false);

    // A flood from a spectator is refused like a player's (CHAT_BURST 3 by default).
    for (let i = 0; i < 6; i++) a.room.send(Msg.Chat, { text: `flood ${i}` });
    const refused = await a.rejected.find((r) => r.reason === RejectReason.ChatRateLimited);
    expect(refused.detail).toMatch(/slow down/);
    expect(playerChat.items.some((l) => l.text.startsWith("flood"))).toBe(false);
  });
});

describe("a full arena", () => {
  /** A 2-seat public arena with both seats taken. */
  async function fullArena(): Promise<{ a: Room<ArenaState>; b: Room<ArenaState> }> {
    const a = await server.client().create<ArenaState>(RoomName.Arena, { ...joinOptions("seat a"), maxPlayers: 2 });
    open.push(a);
    const b = await joinArena(server, open, "seat b", a.roomId);
    await untilState(a, () => a.state.players.size === 2);
    return { a, b };
  }

  /** A player's join that must be refused: the room is full, and it stays as it was. */
  async function expectFull(roomId: string): Promise<void> {
    await expect(server.client().joinById(roomId, joinOptions("third"))).rejects.toMatchObject({ message: expect.stringMatching(/is locked|is already full/) });
    const quick = await server.client().joinOrCreate<ArenaState>(RoomName.Arena, joinOptions("quick"));
    open.push(quick);
    expect(quick.roomId).not.toBe(roomId);
    expect(arenaOf(roomId).playerCount()).toBe(2);
  }

  it("is watched by id, while a third player is refused and quick play goes elsewhere", async () => {
    const { a, b } = await fullArena();
    const w = await watch(a.roomId, "fan");
    expect(arenaOf(a.roomId).seats.get(w.room.sessionId)?.role).toBe("spectator");
    await untilFeed(w, () => w.feed.replay.state.players.has(a.sessionId) && w.feed.replay.state.players.has(b.sessionId));
    await expectFull(a.roomId);
    expect(arenaOf(a.roomId).state.players.has(w.room.sessionId)).toBe(false);
  });

  it("stays closed to players when a spectator leaves, and open to the next spectator", async () => {
    const { a, b } = await fullArena();
    const first = await watch(a.roomId, "first fan");
    await first.room.leave();
    await untilState(a, () => ![...arenaOf(a.roomId).seats.keys()].includes(first.room.sessionId));
    await expectFull(a.roomId);
    const second = await watch(a.roomId, "second fan");
    expect(arenaOf(a.roomId).seats.get(second.room.sessionId)?.role).toBe("spectator");
    // Still "full", not locked for good: a player's leave opens the seat to the next player.
    await b.leave();
    await untilState(a, () => a.state.players.size === 1);
    const next = await joinArena(server, open, "next", a.roomId);
    expect(arenaOf(a.roomId).state.players.has(next.sessionId)).toBe(true);
  });

  it("still caps its spectators with the named refusal", async () => {
    const { a } = await fullArena();
    await watch(a.roomId, "one");
    await watch(a.roomId, "two");
    await expect(server.client().joinById(a.roomId, { ...joinOptions("three"), spectate: true })).rejects.toMatchObject({
      code: JoinError.SpectatorsFull,
      message: expect.stringMatching(/every spectator seat \(2\) is taken/),
    });
    await expectFull(a.roomId);
  });
});

describe("private rooms", () => {
  async function privateArena(spectators?: boolean): Promise<{ owner: Room<ArenaState>; code: string }> {
    const owner = await server.client().create<ArenaState>(RoomName.Arena, { ...joinOptions("owner"), private: true, ...(spectators === undefined ? {} : { spectators }) });
    open.push(owner);
    const info = await nextMessage<{ code: string }>(owner, Msg.RoomInfo);
    return { owner, code: info.code };
  }

  /** The room behind a code, as the menu finds it. */
  async function byCode(code: string): Promise<string> {
    const res = await fetch(`${server.url}/api/rooms/code/${code}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { roomId: string }).roomId;
  }

  it("is watched by its code only when its owner allowed spectators", async () => {
    const closed = await privateArena();
    await expect(server.client().joinById(await byCode(closed.code), { ...joinOptions("peeker"), spectate: true })).rejects.toMatchObject({
      code: JoinError.NotWatchable,
      message: expect.stringMatching(/does not allow spectators/),
    });
    const opened = await privateArena(true);
    const w = await watch(await byCode(opened.code), "guest");
    expect(w.feed.replay.log.header.matchId).toBe(opened.owner.roomId);
    expect(arenaOf(opened.owner.roomId).seats.get(w.room.sessionId)?.role).toBe("spectator");
  });

  it("is watched by its code when its player seats are full", async () => {
    const owner = await server.client().create<ArenaState>(RoomName.Arena, { ...joinOptions("owner"), private: true, spectators: true, maxPlayers: 2 });
    open.push(owner);
    const { code } = await nextMessage<{ code: string }>(owner, Msg.RoomInfo);
    const guest = await joinArena(server, open, "guest", await byCode(code));
    await untilState(owner, () => owner.state.players.size === 2);
    const w = await watch(await byCode(code), "fan by code");
    expect(arenaOf(owner.roomId).seats.get(w.room.sessionId)?.role).toBe("spectator");
    await untilFeed(w, () => w.feed.replay.state.players.has(guest.sessionId));
    await expect(server.client().joinById(owner.roomId, joinOptions("third"))).rejects.toMatchObject({ message: expect.stringMatching(/is locked|is already full/) });
    expect(arenaOf(owner.roomId).playerCount()).toBe(2);
  });

  it("refuses a malformed spectators option", async () => {
    await expect(server.client().create(RoomName.Arena, { ...joinOptions("x"), private: true, spectators: "yes" })).rejects.toMatchObject({
      code: JoinError.InvalidOptions,
      message: expect.stringMatching(/spectators must be true or false/),
    });
    await expect(server.client().create(RoomName.Arena, { ...joinOptions("x"), spectate: 1 })).rejects.toMatchObject({
      code: JoinError.InvalidOptions,
      message: expect.stringMatching(/spectate must be true or false/),
    });
  });
});

describe("connect four spectators", () => {
  it("a spectator by request takes no seat, gets the live state (no delay) and cannot move", async () => {
    const red = await server.client().create<Connect4State>(CONNECT4_ROOM, joinOptions("red"));
    open.push(red);
    const watcher = await server.client().joinById<Connect4State>(red.roomId, { ...joinOptions("watcher"), spectate: true });
    open.push(watcher);
    const rejected = new Inbox<RejectedMessage>(watcher, Msg.Rejected);
    await untilState(watcher, () => watcher.state.spectators === 1 && watcher.state.players.size === 1);
    watcher.send(Connect4Msg.Drop, { column: 3 });
    expect((await rejected.find(() => true)).reason).toBe(RejectReason.Spectator);
    // The second player's seat is still free: a plain joiner takes it and the game starts.
    const yellow = await server.client().joinById<Connect4State>(red.roomId, joinOptions("yellow"));
    open.push(yellow);
    await untilState(watcher, () => watcher.state.status === "playing" && watcher.state.players.size === 2);
    expect(watcher.state.players.has(watcher.sessionId)).toBe(false);
    expect(watcher.state.board.every((c) => c === 0)).toBe(true);
  });
});
