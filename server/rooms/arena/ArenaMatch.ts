import { ArenaGame, type MatchEvent } from "../../../shared/arena/ArenaGame.ts";
import type { RoundTiming } from "../../../shared/arena/round.ts";
import type { ArenaMap } from "../../../shared/arena/maps.ts";
import { PlayerState, type ArenaState, type ProjectileState } from "../../../shared/arena/schema.ts";
import { syncState } from "../../../shared/arena/syncState.ts";
import type { Intent, ProjectileSim, World } from "../../../shared/arena/world.ts";
import type { Seat } from "../../../shared/kit/seats.ts";
import { Msg } from "../../../shared/protocol.ts";
import type { ArenaListing } from "../../../shared/arena/protocol.ts";
import type { RoomServices } from "../../kit/RoomType.ts";
import { FillBots } from "./FillBots.ts";
import { dronePosition } from "../../../shared/arena/drones.ts";
import { ArenaInterest } from "./ArenaInterest.ts";
import { RoundRatings } from "./RoundRatings.ts";

/**
 * Drones are re-bucketed for interest every this many patches (5 times a second): at 48 px/s
 * one drifts 10 px in that time, well inside the interest margin (shared/arena/interest.ts).
 */
export const DRONE_INTEREST_PATCHES = 4;

/** A round's scoreboard, best first (a replay's result). */
export type Standings = {
  round: number;
  scores: Array<{ name: string; score: number; deaths: number; bot: boolean }>;
};

/** One arena match: the shared rules (ArenaGame) bound to a room's state and services. */
export class ArenaMatch {
  readonly game: ArenaGame;
  /** Bots in empty seats (ARENA_MIN_PLAYERS); their intents reach step() through the kit. */
  readonly bots: FillBots;
  /** What each client's StateView holds: the drones and projectiles near it. */
  private readonly interest: ArenaInterest;
  /** Who played how much of each round, rated at its end (RoundRatings.ts). */
  private readonly ratings: RoundRatings;
  private readonly at = { x: 0, y: 0 };
  private patches = 0;
  /** The scoreboard as it stood at the last round's end, or as the last person left: the replay's result. */
  private standings: Standings | undefined;

  constructor(
    private readonly services: RoomServices,
    private readonly state: ArenaState,
    { map, timing, drones, minPlayers, lagCapTicks = 0 }: { map: ArenaMap; timing: RoundTiming; drones: number; minPlayers: number; lagCapTicks?: number },
  ) {
    this.game = new ArenaGame(map, services.seed, timing, drones, services.record, lagCapTicks);
    this.bots = new FillBots(this.game, state, minPlayers, services.seed);
    this.interest = new ArenaInterest(map);
    this.ratings = new RoundRatings(services);
    state.mapId = map.id;
    // The listing's `players` (from the kit) counts people; `bots` says how many bots play beside them.
    services.setListing({ map: map.name, bots: 0 } satisfies ArenaListing);
  }

  /** The simulation, for tests and tools that arrange or inspect a scene. */
  get world(): World {
    return this.game.world;
  }

  join(seat: Seat): void {
    // A spectator has no entity (docs/replays.md, "Live spectating"): the kit seats it, the game never sees it.
    if (seat.role !== "player") return;
    // A bot makes way first, so the room never holds more players than it has seats.
    this.fitBots(this.humans() + 1);
    const p = this.game.join(seat.id);
    this.state.players.set(seat.id, new PlayerState({ name: seat.name }));
    this.sync();
    const view = this.services.viewOf(seat.id);
    if (view) this.interest.addViewer(seat.id, view, p.x, p.y);
  }

  leave(seat: Seat): void {
    if (seat.role !== "player") return;
    if (this.humans() === 1) this.standings = this.scoreboard();
    this.interest.removeViewer(seat.id);
    this.game.leave(seat.id);
    this.state.players.delete(seat.id);
    this.fitBots(this.humans());
  }

  /** People in the room, connected or holding a seat while away. */
  private humans(): number {
    return this.state.players.size - this.bots.count;
  }

  private fitBots(humans: number): void {
    if (this.bots.fit(humans)) this.services.setListing({ bots: this.bots.count } satisfies Partial<ArenaListing>);
  }

  /** Away (connection dropped, seat held) or back: others see it on the scoreboard. */
  setConnected(seat: Seat, connected: boolean): void {
    const p = this.state.players.get(seat.id);
    if (p) p.connected = connected;
  }

  step(inputs: ReadonlyMap<string, readonly Intent[]>, subDt: number, subSteps: number): void {
    const playing = this.game.playing;
    const events = this.game.tick(inputs, subDt, subSteps);
    if (playing) this.ratings.played(this.game.world.players.keys(), subDt * subSteps * 1000);
    for (const e of events) {
      // Scores are final at the round's end and reset at the next start: rate the round now.
      if (e.type === "round_end") this.ratings.roundEnded(e.round, this.game.world.players.values());
      this.announce(e);
    }
  }

  sync(): void {
    this.interest.begin();
    syncState(this.game.world, this.game.round, this.state, this.placeProjectile);
    // Forget the projectiles syncState removed before any view could be given one.
    this.interest.sweep();
    this.state.players.forEach((p, id) => {
      p.ping = this.services.pingOf(id);
    });
    this.updateInterest();
  }

  /** Projectiles are re-bucketed as syncState copies them (transient: gone when no longer placed). */
  private readonly placeProjectile = (synced: ProjectileState, sim: ProjectileSim): void => this.interest.place(synced, sim.x, sim.y, true);

  /**
   * Move each client's view with its player, every patch (after syncState placed the
   * projectiles); the drones, which are slow, every DRONE_INTEREST_PATCHES patches.
   */
  private updateInterest(): void {
    const world = this.game.world;
    const interest = this.interest;
    for (const p of world.players.values()) interest.follow(p.id, p.x, p.y);
    if (this.patches++ % DRONE_INTEREST_PATCHES === 0) {
      for (let i = 0; i < world.drones.length; i++) {
        const drone = this.state.drones[i];
        if (!drone) continue;
        dronePosition(world.drones[i]!, world.tick, this.at);
        interest.place(drone, this.at.x, this.at.y);
      }
    }
  }

  private announce(e: MatchEvent): void {
    if (e.type === "respawn") return;
    // A hit concerns its two players (everyone else sees the HP in the state): sent to them only,
    // it costs two frames rather than one per client, and hits are the most frequent event.
    if (e.type === "hit") {
      this.services.send(e.shooter, Msg.Event, e);
      if (e.victim !== e.shooter) this.services.send(e.victim, Msg.Event, e);
      return;
    }
    this.services.broadcast(Msg.Event, e);
    // The kill feed and the round's start and end, as system lines in chat.
    if (e.type === "kill") this.services.announce(`${this.nameOf(e.killer)} eliminated ${this.nameOf(e.victim)}`);
    if (e.type === "round_end") this.services.announce(`Round ${e.round} is over`);
    if (e.type === "round_end") this.standings = this.scoreboard();
    if (e.type === "round_start") this.services.announce(`Round ${e.round} begins`);
  }

  /** The replay list's result: the last standings taken, else the scoreboard now. */
  result(): Standings {
    return this.standings ?? this.scoreboard();
  }

  private scoreboard(): Standings {
    const scores: Standings["scores"] = [];
    this.state.players.forEach((p) => scores.push({ name: p.name, score: p.score, deaths: p.deaths, bot: p.bot }));
    return { round: this.game.round.round, scores: scores.sort((a, b) => b.score - a.score || a.deaths - b.deaths) };
  }

  private nameOf(id: string): string {
    return this.state.players.get(id)?.name ?? "someone";
  }
}
