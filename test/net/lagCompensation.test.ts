/**
 * Lag compensation end to end, at a 150 ms round trip through the real network conditioner:
 * a shooter (a predicting ArenaClient behind the conditioner) fires once at a target walking
 * across its line, aimed where the shooter draws the target (leading it by its speed over the
 * flight, as a player would). The server counts the hit with compensation, and not without.
 */
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArenaClient, type Point } from "../../game/net/ArenaClient.ts";
import { startNetConditioner, type NetConditioner } from "../../server/dev/NetConditioner.ts";
import type { ArenaRoom } from "../../server/rooms/arena/arenaRoomType.ts";
import { IntentInput } from "../../shared/arena/input.ts";
import type { ArenaState } from "../../shared/arena/schema.ts";
import { lagCapTicks } from "../../shared/arena/lagCompensation.ts";
import { MAX_HP, PLAYER_RADIUS, PLAYER_SPEED, PROJECTILE_RADIUS, PROJECTILE_SPEED } from "../../shared/arena/tuning.ts";
import { INPUT_INTERVAL_MS } from "../../shared/constants.ts";
import { eventually, leaveAll, pause } from "../helpers/chaos.ts";
import { joinOptions, startTestServer, untilState, type TestServer } from "../helpers/testServer.ts";

const ONE_WAY_MS = 75;
const link = { latencyMs: ONE_WAY_MS, jitterMs: 0, loss: 0, lossBurst: 1, kbps: 0 };
/** Foundry's open ground between the west pillars and the centre block: the target walks down x 640. */
const SHOOTER = { x: 480, y: 560 };
const LANE_X = 640;
const START_Y = 240;
const CAP_MS = 1000;

let server: TestServer;
let net: NetConditioner;
const rooms: Room[] = [];
beforeAll(async () => {
  // A cap well past what this shooter needs (its round trip, its interpolation delay, the SDK's render
  // offset and, on a loaded test machine, event-loop stalls): the shot must be rewound by what it saw, not clamped.
  server = await startTestServer({ MAX_MESSAGES_PER_SECOND: "1000", LAG_COMPENSATION_MS: String(CAP_MS) });
  net = await startNetConditioner({ target: { port: server.port }, seed: 150, conditions: { up: link, down: link } });
});
afterAll(async () => {
  await leaveAll(rooms);
  await net.close();
  await server.stop();
});

/** One scripted shot; `compensate` false turns the room's cap to 0. Returns the target's HP after it, and the rewind used. */
async function scriptedShot(compensate: boolean): Promise<{ hp: number; rewind: number }> {
  const shooterRoom = await new Client(net.url).create<ArenaState>("arena", joinOptions("shooter"));
  rooms.push(shooterRoom);
  await untilState(shooterRoom, () => shooterRoom.state.players?.get(shooterRoom.sessionId) !== undefined);
  const srv = server.serverRoom<ArenaRoom>(shooterRoom.roomId);
  const targetRoom = await server.client().joinById<ArenaState>(shooterRoom.roomId, joinOptions("target"));
  rooms.push(targetRoom);
  const world = srv.game.world;
  if (!compensate) world.lagCapTicks = 0;
  await eventually(() => world.players.has(targetRoom.sessionId), "the target is in the world");
  const shooterSim = world.players.get(shooterRoom.sessionId)!;
  const targetSim = world.players.get(targetRoom.sessionId)!;
  Object.assign(shooterSim, { x: SHOOTER.x, y: SHOOTER.y });
  Object.assign(targetSim, { x: LANE_X, y: START_Y });
  targetSim.trail.length = 0;

  const shooter = new ArenaClient(shooterRoom);
  const targetState = () => shooterRoom.state.players.get(targetRoom.sessionId);
  await untilState(shooterRoom, () => shooterRoom.state.players.get(shooterRoom.sessionId)!.x === SHOOTER.x && targetState()?.y === START_Y);

  // The target walks down its lane, an intent every input interval.
  const walk = targetRoom.input({ type: IntentInput, mode: "reliable" });
  const walking = setInterval(() => {
    Object.assign(walk.data, { dx: 0, dy: 1, aim: 0, fire: false });
    walk.send();
  }, INPUT_INTERVAL_MS);

  // The shooter draws frames; once the drawn target is about to cross its line, it fires once, leading it.
  const drawn: Point = { x: 0, y: 0 };
  let fired = false;
  let rewind = -1;
  const flightMs = ((LANE_X - SHOOTER.x - PLAYER_RADIUS - PROJECTILE_RADIUS) / PROJECTILE_SPEED) * 1000;
  const lead = (PLAYER_SPEED * flightMs) / 1000;
  const frames = setInterval(() => {
    const t = targetState();
    if (!t) return;
    shooter.playerPosition(t, drawn);
    const aim = Math.atan2(drawn.y + lead - SHOOTER.y, drawn.x - SHOOTER.x);
    const fire = !fired && drawn.y + lead >= SHOOTER.y;
    // Fired once an intent carrying it went out (a frame sends none when no input tick came due).
    const sent = shooter.frame(performance.now(), { dx: 0, dy: 0, aim, fire });
    if (fire && sent > 0) fired = shooter.seen > 0;
  }, 16);
  try {
    await eventually(() => fired, "the shooter fired");
    await eventually(() => world.projectiles.length > 0 || targetSim.hp < MAX_HP, "the shot reached the server");
    rewind = world.projectiles[0]?.rewind ?? rewind;
    await eventually(() => world.projectiles.length === 0, "the shot is spent");
    return { hp: targetSim.hp, rewind };
  } finally {
    clearInterval(frames);
    clearInterval(walking);
    shooter.stats.stop();
    await pause(0);
  }
}

describe("lag compensation at a 150 ms round trip", () => {
  it("counts a shot aimed at a moving target's drawn position, and misses it without compensation", async () => {
    const withIt = await scriptedShot(true);
    const without = await scriptedShot(false);
    if (process.env.SHOW_REWIND) console.log(`rewound ${withIt.rewind} ticks`);
    expect(withIt.hp, `rewound ${withIt.rewind} ticks`).toBeLessThan(MAX_HP);
    // Rewound by what the shooter saw: at least the round trip's worth of ticks, short of the cap.
    expect(withIt.rewind).toBeGreaterThanOrEqual(lagCapTicks(2 * ONE_WAY_MS));
    expect(withIt.rewind).toBeLessThan(lagCapTicks(CAP_MS));
    expect(without.hp).toBe(MAX_HP);
    expect(without.rewind).toBe(0);
  }, 60_000);
});
