import { ErrorCode, type Room } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { CloseCode, JoinError, Msg, type RoomInfoMessage } from "../../shared/protocol.ts";
import { joinOptions, nextMessage, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer;
const open: Room[] = [];
const track = <R extends Room>(r: R): R => {
  open.push(r);
  return r;
};

beforeAll(async () => {
  server = await startTestServer({ RECONNECT_SECONDS: "2" });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => (r.connection.isOpen ? r.leave().catch(() => undefined) : undefined)));
});
afterAll(async () => {
  await server.stop();
});

interface Listing {
  roomId: string;
  clients: number;
  maxClients: number;
  metadata: { mode: string; players: number; maxPlayers: number; map?: string };
}

/** A lobby client that keeps the live room list, with a promise for the next change. */
async function watchLobby() {
  const lobby = track(await server.client().joinOrCreate("lobby", joinOptions("watcher")));
  let rooms: Listing[] = [];
  let changed: () => void = () => undefined;
  const next = () => new Promise<void>((r) => (changed = r));
  lobby.onMessage("rooms", (list: Listing[]) => ((rooms = list), changed()));
  lobby.onMessage("+", ([id, room]: [string, Listing]) => {
    rooms = [...rooms.filter((r) => r.roomId !== id), room];
    changed();
  });
  lobby.onMessage("-", (id: string) => ((rooms = rooms.filter((r) => r.roomId !== id)), changed()));
  const until = async (check: (list: Listing[]) => boolean) => {
    for (let i = 0; i < 100 && !check(rooms); i++) await next();
    return rooms;
  };
  return { lobby, until, get rooms() { return rooms; } };
}

async function lookup(code: string): Promise<{ status: number; body: { roomId?: string; error?: string } }> {
  const res = await fetch(`${server.url}/api/rooms/code/${code}`);
  return { status: res.status, body: (await res.json()) as { roomId?: string; error?: string } };
}

describe("quick play", () => {
  it("packs 40 simultaneous quick plays into rooms of 16, 16 and 8", async () => {
    const joins = Array.from({ length: 40 }, (_, i) => server.client().joinOrCreate<ArenaState>("arena", joinOptions(`p${i}`)));
    const rooms = (await Promise.all(joins)).map(track);
    const sizes = new Map<string, number>();
    for (const r of rooms) sizes.set(r.roomId, (sizes.get(r.roomId) ?? 0) + 1);
    expect([...sizes.values()].sort((a, b) => b - a)).toEqual([16, 16, 8]);
  });

  it("joins the fullest room that still has a seat", async () => {
    const big = track(await server.client().create<ArenaState>("arena", joinOptions("a")));
    track(await server.client().joinById(big.roomId, joinOptions("b")));
    track(await server.client().create<ArenaState>("arena", joinOptions("c")));
    const joined = track(await server.client().joinOrCreate<ArenaState>("arena", joinOptions("d")));
    expect(joined.roomId).toBe(big.roomId);
  });
});

describe("private rooms", () => {
  it("get a readable code, stay out of the lobby and quick play, and can be joined by code", async () => {
    const watcher = await watchLobby();
    const info = new Promise<RoomInfoMessage>((resolve) => {
      void server
        .client()
        .create<ArenaState>("arena", { ...joinOptions("owner"), private: true })
        .then((room) => {
          track(room);
          room.onMessage(Msg.RoomInfo, resolve);
        });
    });
    const { code, ownerId } = await info;
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2345679]{5}$/);
    expect(ownerId).not.toBe("");

    const found = await lookup(code.toLowerCase());
    expect(found.status).toBe(200);
    const guest = track(await server.client().joinById<ArenaState>(found.body.roomId!, joinOptions("guest")));
    expect(guest.roomId).toBe(found.body.roomId);

    const quick = track(await server.client().joinOrCreate<ArenaState>("arena", joinOptions("stranger")));
    expect(quick.roomId).not.toBe(found.body.roomId);
    const list = await watcher.until((l) => l.some((r) => r.roomId === quick.roomId));
    expect(list.map((r) => r.roomId)).not.toContain(found.body.roomId);
  });

  it("answers an unknown code with a clear error", async () => {
    const res = await lookup("ZZZZZ");
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/no open room has that code/);
    expect((await lookup("not-a-code")).status).toBe(404);
  });

  it("lets the owner kick a player, who is told why", async () => {
    const owner = track(await server.client().create<ArenaState>("arena", { ...joinOptions("owner"), private: true }));
    const guest = track(await server.client().joinById<ArenaState>(owner.roomId, joinOptions("guest")));
    await untilState(owner, () => owner.state.players?.size === 2);
    const closed = new Promise<[number, string | undefined]>((resolve) => guest.onLeave((code: number, reason?: string) => resolve([code, reason])));
    // A non-owner cannot kick.
    const refused = nextMessage<{ reason: string }>(guest, Msg.Rejected);
    guest.send(Msg.Kick, { target: owner.sessionId });
    expect((await refused).reason).toBe("not_owner");

    owner.send(Msg.Kick, { target: guest.sessionId });
    const [code, reason] = await closed;
    expect(code).toBe(CloseCode.Kicked);
    expect(reason).toMatch(/removed from the room by its owner/);
    await untilState(owner, () => owner.state.players.size === 1);
  });
});

describe("lobby", () => {
  it("updates live as rooms are created, fill up and are disposed", async () => {
    const watcher = await watchLobby();
    const a = track(await server.client().create<ArenaState>("arena", { ...joinOptions("a"), maxPlayers: 2 }));
    let list = await watcher.until((l) => l.some((r) => r.roomId === a.roomId));
    expect(list.find((r) => r.roomId === a.roomId)!.metadata).toMatchObject({ mode: "Arena", maxPlayers: 2, map: "Foundry" });

    const b = track(await server.client().joinById<ArenaState>(a.roomId, joinOptions("b")));
    list = await watcher.until((l) => l.find((r) => r.roomId === a.roomId)?.clients === 2);
    expect(list.find((r) => r.roomId === a.roomId)!.clients).toBe(2);

    await a.leave();
    await b.leave();
    list = await watcher.until((l) => !l.some((r) => r.roomId === a.roomId));
    expect(list.map((r) => r.roomId)).not.toContain(a.roomId);
  });

  it("refuses a join to a full room with a named error", async () => {
    const a = track(await server.client().create<ArenaState>("arena", { ...joinOptions("a"), maxPlayers: 2 }));
    track(await server.client().joinById(a.roomId, joinOptions("b")));
    await expect(server.client().joinById(a.roomId, joinOptions("c"))).rejects.toMatchObject({ code: JoinError.RoomUnavailable });
  });
});

describe("reconnection", () => {
  async function pair() {
    const a = track(await server.client().create<ArenaState>("arena", joinOptions("alice")));
    const b = track(await server.client().joinById<ArenaState>(a.roomId, joinOptions("bob")));
    await untilState(b, () => b.state.players?.size === 2);
    a.reconnection.enabled = false; // the test reconnects by hand, as a reloaded page does
    return { a, b, room: server.serverRoom<ArenaRoom>(a.roomId) };
  }

  it("returns a dropped player to the same seat with name, score and HP", async () => {
    const { a, b, room } = await pair();
    Object.assign(room.game.world.players.get(a.sessionId)!, { score: 3, hp: 50 });
    await untilState(b, () => b.state.players.get(a.sessionId)!.score === 3);

    const token = a.reconnectionToken;
    a.connection.close(); // the socket drops without a goodbye
    await untilState(b, () => b.state.players.get(a.sessionId)?.connected === false);

    const back = track(await server.client().reconnect<ArenaState>(token));
    expect(back.sessionId).toBe(a.sessionId);
    await untilState(b, () => b.state.players.get(a.sessionId)?.connected === true);
    expect(b.state.players.get(a.sessionId)).toMatchObject({ name: "alice", score: 3, hp: 50 });
  });

  it("frees the seat after the timeout and refuses a late reconnect", async () => {
    const { a, b } = await pair();
    const token = a.reconnectionToken;
    a.connection.close();
    await untilState(b, () => !b.state.players.has(a.sessionId), 400);
    await expect(server.client().reconnect(token)).rejects.toMatchObject({ code: ErrorCode.MATCHMAKE_EXPIRED, message: "reconnection token invalid or expired." });
    expect(b.state.players.size).toBe(1);
  });

  it("frees the seat at once when a player leaves on purpose", async () => {
    const { a, b } = await pair();
    await a.leave();
    // Well inside the 2 s reconnection window: the seat was not held.
    await untilState(b, () => !b.state.players.has(a.sessionId), 10);
    expect(b.state.players.size).toBe(1);
  });
});
