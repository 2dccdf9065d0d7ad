/**
 * Floods and limits, each from the environment, on the real server: connections and
 * matchmaking requests per address, rooms per process, and payload sizes. Exceeding one
 * gives a named error, and the players already in are not disturbed.
 */
import { MatchMakeError, type Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";
import { minPayloadBytes } from "../../server/net/limits.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { CHAT_MAX_LENGTH, type ChatLine } from "../../shared/chat.ts";
import { JoinError, Msg, PROTOCOL_VERSION, RoomName } from "../../shared/protocol.ts";
import { matchmake, upgradeStatus } from "../helpers/rawHttp.ts";
import { joinOptions, nextPatch, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

let server: TestServer | undefined;
const open: Room[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => (r.connection.isOpen ? r.leave(true).catch(() => undefined) : undefined)));
  await server?.stop();
  server = undefined;
});

async function start(env: Record<string, string>): Promise<TestServer> {
  server = await startTestServer(env);
  return server;
}

async function join(s: TestServer, name: string, roomId?: string): Promise<Room<ArenaState>> {
  const room = roomId ? await s.client().joinById<ArenaState>(roomId, joinOptions(name)) : await s.client().joinOrCreate<ArenaState>(RoomName.Arena, joinOptions(name));
  open.push(room);
  return room;
}

describe("connections per address (MAX_CONNECTIONS_PER_IP)", () => {
  it("refuses the upgrade past the limit with 429, frees a slot when a socket closes, and others play on", async () => {
    const s = await start({ MAX_CONNECTIONS_PER_IP: "3" });
    const a = await join(s, "a");
    const b = await join(s, "b", a.roomId);
    const c = await join(s, "c", a.roomId);
    expect(await upgradeStatus(s.url)).toBe(JoinError.RateLimited);
    // The SDK reports a refused upgrade as a MatchMakeError with neither code nor message (the
    // menu shows "Could not join."); the 429 itself is the raw upgrade's status, checked above.
    await expect(join(s, "d", a.roomId)).rejects.toThrow(MatchMakeError);
    // The three already in still get patches.
    const tick = a.state.tick;
    await nextPatch(a);
    await nextPatch(b);
    expect(a.state.tick).toBeGreaterThan(tick);
    expect(a.state.players.size).toBe(3); // the refused fourth holds no seat
    await c.leave(true);
    open.splice(open.indexOf(c), 1);
    const d = await join(s, "d", a.roomId);
    await untilState(d, () => d.state.players?.size === 3);
  });
});

describe("matchmaking requests per address (MATCHMAKE_PER_IP_PER_MINUTE)", () => {
  it("allows a burst of half the minute's budget, then refuses with 429 and says when to retry", async () => {
    const s = await start({ MATCHMAKE_PER_IP_PER_MINUTE: "10" });
    const first = await join(s, "first");
    for (let i = 0; i < 4; i++) await join(s, `p${i}`, first.roomId);
    const refused = await matchmake(s.url, "joinOrCreate", RoomName.Arena);
    expect(refused.status).toBe(JoinError.RateLimited);
    expect(refused.body.error).toMatch(/too many matchmaking requests.*try again in \d+ s/);
    await expect(s.client().joinOrCreate(RoomName.Arena, joinOptions("late"))).rejects.toMatchObject({ code: JoinError.RateLimited });
    // A forged X-Forwarded-For is ignored unless TRUST_PROXY=1.
    expect((await matchmake(s.url, "joinOrCreate", RoomName.Arena, { "x-forwarded-for": "203.0.113.9" })).status).toBe(JoinError.RateLimited);
    // Those already in are untouched.
    await nextPatch(first);
    expect(first.state.players.size).toBe(5);
  });

  it("with TRUST_PROXY=2 counts each client the outer proxy saw on its own", async () => {
    const s = await start({ MATCHMAKE_PER_IP_PER_MINUTE: "2", TRUST_PROXY: "2" });
    const as = (ip: string) => matchmake(s.url, "create", RoomName.Arena, { "x-forwarded-for": `${ip}, 10.0.0.1` });
    expect((await as("198.51.100.1")).status).toBe(200);
    expect((await as("198.51.100.1")).status).toBe(JoinError.RateLimited);
    expect((await as("198.51.100.2")).status).toBe(200);
  });
});

describe("rooms per process (MAX_ROOMS)", () => {
  it("refuses a room past the limit with ServerFull, still seats players in existing rooms, and recovers", async () => {
    const s = await start({ MAX_ROOMS: "2" });
    const a = await s.client().create<ArenaState>(RoomName.Arena, joinOptions("a"));
    open.push(a);
    const b = await s.client().create<ArenaState>("connect4", joinOptions("b"));
    open.push(b);
    await expect(s.client().create(RoomName.Arena, joinOptions("c"))).rejects.toMatchObject({ code: JoinError.ServerFull, message: expect.stringMatching(/maximum of 2 rooms/) });
    const joined = await join(s, "d", a.roomId);
    expect(joined.roomId).toBe(a.roomId);
    const gone = new Promise((resolve) => b.onLeave.once(resolve));
    await b.leave(true);
    await gone;
    open.splice(open.indexOf(b), 1);
    // The room disposes once empty and gives its place back.
    let created: Room | undefined;
    for (let i = 0; i < 50 && !created; i++) {
      created = await s.client().create(RoomName.Arena, joinOptions("e")).catch(() => undefined);
      if (!created) await nextPatch(a);
    }
    expect(created).toBeDefined();
    open.push(created!);
  });
});

describe("payload sizes (MAX_PAYLOAD_BYTES)", () => {
  it("refuses matchmaking options over the limit with 413 before reading them", async () => {
    const s = await start({});
    const res = await matchmake(s.url, "joinOrCreate", RoomName.Arena, {}, { name: "big", protocol: PROTOCOL_VERSION, pad: "x".repeat(10_000) });
    expect(res.status).toBe(JoinError.PayloadTooLarge);
    expect(res.body.error).toMatch(/at most 4096 bytes/);
  });

  it("carries a chat message of the longest allowed length in 4-byte characters under the default limit", async () => {
    const s = await start({});
    const a = await join(s, "a");
    const text = "😀".repeat(CHAT_MAX_LENGTH);
    const echoed = new Promise<ChatLine>((resolve) => a.onMessage(Msg.Chat, (line: ChatLine) => line.text === text && resolve(line)));
    a.send(Msg.Chat, { text });
    expect((await echoed).text).toBe(text);
    expect(a.connection.isOpen).toBe(true);
  });

  it("refuses at start a MAX_PAYLOAD_BYTES too small for a full chat message", () => {
    expect(() => loadConfig({ MAX_PAYLOAD_BYTES: String(minPayloadBytes() - 1) })).toThrow(ConfigError);
    expect(() => loadConfig({ MAX_PAYLOAD_BYTES: String(minPayloadBytes() - 1) })).toThrow(/MAX_PAYLOAD_BYTES: must be at least \d+ so a chat message/);
    expect(loadConfig({ MAX_PAYLOAD_BYTES: String(minPayloadBytes()) }).MAX_PAYLOAD_BYTES).toBe(minPayloadBytes());
  });
});

