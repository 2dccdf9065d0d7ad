/**
 * AI fill (ARENA_MIN_PLAYERS) on a real server with real SDK clients: bots take the empty
 * seats of a public arena, play, make way one by one as people arrive, and come back as
 * people leave; the room never holds more players than seats, and never refuses a person
 * for a seat a bot holds. Everything waits on state patches or lobby messages.
 */
import type { Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { JoinError, Msg } from "../../shared/protocol.ts";
import type { ChatLine } from "../../shared/chat.ts";
import { joinOptions, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

/** Bots fill every seat: the hardest case for letting people in. */
const SEATS = 6;
/** A player walks 3.75 px per tick, three ticks per patch; a larger jump is a respawn. */
const MAX_STEP_PER_PATCH = 20;
let server: TestServer;
const open: Room[] = [];

beforeAll(async () => {
  server = await startTestServer({ ARENA_MIN_PLAYERS: String(SEATS), ARENA_MAX_PLAYERS: String(SEATS), RECONNECT_SECONDS: "2" });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.connection.isOpen && r.leave().catch(() => undefined)));
});
afterAll(async () => {
  await server.stop();
});

async function join(name: string, how: { roomId?: string; create?: Record<string, unknown> } = {}): Promise<Room<ArenaState>> {
  const sdk = server.client();
  const room = how.roomId ? await sdk.joinById<ArenaState>(how.roomId, joinOptions(name)) : await sdk.create<ArenaState>("arena", { ...joinOptions(name), ...how.create });
  open.push(room);
  room.onMessage("*", () => undefined);
  await untilState(room, () => room.state.players?.get(room.sessionId) !== undefined);
  return room;
}

const players = (room: Room<ArenaState>) => [...room.state.players.values()];
const botCount = (room: Room<ArenaState>) => players(room).filter((p) => p.bot).length;
const botIds = (room: Room<ArenaState>) => [...room.state.players.entries()].filter(([, p]) => p.bot).map(([id]) => id);

interface Listing {
  clients: number;
  metadata: { players: number; bots: number; seatOpen: boolean };
}

/** A lobby client keeping the live room list; `until` waits on its messages for a condition. */
async function watchLobby() {
  const lobby = await server.client().joinOrCreate("lobby", joinOptions("watcher"));
  open.push(lobby);
  const rooms = new Map<string, Listing>();
  let changed: () => void = () => undefined;
  lobby.onMessage("rooms", (list: Array<Listing & { roomId: string }>) => {
    for (const r of list) rooms.set(r.roomId, r);
    changed();
  });
  lobby.onMessage("+", ([id, room]: [string, Listing]) => (rooms.set(id, room), changed()));
  lobby.onMessage("-", (id: string) => (rooms.delete(id), changed()));
  lobby.onMessage("*", () => undefined);
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise<void>((r) => (changed = r));
    if (!check()) throw new Error("the lobby listing never showed it");
  };
  return { rooms, until };
}

/** Records the most players any patch showed this client. */
function watchLargest(room: Room<ArenaState>): { readonly largest: number } {
  const seen = { largest: room.state.players.size };
  room.onStateChange(() => {
    seen.largest = Math.max(seen.largest, room.state.players.size);
  });
  return seen;
}

// Some scenes wait up to 400 patches (20 s) for bots to act; the rest is headroom on a busy machine.
describe("AI fill", { timeout: 45_000 }, () => {
  it("seats five bots beside one person, flagged and named as bots", async () => {
    const alice = await join("alice");
    await untilState(alice, () => alice.state.players.size === SEATS);
    expect(botCount(alice)).toBe(SEATS - 1);
    expect(alice.state.players.get(alice.sessionId)!.bot).toBe(false);
    for (const id of botIds(alice)) {
      const bot = alice.state.players.get(id)!;
      expect(bot.name).toMatch(/^Bot [1-5]$/);
      expect(bot.alive).toBe(true);
    }
    expect(new Set(players(alice).map((p) => p.name)).size).toBe(SEATS);
  });

  it("bots move and fire: their positions change across patches and their projectiles appear", async () => {
    const alice = await join("alice");
    await untilState(alice, () => alice.state.players.size === SEATS);
    // Put the bots a short shot apart on open floor, and alice far off; she sends nothing.
    const world = server.serverRoom<ArenaRoom>(alice.roomId).game.world;
    const spots = [{ x: 300, y: 440 }, { x: 430, y: 520 }, { x: 300, y: 600 }, { x: 430, y: 680 }, { x: 300, y: 760 }];
    botIds(alice).forEach((id, i) => Object.assign(world.players.get(id)!, spots[i]));
    Object.assign(world.players.get(alice.sessionId)!, { x: 1300, y: 600 });

    const bots = botIds(alice);
    // They walk on at once, so by the patch that shows them there they are a step or two off.
    const near = (id: string, i: number) => Math.hypot(alice.state.players.get(id)!.x - spots[i]!.x, alice.state.players.get(id)!.y - spots[i]!.y) < MAX_STEP_PER_PATCH;
    await untilState(alice, () => bots.every(near));

    // Moved: alive in two patches in a row, a walking distance apart (a respawn jumps further).
    const last = new Map<string, { x: number; y: number; alive: boolean }>();
    const moved = new Set<string>();
    const fired = new Set<string>();
    const look = () => {
      for (const id of bots) {
        const p = alice.state.players.get(id)!;
        const before = last.get(id);
        const step = before ? Math.hypot(p.x - before.x, p.y - before.y) : 0;
        if (before?.alive && p.alive && step > 0 && step < MAX_STEP_PER_PATCH) moved.add(id);
        last.set(id, { x: p.x, y: p.y, alive: p.alive });
      }
      alice.state.projectiles.forEach((pr) => {
        if (alice.state.players.get(pr.owner)?.bot) fired.add(pr.owner);
      });
    };
    alice.onStateChange(look);
    await untilState(alice, () => moved.size === SEATS - 1 && fired.size > 0, 400);
    expect([...fired].every((id) => bots.includes(id))).toBe(true);
    // Alice sent no intent: she stands where she was put, so every movement was the bots'.
    expect(alice.state.players.get(alice.sessionId)).toMatchObject({ x: 1300, y: 600 });
  });

  it("one bot leaves for each person who arrives, and the room never holds more than its seats", async () => {
    const people = [await join("p0")];
    const seen = watchLargest(people[0]!);
    await untilState(people[0]!, () => botCount(people[0]!) === SEATS - 1);
    for (let n = 2; n <= SEATS; n++) {
      // Every seat is already taken (by bots): the person still gets in, and a bot makes way.
      people.push(await join(`p${n - 1}`, { roomId: people[0]!.roomId }));
      await untilState(people[0]!, () => botCount(people[0]!) === SEATS - n && people[0]!.state.players.size === SEATS);
    }
    expect(botCount(people[0]!)).toBe(0);
    expect(seen.largest).toBe(SEATS);
    expect(server.serverRoom<ArenaRoom>(people[0]!.roomId).state.players.size).toBe(SEATS);
    // Six people now: a seventh is refused because people, not bots, hold every seat.
    await expect(server.client().joinById(people[0]!.roomId, joinOptions("late"))).rejects.toMatchObject({ code: JoinError.RoomUnavailable });
  });

  it("bots come back to the minimum as people leave", async () => {
    const a = await join("a");
    const others = await Promise.all(["b", "c", "d"].map((n) => join(n, { roomId: a.roomId })));
    await untilState(a, () => botCount(a) === 2 && a.state.players.size === SEATS);
    await others[0]!.leave();
    await untilState(a, () => botCount(a) === 3 && a.state.players.size === SEATS);
    await Promise.all(others.slice(1).map((r) => r.leave()));
    await untilState(a, () => botCount(a) === SEATS - 1 && a.state.players.size === SEATS);
  });

  it("holds a dropped person's seat against bots, and gives it to a bot once it is freed", async () => {
    const a = await join("alice");
    const b = await join("bob", { roomId: a.roomId });
    await untilState(b, () => botCount(b) === SEATS - 2);
    a.reconnection.enabled = false;
    a.connection.close(); // the socket drops without a goodbye: the seat is held for 2 s
    await untilState(b, () => b.state.players.get(a.sessionId)?.connected === false);
    const tick = b.state.tick;
    await untilState(b, () => b.state.tick > tick + 15);
    expect(b.state.players.has(a.sessionId)).toBe(true);
    expect(botCount(b)).toBe(SEATS - 2);
    await untilState(b, () => !b.state.players.has(a.sessionId), 400);
    expect(botCount(b)).toBe(SEATS - 1);
    expect(b.state.players.size).toBe(SEATS);
  });

  it("lists people as players and bots apart; quick play fills a bot-filled room with people", async () => {
    const lobby = await watchLobby();
    const alice = await join("alice");
    const mine = () => lobby.rooms.get(alice.roomId);
    await lobby.until(() => mine()?.metadata.bots === SEATS - 1);
    expect(mine()).toMatchObject({ clients: 1, metadata: { players: 1, bots: SEATS - 1, seatOpen: true } });

    // Quick play, as the menu asks for it: every seat holds a player, yet this room is joinable.
    const bob = await server.client().joinOrCreate<ArenaState>("arena", { ...joinOptions("bob"), seatOpen: true });
    open.push(bob);
    expect(bob.roomId).toBe(alice.roomId);
    await lobby.until(() => mine()?.metadata.players === 2);
    expect(mine()).toMatchObject({ clients: 2, metadata: { players: 2, bots: SEATS - 2, seatOpen: true } });
  });

  it("keeps bots out of the chat: no join lines, but kills by bots are announced by name", async () => {
    const alice = await join("alice");
    const lines: ChatLine[] = [];
    alice.onMessage(Msg.Chat, (l: ChatLine) => lines.push(l));
    await untilState(alice, () => botCount(alice) === SEATS - 1);
    const bob = await join("bob", { roomId: alice.roomId });
    // Bob's join line is the sync point: a bot's would have come before it.
    const world = server.serverRoom<ArenaRoom>(alice.roomId).game.world;
    await untilState(alice, () => lines.some((l) => l.text === "bob joined"));
    expect(lines.filter((l) => /^Bot \d/.test(l.text))).toEqual([]);
    // A bot kills bob: the kill line names it.
    const killer = botIds(alice)[0]!;
    Object.assign(world.players.get(bob.sessionId)!, { hp: 1, x: 560, y: 400 });
    Object.assign(world.players.get(killer)!, { x: 300, y: 400 });
    await untilState(alice, () => lines.some((l) => / eliminated bob$/.test(l.text)), 400);
    expect(lines.find((l) => / eliminated bob$/.test(l.text))!.text).toMatch(/^Bot \d eliminated bob$/);
  });

  it("leaves private rooms to the people invited, and fills a smaller room only to its seats", async () => {
    const owner = await join("owner", { create: { private: true } });
    const tick = owner.state.tick;
    await untilState(owner, () => owner.state.tick > tick + 10);
    expect(owner.state.players.size).toBe(1);

    const small = await join("solo", { create: { maxPlayers: 4 } });
    await untilState(small, () => small.state.players.size === 4);
    expect(botCount(small)).toBe(3);
    const tick2 = small.state.tick;
    await untilState(small, () => small.state.tick > tick2 + 10);
    expect(small.state.players.size).toBe(4);
  });
});
