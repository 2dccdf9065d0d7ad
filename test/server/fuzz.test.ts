/**
 * The fuzz test: offenders send thousands of hostile frames each while honest bots play in
 * the same room; afterwards the server is up, the bots got patches throughout, the world's
 * invariants hold and every offender was closed with a named code. Seeded: a failure
 * replays with the same FUZZ_SEED.
 */
import type { Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot } from "../../headless/bots/Bot.ts";
import { driveBots } from "../../headless/bots/driveBots.ts";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { IntentInput } from "../../shared/arena/input.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { MAX_HP } from "../../shared/arena/tuning.ts";
import { INPUT_RATE } from "../../shared/constants.ts";
import { CloseCode, Msg } from "../../shared/protocol.ts";
import { createRng, randomInt, type Rng } from "../../shared/rng.ts";
import { binaryJunk, dataFrame, deeplyNested, deeplyNestedFrame, hostileString, hostileValue, unknownType, wrongPayload } from "../helpers/hostile.ts";
import { joinOptions, leaveCode, nextPatch, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** Frames each offender sends (most are refused; the offender is closed part-way or at the end). */
const FRAMES = 3000;
/** Frames sent between two sync points (an honest bot's next patch). */
const CHUNK = 25;
const MAX_INVALID = 1000;
/** The server's default MAX_PAYLOAD_BYTES. */
const PAYLOAD_BYTES = 4096;
/**
 * Raised from the default so an offender gets thousands of frames in before its rate is the
 * issue (offenders pace themselves at CHUNK per patch, about 500 a second), yet low enough
 * that a flood trips it even when a loaded server decodes slowly.
 */
const RATE = 1000;
/** A flooder sends this many frames at a time between patches, until it is closed. */
const FLOOD_CHUNK = RATE * 2;
/** If an offender is never closed, fail naming it rather than hang to the test's timeout. */
const CLOSE_DEADLINE_MS = 60_000;
/** Generous: patches are nominally 50 ms apart (40 per interval); a loaded 2-core machine stalls, it does not stop. */
const INTERVAL_MS = 2000;

const NAMED_CLOSE_CODES: ReadonlySet<number> = new Set(Object.values(CloseCode));

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ MAX_INVALID_MESSAGES: String(MAX_INVALID), MAX_MESSAGES_PER_SECOND: String(RATE), RECONNECT_SECONDS: "30" });
});
afterAll(async () => {
  await server.stop();
});

type Offender = (room: Room, rng: Rng, pace: () => Promise<void>) => Promise<void>;

/** Send `FRAMES` frames made by `make`, `CHUNK` at a time, stopping early once the socket closes. */
async function sendAll(room: Room, pace: () => Promise<void>, make: (i: number) => void): Promise<void> {
  for (let i = 0; i < FRAMES && room.connection.isOpen; i++) {
    make(i);
    if (i % CHUNK === CHUNK - 1) await pace();
  }
}

/** Send FLOOD_CHUNK frames between patches until the server closes the socket (at most ten chunks). */
async function flood(room: Room, pace: () => Promise<void>, make: (i: number) => void): Promise<void> {
  for (let chunk = 0; chunk < 10 && room.connection.isOpen; chunk++) {
    for (let i = 0; i < FLOOD_CHUNK && room.connection.isOpen; i++) make(chunk * FLOOD_CHUNK + i);
    await pace();
  }
}

/** The close code, or a failure naming the offender if the server never closed it. */
function closedWithin(room: Room, name: string): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`offender ${name} was not closed within ${CLOSE_DEADLINE_MS} ms`)), CLOSE_DEADLINE_MS);
  });
  return Promise.race([leaveCode(room), deadline]).finally(() => clearTimeout(timer));
}

const OFFENDERS: Record<string, Offender> = {
  /** Known message types with payloads of the wrong type, NaN, Infinity, huge numbers. */
  wrongTypes: (room, rng, pace) =>
    sendAll(room, pace, () => room.connection.send(dataFrame([Msg.Pong, Msg.Kick, Msg.Chat, Msg.ChatSince, Msg.ChatMute][randomInt(rng, 5)]!, wrongPayload(rng)))),
  /** Types no room handles, string and numeric. */
  unknownTypes: (room, rng, pace) => sendAll(room, pace, () => room.connection.send(dataFrame(unknownType(rng), hostileValue(rng)))),
  /** Random bytes, and real frame codes followed by junk, straight onto the socket. */
  binaryJunk: (room, rng, pace) => sendAll(room, pace, () => room.connection.send(binaryJunk(rng))),
  /** Frames just under MAX_PAYLOAD_BYTES (well-formed pongs with a big pad), then one over it. */
  oversize: async (room, rng, pace) => {
    await sendAll(room, pace, (i) => room.connection.send(dataFrame(Msg.Pong, { id: i, pad: hostileString(rng).slice(0, 100).padEnd(3900, "p") })));
    if (room.connection.isOpen) room.connection.send(dataFrame(Msg.Pong, { id: 0, pad: "p".repeat(PAYLOAD_BYTES * 2) }));
  },
  /** Deep nesting and long strings, under the payload limit. */
  nestedAndLong: async (room, rng, pace) => {
    // Nesting no encoder would write, just under the frame limit, for the server's decoder.
    room.connection.send(deeplyNestedFrame(Msg.Chat, PAYLOAD_BYTES - 16));
    await sendAll(room, pace, (i) => {
      if (i % 2) room.connection.send(dataFrame(Msg.Chat, { text: deeplyNested(rng, 100 + randomInt(rng, 500)) }));
      else room.connection.send(dataFrame(Msg.Chat, { text: hostileString(rng).repeat(2) }));
    });
  },
  /**
   * The input channel: out-of-range intents, then real frames replayed and shuffled
   * (out-of-order and repeated sequence numbers), then a flood past the rate limit.
   */
  inputs: async (room, rng, pace) => {
    const captured: Uint8Array[] = [];
    const conn = room.connection;
    const send = conn.sendUnreliable.bind(conn);
    conn.sendUnreliable = (data: Uint8Array) => {
      captured.push(data.slice());
      send(data);
    };
    const reliable = room.input({ type: IntentInput, mode: "reliable" });
    const unreliable = room.input({ type: IntentInput, mode: "unreliable" });
    await sendAll(room, pace, (i) => {
      if (i < FRAMES / 3) {
        Object.assign(reliable.data, { dx: randomInt(rng, 256) - 128, dy: 100, aim: rng.next() * 1e6, fire: true });
        reliable.send();
      } else if (i < FRAMES / 2 || captured.length === 0) {
        Object.assign(unreliable.data, { dx: 1, dy: 1, aim: rng.next() * 7, fire: true });
        unreliable.send();
      } else {
        send(captured[randomInt(rng, captured.length)]!);
      }
    });
    await flood(room, pace, (i) => send(captured[i % captured.length]!));
  },
  /** A plain flood of valid, tiny frames. */
  flood: (room, _rng, pace) => flood(room, pace, (i) => room.send(Msg.Pong, { id: i })),
};

/** Every number in a player's simulation state is finite and in range. */
function checkWorld(room: ArenaRoom): void {
  const world = room.game.world;
  for (const p of world.players.values()) {
    for (const [k, v] of Object.entries(p)) if (typeof v === "number") expect(Number.isFinite(v), `${p.id}.${k} = ${v}`).toBe(true);
    expect(p.x).toBeGreaterThanOrEqual(0);
    expect(p.x).toBeLessThanOrEqual(world.map.width);
    expect(p.y).toBeGreaterThanOrEqual(0);
    expect(p.y).toBeLessThanOrEqual(world.map.height);
    expect(p.hp).toBeGreaterThanOrEqual(0);
    expect(p.hp).toBeLessThanOrEqual(MAX_HP);
    expect(p.score).toBeGreaterThanOrEqual(0);
    expect(p.score).toBeLessThanOrEqual(world.tick);
  }
  for (const pr of world.projectiles) {
    for (const v of [pr.x, pr.y, pr.vx, pr.vy]) expect(Number.isFinite(v)).toBe(true);
  }
}

describe(`fuzz (seed ${SEED})`, () => {
  it("keeps honest players playing while offenders send thousands of hostile frames each", async () => {
    const bots = [await Bot.join(server.client(), "honest-1")];
    const roomId = bots[0]!.room.roomId;
    for (const name of ["honest-2", "honest-3"]) bots.push(await Bot.join(server.client(), name, { roomId }));
    const patchTimes = bots.map(() => [] as number[]);
    bots.forEach((b, i) => b.room.onStateChange(() => patchTimes[i]!.push(performance.now())));
    const stop = driveBots(bots, INPUT_RATE);

    const rng = createRng(SEED);
    const names = Object.keys(OFFENDERS);
    const offenders = await Promise.all(names.map((n) => server.client().joinById<ArenaState>(roomId, joinOptions(n.slice(0, 16)))));
    const closes = offenders.map((room, i) => {
      room.reconnection.enabled = false;
      room.onMessage("*", () => undefined);
      return closedWithin(room, names[i]!);
    });
    const started = performance.now();
    await Promise.all(names.map((n, i) => OFFENDERS[n]!(offenders[i]!, createRng(SEED + i + randomInt(rng, 1000)), () => nextPatch(bots[0]!.room))));
    const codes = await Promise.all(closes);
    const ended = performance.now();
    stop();

    // Every offender was closed by the server with a named code.
    const byName = Object.fromEntries(names.map((n, i) => [n, codes[i]]));
    for (const [name, code] of Object.entries(byName)) expect(NAMED_CLOSE_CODES.has(code!), `${name} closed with ${code}`).toBe(true);
    // Some wrong payloads are also over MAX_PAYLOAD_BYTES; whichever limit trips first closes it.
    expect([CloseCode.TooManyInvalidMessages, CloseCode.MessageTooBig]).toContain(byName.wrongTypes);
    // Junk that is not msgpack: Colyseus's decoder closes at once (4002); other junk is counted (4400).
    expect([CloseCode.TooManyInvalidMessages, CloseCode.ValidationFailed]).toContain(byName.binaryJunk);
    // Nesting too deep for the decoder's stack is Colyseus's 4002; the rest are counted (4400).
    expect([CloseCode.TooManyInvalidMessages, CloseCode.ValidationFailed]).toContain(byName.nestedAndLong);
    expect(byName).toMatchObject({
      unknownTypes: CloseCode.TooManyInvalidMessages,
      oversize: CloseCode.MessageTooBig,
      inputs: CloseCode.RateLimited,
      flood: CloseCode.RateLimited,
    });

    // The honest bots kept receiving patches throughout, and still do.
    // Patches per interval: every interval of the attack brought each bot at least one.
    const intervals = Math.max(1, Math.floor((ended - started) / INTERVAL_MS));
    for (const times of patchTimes) {
      const perInterval = Array.from({ length: intervals }, (_, k) => times.filter((t) => t >= started + k * INTERVAL_MS && t < started + (k + 1) * INTERVAL_MS).length);
      expect(Math.min(...perInterval), `patches per ${INTERVAL_MS} ms: ${perInterval.join(",")}`).toBeGreaterThan(0);
      expect(perInterval.reduce((a, b) => a + b, 0)).toBeGreaterThan(intervals * 2);
    }
    for (const b of bots) await nextPatch(b.room);

    // The offenders' seats were freed (not held for a reconnect), and the world is sane.
    const room = server.serverRoom<ArenaRoom>(roomId);
    await untilState(bots[0]!.room, () => bots[0]!.room.state.players.size === bots.length);
    expect([...room.seats.keys()].sort()).toEqual(bots.map((b) => b.sessionId).sort());
    checkWorld(room);

    // The server is still up: a fresh client can join and play.
    const fresh = await Bot.join(server.client(), "fresh", { roomId });
    expect(fresh.room.state.players.size).toBe(bots.length + 1);
    checkWorld(room);
    await Promise.all([...bots, fresh].map((b) => b.leave()));
  }, 120_000);
});
