import type { Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { FIRE_COOLDOWN_TICKS, MAX_HP, PROJECTILE_DAMAGE } from "../../shared/arena/tuning.ts";
import { CloseCode, JoinError, Msg, PROTOCOL_VERSION, RejectReason, type GameEvent, type RejectedMessage } from "../../shared/protocol.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { joinArena } from "../helpers/arenaJoin.ts";
import { streamIntents } from "../helpers/intents.ts";
import { nextMessage, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const open: Room[] = [];
const stops: Array<() => void> = [];

beforeAll(async () => {
  server = await startTestServer({ MAX_INVALID_MESSAGES: "3" });
});
afterEach(async () => {
  stops.splice(0).forEach((s) => s());
  await Promise.all(open.splice(0).map((r) => r.connection.isOpen && r.leave().catch(() => undefined)));
});
afterAll(async () => {
  await server.stop();
});

const join = (name: string, roomId?: string): Promise<Room<ArenaState>> => joinArena(server, open, name, roomId);

const me = (room: Room<ArenaState>, id = room.sessionId) => room.state.players.get(id)!;

describe("arena room", () => {
  it("lets two clients join and see each other by name", async () => {
    const a = await join("alice");
    const b = await join("bob", a.roomId);
    await untilState(a, () => a.state.players.size === 2);
    expect(me(a, b.sessionId).name).toBe("bob");
    expect(me(b, a.sessionId).name).toBe("alice");
    expect(me(a).hp).toBe(MAX_HP);
    expect(me(a).alive).toBe(true);
  });

  it("moves only the player whose client sent the intents", async () => {
    const a = await join("alice");
    const b = await join("bob", a.roomId);
    const game = server.serverRoom<ArenaRoom>(a.roomId).game;
    // Arrange both in open floor, away from walls.
    Object.assign(game.world.players.get(a.sessionId)!, { x: 300, y: 600 });
    Object.assign(game.world.players.get(b.sessionId)!, { x: 1300, y: 600 });
    await untilState(b, () => me(b, a.sessionId).x === 300);
    stops.push(streamIntents(a, () => ({ dy: 1 })));
    await untilState(b, () => me(b, a.sessionId).y > 650);
    expect(me(b, a.sessionId).x).toBe(300);
    expect(me(b).x).toBe(1300);
    expect(me(b).y).toBe(600);
  });

  it("scores a hit: the victim loses HP, a kill scores for the shooter", async () => {
    const a = await join("alice");
    const b = await join("bob", a.roomId);
    const game = server.serverRoom<ArenaRoom>(a.roomId).game;
    Object.assign(game.world.players.get(a.sessionId)!, { x: 300, y: 600 });
    Object.assign(game.world.players.get(b.sessionId)!, { x: 500, y: 600 });
    const hit = nextMessage<GameEvent>(b, Msg.Event);
    stops.push(streamIntents(a, () => ({ fire: true, aim: 0 })));
    expect(await hit).toEqual({ type: "hit", shooter: a.sessionId, victim: b.sessionId, damage: PROJECTILE_DAMAGE });
    await untilState(b, () => me(b).hp < MAX_HP || !me(b).alive);
    await untilState(a, () => me(a).score === 1);
    expect(me(a, b.sessionId).deaths).toBe(1);
    expect(me(a).hp).toBe(MAX_HP);
  });

  it("sends a hit to its shooter and victim only, and the kill to everyone", async () => {
    const a = await join("alice");
    const b = await join("bob", a.roomId);
    const c = await join("carol", a.roomId);
    const game = server.serverRoom<ArenaRoom>(a.roomId).game;
    Object.assign(game.world.players.get(a.sessionId)!, { x: 300, y: 600 });
    Object.assign(game.world.players.get(b.sessionId)!, { x: 500, y: 600 });
    Object.assign(game.world.players.get(c.sessionId)!, { x: 1300, y: 300 });
    const seen = (room: Room) => {
      const events: GameEvent[] = [];
      room.onMessage(Msg.Event, (e: GameEvent) => events.push(e));
      return events;
    };
    const [atShooter, atVictim, atBystander] = [seen(a), seen(b), seen(c)];
    const kill = nextMessage<GameEvent>(c, Msg.Event);
    stops.push(streamIntents(a, () => ({ fire: true, aim: 0 })));
    // Frames arrive in order: had the bystander been sent the hits, they would be in before the kill.
    expect(await kill).toEqual({ type: "kill", killer: a.sessionId, victim: b.sessionId });
    const hits = (events: GameEvent[]) => events.filter((e) => e.type === "hit").length;
    expect(hits(atBystander)).toBe(0);
    await untilState(b, () => hits(atVictim) >= MAX_HP / PROJECTILE_DAMAGE && hits(atShooter) >= MAX_HP / PROJECTILE_DAMAGE);
    expect(atVictim.some((e) => e.type === "kill")).toBe(true);
  });

  it("enforces the fire rate however fast a client sends fire", async () => {
    const a = await join("alice");
    const room = server.serverRoom<ArenaRoom>(a.roomId);
    Object.assign(room.game.world.players.get(a.sessionId)!, { x: 300, y: 600 });
    const before = room.game.world.nextProjectileId;
    const ticks0 = room.game.world.tick;
    stops.push(streamIntents(a, () => ({ fire: true, aim: Math.PI / 2 })));
    await untilState(a, () => a.state.tick - ticks0 > 120);
    stops.pop()!();
    const shots = room.game.world.nextProjectileId - before;
    const elapsed = room.game.world.tick - ticks0;
    expect(shots).toBeGreaterThan(0);
    expect(shots).toBeLessThanOrEqual(Math.ceil(elapsed / FIRE_COOLDOWN_TICKS) + 1);
  });
});

describe("hostile input", () => {
  it("refuses a join with a bad name or another protocol version, with a named code", async () => {
    const sdk = server.client();
    await expect(sdk.create("arena", { name: "<script>", protocol: PROTOCOL_VERSION })).rejects.toMatchObject({ code: JoinError.InvalidOptions });
    await expect(sdk.create("arena", { name: "ok", protocol: 999 })).rejects.toMatchObject({ code: JoinError.InvalidOptions });
    await expect(sdk.create("arena", { name: "x".repeat(17), protocol: PROTOCOL_VERSION })).rejects.toMatchObject({ code: JoinError.InvalidOptions });
  });

  it("drops an out-of-range intent, says why, and does not move the player", async () => {
    const a = await join("alice");
    const b = await join("bob", a.roomId);
    const room = server.serverRoom<ArenaRoom>(a.roomId);
    Object.assign(room.game.world.players.get(a.sessionId)!, { x: 300, y: 600 });
    await untilState(b, () => me(b, a.sessionId).x === 300);
    const rejected = nextMessage<RejectedMessage>(a, Msg.Rejected);
    const input = a.input();
    input.data.dx = 100;
    input.send();
    expect(await rejected).toMatchObject({ reason: RejectReason.BadIntent });
    const tick = b.state.tick;
    await untilState(b, () => b.state.tick > tick + 10);
    expect(me(b, a.sessionId).x).toBe(300);
    expect(room.guard.stats.rejected).toBeGreaterThan(0);
  });

  it("refuses unknown and malformed messages without harming anyone, and kicks a persistent offender", async () => {
    const a = await join("alice");
    const b = await join("bob", a.roomId);
    const first = nextMessage<RejectedMessage>(a, Msg.Rejected);
    a.send("teleport", { x: 0, y: 0 });
    expect(await first).toMatchObject({ reason: RejectReason.UnknownType });
    const second = nextMessage<RejectedMessage>(a, Msg.Rejected);
    a.send(Msg.Pong, "not an object");
    expect(await second).toMatchObject({ reason: RejectReason.Malformed });

    const closed = new Promise<number>((resolve) => a.onLeave((code: number) => resolve(code)));
    for (let i = 0; i < 5; i++) a.send("teleport", { i });
    expect(await closed).toBe(4400);

    // The room is intact and bob still plays.
    const room = server.serverRoom<ArenaRoom>(b.roomId);
    await untilState(b, () => b.state.players.size === 1);
    expect(room.clients.length).toBe(1);
    expect(me(b).hp).toBe(MAX_HP);
  });

  it("survives an oversized frame: the sender is cut off, the room keeps running", async () => {
    const a = await join("alice");
    const b = await join("bob", a.roomId);
    a.reconnection.enabled = false;
    const closed = new Promise<number>((resolve) => a.onLeave((code: number) => resolve(code)));
    a.send(Msg.Pong, { id: 1, pad: "x".repeat(64 * 1024) });
    expect(await closed).toBe(CloseCode.MessageTooBig);
    // The kit sees the WebSocket library's refusal (FrameGuard), so the seat is freed, not held.
    await untilState(b, () => b.state.players.size === 1);
    const tick = b.state.tick;
    await untilState(b, () => b.state.tick > tick + 5);
  });

  it("closes a flooding client (MAX_MESSAGES_PER_SECOND) with a reason and keeps the room up", async () => {
    const a = await join("alice");
    const b = await join("bob", a.roomId);
    a.reconnection.enabled = false;
    const closed = new Promise<number>((resolve) => a.onLeave((code: number) => resolve(code)));
    for (let i = 0; i < 400; i++) a.send(Msg.Pong, { id: i });
    expect(await closed).toBe(CloseCode.RateLimited);
    await untilState(b, () => b.state.players.size === 1);
    const tick = b.state.tick;
    await untilState(b, () => b.state.tick > tick + 5);
  });
});
