/**
 * `npm run bench:views`: what per-client views cost inside one process, without sockets,
 * so foreign load on a shared machine barely moves it (it times CPU, not the wall clock).
 * One standard room (16 moving, firing players, 200 drones) runs its real match code
 * (ArenaMatch: simulation, syncState, interest) and is encoded the way Colyseus's
 * SchemaSerializer does at every patch:
 *   - views:    the shared pass once, then `encodeView` per client (interest management on);
 *   - no views: the same state with every client on the shared pass (what the room sent before).
 * Prints the CPU time per patch for each part, and per client per second at 20 Hz patches.
 *
 *   npm run bench:views [-- --patches 4000]
 */
import { Encoder, schema, StateView, t } from "@colyseus/schema";
import { FOUNDRY } from "../shared/arena/maps.ts";
import { arenaSharedFields, ArenaState, DroneState, ProjectileState } from "../shared/arena/schema.ts";
import type { Intent } from "../shared/arena/world.ts";
import { DEFAULT_MAX_PLAYERS } from "../shared/arena/tuning.ts";
import { FIXED_DT, INPUT_RATE, PATCH_RATE, SUBSTEPS, ticksFromSeconds } from "../shared/constants.ts";
import { NO_RECORDING } from "../shared/replay/rules.ts";
import { createRng } from "../shared/rng.ts";
import type { RoomServices } from "../server/kit/RoomType.ts";
import { ArenaMatch } from "../server/rooms/arena/ArenaMatch.ts";
import { parseCommandLine, usageError } from "../scripts/cli.ts";

const tool = {
  usage: "npm run bench:views -- [options]",
  summary: "CPU time per patch of one standard room encoded with per-client views and without, in one process (no sockets).",
  options: { patches: { type: "string", default: "4000", help: "how many patches to encode, a whole number from 1" } },
} as const;
const { values: a } = parseCommandLine(tool);
const PATCHES = Number(a.patches);
if (!Number.isInteger(PATCHES) || PATCHES < 1) usageError(tool, `--patches must be a whole number from 1, got "${a.patches}"`);
// Imported after the arguments are read: the module loads the Colyseus server, which prints
// its environment notes, and `--help` or a bad option should print nothing but the usage.
const { DRONES_PER_ROOM } = await import("./rooms/PlainRoom.ts");

/** ArenaState as it was before interest management: the same fields, none per client. */
const SharedArenaState = schema({ ...arenaSharedFields(), projectiles: t.map(ProjectileState), drones: t.array(DroneState) }, "SharedArenaState");

interface Room {
  match: ArenaMatch;
  encoder: Encoder;
  views: Map<string, StateView>;
  ids: string[];
}

/** One room with its real match code; `views` decides whether clients get a StateView each. */
function room(views: boolean): Room {
  const state: ArenaState = views ? new ArenaState() : new SharedArenaState();
  const encoder = new Encoder(state);
  const viewOf = new Map<string, StateView>();
  const services: RoomServices = {
    roomId: "bench",
    seed: 1,
    rng: createRng(1),
    record: NO_RECORDING,
    now: () => 0,
    broadcast: () => undefined,
    send: () => undefined,
    later: () => ({ clear: () => undefined }),
    pingOf: () => 0,
    announce: () => undefined,
    setListing: () => undefined,
    viewOf: (id) => viewOf.get(id),
    accountOf: () => undefined,
    recordMatch: () => undefined,
  };
  const match = new ArenaMatch(services, state, {
    map: FOUNDRY,
    timing: { roundTicks: ticksFromSeconds(3600), intermissionTicks: ticksFromSeconds(8) },
    drones: DRONES_PER_ROOM,
    minPlayers: 0,
  });
  const ids = Array.from({ length: DEFAULT_MAX_PLAYERS }, (_, i) => `p${i}`);
  for (const id of ids) {
    if (views) viewOf.set(id, new StateView());
    match.join({ id, name: id, role: "player" });
  }
  encoder.discardChanges();
  return { match, encoder, views: viewOf, ids };
}

/** Every player wanders (a new direction now and then) and fires, as the bench's bots do. */
function intents(r: Room, rng: ReturnType<typeof createRng>, current: Map<string, Intent[]>): Map<string, Intent[]> {
  for (const id of r.ids) {
    const prev = current.get(id)?.[0];
    if (!prev || rng.next() < 0.05) {
      current.set(id, [{ dx: Math.round(rng.next() * 2 - 1), dy: Math.round(rng.next() * 2 - 1), aim: rng.next() * 2 * Math.PI, fire: true }]);
    }
  }
  return current;
}

/** CPU microseconds per patch: sync (match code) and encode (shared pass + per view). */
function measure(views: boolean): { syncUs: number; sharedUs: number; viewsUs: number; bytesPerClient: number } {
  const r = room(views);
  const rng = createRng(7);
  const inputs = new Map<string, Intent[]>();
  let sync = 0;
  let shared = 0;
  let perView = 0;
  let bytes = 0;
  const ticksPerPatch = INPUT_RATE / PATCH_RATE; // 1.5 loop calls of SUBSTEPS steps per patch
  let owed = 0;
  for (let p = 0; p < PATCHES; p++) {
    for (owed += ticksPerPatch; owed >= 1; owed--) r.match.step(intents(r, rng, inputs), FIXED_DT, SUBSTEPS);
    const t0 = process.cpuUsage();
    r.match.sync();
    const t1 = process.cpuUsage();
    const it = { offset: 1 };
    const body = r.encoder.encode(it);
    const t2 = process.cpuUsage();
    if (views) {
      const sharedOffset = it.offset;
      for (const v of r.views.values()) bytes += r.encoder.encodeView(v, sharedOffset, it).length;
    } else {
      bytes += body.length * r.ids.length;
    }
    const t3 = process.cpuUsage();
    r.encoder.discardChanges();
    sync += us(t0, t1);
    shared += us(t1, t2);
    perView += us(t2, t3);
  }
  return { syncUs: sync / PATCHES, sharedUs: shared / PATCHES, viewsUs: perView / PATCHES, bytesPerClient: (bytes / PATCHES / DEFAULT_MAX_PLAYERS) * PATCH_RATE };
}

const us = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => b.user - a.user + (b.system - a.system);

measure(true); // warm up the JIT on both paths before timing
measure(false);
const on = measure(true);
const off = measure(false);
const perClientPercent = (m: typeof on) => (((m.syncUs + m.sharedUs + m.viewsUs) * PATCH_RATE) / DEFAULT_MAX_PLAYERS / 1e6) * 100;
console.log(`${PATCHES} patches of one standard room (${DEFAULT_MAX_PLAYERS} players, ${DRONES_PER_ROOM} drones), CPU time per patch:\n`);
console.log("| mode | sync (match, interest) µs | shared encode µs | per-view encode µs (all clients) | total µs | % of a core per client | state bytes/client/s |");
console.log("|---|---|---|---|---|---|---|");
for (const [name, m] of [["views (interest on)", on], ["no views (everything to everyone)", off]] as const) {
  console.log(`| ${name} | ${m.syncUs.toFixed(1)} | ${m.sharedUs.toFixed(1)} | ${m.viewsUs.toFixed(1)} | ${(m.syncUs + m.sharedUs + m.viewsUs).toFixed(1)} | ${perClientPercent(m).toFixed(4)} | ${m.bytesPerClient.toFixed(0)} |`);
}
