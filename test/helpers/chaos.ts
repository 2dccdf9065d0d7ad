/**
 * The seeded chaos harness (model: tldraw's sync fuzz and Yjs's random tests): real SDK clients
 * through the network conditioner (server/dev/NetConditioner.ts) while a seeded schedule keeps
 * changing the network under them: latency, jitter, loss stalls, process stalls, drops. A test
 * file gives its pinned seeds; each run adds fresh ones; a failure names its seed and the
 * command that repeats it.
 *
 *   SEED=123 npx vitest run test/net/arenaChaos.test.ts    # that seed alone
 *   CHAOS_SEEDS=20 npx vitest run test/net                 # 20 fresh seeds per file, besides the pinned
 *   CHAOS_STALL_MS=2000 ...                                # stalls up to two seconds (see MAX_STALL_MS)
 */
import type { Room } from "@colyseus/sdk";
import { startNetConditioner, type NetConditioner } from "../../server/dev/NetConditioner.ts";
import { NET_PRESETS, NET_PRESET_NAMES, type LinkConditions, type NetConditions } from "../../server/dev/netPresets.ts";
import { createRng, randomInt, type Rng } from "../../shared/rng.ts";
import type { TestServer } from "./testServer.ts";

/**
 * Longest stall the schedule draws: a second, more than the server's input buffer holds
 * (INPUT_BUFFER_CAP, 16 intents at 30 a second: 533 ms). Such stalls once left the prediction
 * tens of pixels off after every intent was acked (seed 3217029648, pinned in arenaChaos): the
 * reconciler adopts an ack only when polled, and the test read the prediction after the last
 * acks without a frame in between (game/net/ArenaClient.ts, predictedPosition). CHAOS_STALL_MS
 * sets another cap.
 */
const MAX_STALL_MS = process.env.CHAOS_STALL_MS ? Number(process.env.CHAOS_STALL_MS) : 1000;

/** Fresh seeds per file per run in `npm test`; CHAOS_SEEDS asks for more. */
const FRESH_DEFAULT = 1;

/** The seeds a file runs: SEED alone if set, else the pinned ones and fresh ones. */
export function chaosSeeds(pinned: readonly number[]): number[] {
  if (process.env.SEED) return [Number(process.env.SEED)];
  const fresh = process.env.CHAOS_SEEDS ? Number(process.env.CHAOS_SEEDS) : FRESH_DEFAULT;
  return [...pinned, ...Array.from({ length: fresh }, () => Math.floor(Math.random() * 2 ** 32))];
}

/** The command that repeats one seed of one file. */
export const rerunCommand = (seed: number, file: string): string => `SEED=${seed} npx vitest run ${file}`;

/** Wait `ms` of real time: the pace of the run, never something asserted on. */
export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll `check` (a state real I/O will bring about) for at most `tries` x 20 ms; throw naming `what` if it never holds. */
export async function eventually(check: () => boolean, what: string, tries = 750): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (check()) return;
    await pause(20);
  }
  if (!check()) throw new Error(`never happened: ${what}`);
}

/** A random link within what players meet: up to 120 ms one way, 60 ms jitter, 3 % loss. */
function randomLink(rng: Rng): LinkConditions {
  return { latencyMs: randomInt(rng, 121), jitterMs: randomInt(rng, 61), loss: rng.next() < 0.5 ? 0 : rng.next() * 0.03, lossBurst: 1 + rng.next() * 2, kbps: 0 };
}

/** A preset, or a random condition per direction (each direction set on its own). */
export function randomConditions(rng: Rng): NetConditions {
  if (rng.next() < 0.3) return NET_PRESETS[NET_PRESET_NAMES[randomInt(rng, NET_PRESET_NAMES.length)]!];
  return { up: randomLink(rng), down: randomLink(rng) };
}

export interface ChaosLog {
  /** What the schedule did, in order, for the failure message. */
  events: string[];
  drops: number;
}

/**
 * One step of the schedule: mostly nothing; sometimes new conditions, a stall of the server
 * (as its clients see it) or a drop of every WebSocket. Drops come back well within
 * RECONNECT_SECONDS (the SDK retries from 100 ms), so no seat may be lost to them.
 *
 * A drop may land in the middle of a reconnect: that once cost the seat, the server having
 * handed it a token the client never received (server/kit/SeatTokens.ts). A drop within a round
 * trip of a reconnect once did too (server/kit/KitRoom.ts, holdUnconfirmed).
 */
export function chaosStep(net: NetConditioner, rng: Rng, log: ChaosLog, step: number, _rooms: readonly Room[]): void {
  const roll = rng.next();
  if (roll < 0.12) {
    const c = randomConditions(rng);
    net.set(c);
    log.events.push(`${step}: up ${c.up.latencyMs}+${c.up.jitterMs}ms loss ${c.up.loss.toFixed(3)}, down ${c.down.latencyMs}+${c.down.jitterMs}ms loss ${c.down.loss.toFixed(3)}`);
  } else if (roll < 0.16) {
    const ms = 100 + randomInt(rng, MAX_STALL_MS - 100);
    net.stall(ms);
    log.events.push(`${step}: stall ${ms}ms`);
  } else if (roll < 0.19) {
    log.drops += net.dropWebSockets();
    log.events.push(`${step}: drop`);
  }
}

export interface ChaosRun {
  net: NetConditioner;
  rng: Rng;
  log: ChaosLog;
  /** "seed S (rerun: ...), schedule: ..." for an assertion message. */
  where(): string;
  close(): Promise<void>;
}

/** A conditioner in front of `server`, seeded from `seed`, starting on a clean network. */
export async function startChaos(server: TestServer, seed: number, file: string): Promise<ChaosRun> {
  const net = await startNetConditioner({ target: { port: server.port }, seed, conditions: NET_PRESETS.off });
  const log: ChaosLog = { events: [], drops: 0 };
  return {
    net,
    rng: createRng(seed ^ 0x5eed),
    log,
    where: () => `seed ${seed} (re-run: ${rerunCommand(seed, file)}); schedule: ${log.events.slice(-20).join("; ") || "none"}`,
    close: () => net.close(),
  };
}

/** Let the SDK reconnect a room of any age (it refuses to for the first 5 s by default). */
export function reconnectAlways(room: Room): void {
  room.reconnection.minUptime = 0;
}

/** Heal the network and wait until every room's connection is open again. */
export async function heal(run: ChaosRun, rooms: readonly Room[]): Promise<void> {
  run.net.set(NET_PRESETS.off);
  await eventually(() => rooms.every((r) => r.connection.isOpen), "every client reconnected after the network healed").catch((e: Error) => {
    const down = rooms.filter((r) => !r.connection.isOpen).map((r) => `${r.sessionId} (reconnecting: ${r.reconnection.isReconnecting}, attempts ${r.reconnection.retryCount})`);
    throw new Error(`${e.message}: ${down.join(", ")}; ${run.where()}`);
  });
}

/**
 * Leave every room, waiting at most a few seconds: a failed run must report its assertion,
 * not hang in its cleanup on a room whose leave is never answered.
 */
export async function leaveAll(rooms: readonly Room[]): Promise<void> {
  const leaves = rooms.map((r) => (r.connection.isOpen ? r.leave(true).catch(() => undefined) : undefined));
  await Promise.race([Promise.all(leaves), pause(3000)]);
}
