/**
 * One predicting arena player on a real server room, over the seeded simulated network
 * (simNetwork.ts) and on vitest's fake clock: nothing here waits on the wall clock, and the
 * same seed replays the same run. Import it dynamically, after `installSimWebSocket()` has
 * run in `vi.hoisted` (it checks).
 */
import { Client, type Room } from "@colyseus/sdk";
import { matchMaker } from "colyseus";
import { afterAll, beforeAll, vi } from "vitest";
import { ArenaClient } from "../../game/net/ArenaClient.ts";
import { createServer } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import type { PlayerSim } from "../../shared/arena/world.ts";
import { testDataDir } from "./testServer.ts";
import { SimWebSocket, startSimNetwork, stopSimNetwork, type LinkModel } from "./simNetwork.ts";
import { joinOptions } from "./testServer.ts";

if ((globalThis as { WebSocket?: unknown }).WebSocket !== SimWebSocket) {
  throw new Error("simArena.ts: call installSimWebSocket() in vi.hoisted before anything loads @colyseus/sdk");
}

/** Simulated time in which every sync point must be reached, so a broken feature fails rather than hangs. */
const SYNC_LIMIT_MS = 10_000;
/** The fake clock's start: any fixed instant, so Date-based ids repeat from run to run. */
const EPOCH_MS = 1_800_000_000_000;

export type SimServer = ReturnType<typeof createServer>;

/** The real server, built as `npm start` builds it; its rooms run on whichever clock is installed when they are created. */
export async function startSimServer(): Promise<{ server: SimServer; stop(): Promise<void> }> {
  const data = testDataDir();
  const server = createServer(loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: data.dir }));
  await server.listen(0, "127.0.0.1");
  return {
    server,
    async stop() {
      await matchMaker.disconnectAll();
      await server.gracefullyShutdown(false);
      data.remove();
    },
  };
}

/** One real server for the test file: started before its tests, stopped after them. */
export function simServerForFile(): () => SimServer {
  let sim: Awaited<ReturnType<typeof startSimServer>> | undefined;
  beforeAll(async () => {
    sim = await startSimServer();
  });
  afterAll(async () => {
    await sim?.stop();
  });
  return () => sim!.server;
}

/** Advance the simulated clock in small steps until `check()` holds. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let t = 0; t < SYNC_LIMIT_MS && !check(); t += 5) await vi.advanceTimersByTimeAsync(5);
  if (!check()) throw new Error(`${what}: not reached within ${SYNC_LIMIT_MS} simulated ms`);
}

/** Await a promise whose settling needs simulated time to pass. */
async function settle<T>(p: Promise<T>, what: string): Promise<T> {
  let result: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  p.then(
    (value) => (result = { ok: true, value }),
    (error: unknown) => (result = { ok: false, error }),
  );
  await until(() => result !== undefined, what);
  if (!result!.ok) throw result!.error;
  return result!.value;
}

export interface SimPlayer {
  room: Room<ArenaState>;
  client: ArenaClient;
  /** The server's own record of this player: the truth. */
  truth(): PlayerSim;
  /** Leave, let the room go, and put the real clock back. */
  close(): Promise<void>;
}

/**
 * Install the fake clock, join a new arena room over links of `model` (jitter drawn from
 * `seed`), and place the player on open floor at (300, 600).
 */
export async function joinSimPlayer(server: SimServer, seed: number, model: LinkModel): Promise<SimPlayer> {
  vi.useFakeTimers({ now: EPOCH_MS, toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date", "performance"] });
  startSimNetwork(server.transport as never, seed, model);
  let room: Room<ArenaState> | undefined;
  const close = async () => {
    room?.connection.close();
    await vi.advanceTimersByTimeAsync(1_000);
    await matchMaker.disconnectAll();
    stopSimNetwork();
    vi.useRealTimers();
  };
  try {
    const seat = await settle(matchMaker.create("arena", joinOptions("predictor")), "room created");
    const joined = await settle(new Client("http://sim.invalid").consumeSeatReservation<ArenaState>(seat), "joined");
    room = joined;
    const srv = matchMaker.getLocalRoomById(joined.roomId) as unknown as ArenaRoom;
    const truth = () => srv.game.world.players.get(joined.sessionId)!;
    await until(() => joined.state.players?.get(joined.sessionId) !== undefined, "first state");
    Object.assign(truth(), { x: 300, y: 600 });
    await until(() => joined.state.players.get(joined.sessionId)!.x === 300, "placed");
    return { room: joined, client: new ArenaClient(joined), truth, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Wait until the server has acked every intent the client sent. */
export async function untilAcked(room: Room): Promise<void> {
  const input = room.input();
  await until(() => input.sentCount > 0 && input.pendingCount === 0, "every intent acked");
}
