import { Callbacks, type Room } from "@colyseus/sdk";
import { Predict, type Reconciler } from "@colyseus/sdk/predict";
import { FIXED_DT_MS, INTERPOLATION_DELAY_MS } from "../../shared/constants.ts";
import { openIntentInput } from "./intentInput.ts";
import { Phase } from "../../shared/arena/round.ts";
import { mapById, type ArenaMap } from "../../shared/arena/maps.ts";
import { Msg, type GameEvent } from "../../shared/protocol.ts";
import { answerPings, messagesOf } from "./messages.ts";
import type { ArenaState, PlayerState, ProjectileState } from "../../shared/arena/schema.ts";
import type { Intent } from "../../shared/arena/world.ts";
import { dronePosition } from "../../shared/arena/drones.ts";
import { NetStats } from "./NetStats.ts";
import { TickClock } from "./TickClock.ts";
import { LocalPredictor, type PredictedPose } from "./predictStep.ts";
import { InterpolationDelay } from "./InterpolationDelay.ts";
import { setLerpDelay } from "./predictDelay.ts";

/** A correction smaller than this (px) is wire noise, not a misprediction. */
const CORRECTION_EPSILON = 0.01;
/** A correction larger than this (px) is a respawn or teleport: snap instead of smoothing. */
const SNAP_DISTANCE = 96;

export interface Point {
  x: number;
  y: number;
}

/**
 * The client side of the arena connection, knowing nothing of Phaser.
 * - The local player is predicted with the shared step() and reconciled against each
 *   acked state by Colyseus's Reconciler (it replays unacked intents on the server state).
 * - Remote players and projectiles are interpolated by Colyseus Predict in lerp mode, drawn
 *   behind the server by a delay chosen from the measured patch jitter (InterpolationDelay.ts;
 *   it starts at INTERPOLATION_DELAY_MS, two patch intervals).
 * Scenes call frame() once per frame, then read positions.
 */
export class ArenaClient {
  readonly map: ArenaMap;
  readonly stats: NetStats;
  /** The local player is steered from this page (ArenaView). */
  readonly steers = true;
  private readonly predict: Predict<ArenaState>;
  private readonly input;
  private me: Reconciler<PredictedPose> | undefined;
  private readonly eventListeners: Array<(e: GameEvent) => void> = [];
  private readonly ticks = new TickClock();
  /** The remote players' interpolation delay, from patch jitter; what Predict was last given. */
  private readonly delay = new InterpolationDelay();
  private appliedDelay = INTERPOLATION_DELAY_MS;
  /** The newest patch's server stamp (clock.lastServerTime) and tick: the map from drawn time to tick. */
  private newestStamp = 0;
  private newestTick = 0;
  /** The server tick remote players are drawn at this frame, sent with each intent (lag compensation). */
  private seenTick = 0;

  constructor(readonly room: Room<ArenaState>) {
    this.map = mapById(room.state.mapId);
    // Predict must exist before the one Callbacks instance (see docs/architecture.md, "SDK caveats").
    this.predict = Predict.get(room, { mode: "lerp", delay: INTERPOLATION_DELAY_MS });
    this.predict.attachAll("players", { x: "lerp", y: "lerp" });
    this.predict.attachAll("projectiles", { x: "lerp", y: "lerp" });
    this.input = openIntentInput(room);
    this.stats = new NetStats(room);
    this.stats.interpolationMs = () => this.appliedDelay;

    const callbacks = Callbacks.get(room);
    callbacks.onAdd("players", (player, id) => {
      if (id === room.sessionId && !this.me) this.me = this.reconcile(player);
    });
    answerPings(room, (r) => this.stats.serverReport(r));
    messagesOf(room).on(Msg.Event, (e) => this.eventListeners.forEach((l) => l(e)));
    room.onStateChange((state) => {
      this.ticks.observe(state.tick);
      this.newestStamp = room.clock.lastServerTime();
      this.newestTick = state.tick;
      // The server stamps each patch with its tick: lateness against it is the patch jitter.
      this.delay.observe(state.tick * FIXED_DT_MS, performance.now());
    });
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  get state(): ArenaState {
    return this.room.state;
  }

  onEvent(listener: (e: GameEvent) => void): void {
    this.eventListeners.push(listener);
  }

  /**
   * Once per rendered frame: send one intent for every simulation tick that came due
   * since the last frame (each is predicted locally as it is sent). Returns how many were sent.
   */
  frame(now: number, intent: Intent): number {
    this.stats.wrapConnection();
    const due = this.predict.tick(now);
    this.adaptDelay();
    // After a stalled frame several ticks come due at once. Fire held since the last frame was
    // held through them all; fire pressed only now (a click, a tap) fires from the last of
    // them, or a stall of over a cooldown would turn one tap into two shots.
    const heldFire = intent.fire && this.fired;
    for (let i = 0; i < due; i++) {
      const d = this.input.data;
      d.dx = intent.dx;
      d.dy = intent.dy;
      d.aim = intent.aim;
      d.fire = intent.fire && (heldFire || i === due - 1);
      d.seen = this.seenTick;
      this.input.send();
    }
    if (due > 0) this.fired = intent.fire;
    return due;
  }

  /**
   * Give Predict the delay the jitter asks for, and count whether this frame's render time
   * passed the newest patch (Predict's own test: remote players are then held at it).
   */
  private adaptDelay(): void {
    const ms = this.delay.ms;
    if (ms !== this.appliedDelay) {
      setLerpDelay(this.predict, ms);
      this.appliedDelay = ms;
    }
    const clock = this.room.clock;
    const newest = clock.lastServerTime();
    const target = clock.serverNow() - ms - clock.smoothedRtt() / 2;
    this.stats.frame(newest > 0 && target >= newest);
    // The tick drawn: the newest patch's, moved by how far the render time is from its stamp.
    const drawn = newest > 0 && this.newestStamp > 0 ? this.newestTick + (target - this.newestStamp) / FIXED_DT_MS : this.ticks.estimate() - ms / FIXED_DT_MS;
    this.seenTick = Math.max(0, Math.min(this.newestTick, Math.round(drawn)));
  }

  /** The server tick remote players are drawn at (sent with every intent). */
  get seen(): number {
    return this.seenTick;
  }

  /** Whether the last frame that sent intents sent fire. */
  private fired = false;

  /** Where to draw a player: predicted for the local one, interpolated for the rest. */
  playerPosition(player: PlayerState, out: Point): Point {
    out.x = this.predict.value(player, "x");
    out.y = this.predict.value(player, "y");
    return out;
  }

  projectilePosition(p: ProjectileState, out: Point): Point {
    out.x = this.predict.value(p, "x");
    out.y = this.predict.value(p, "y");
    return out;
  }

  /** Where to draw each drone now: dead-reckoned from its last turn at the estimated server tick. */
  forEachDrone(draw: (x: number, y: number) => void): void {
    const tick = this.ticks.estimate();
    this.room.state.drones?.forEach((d) => {
      dronePosition(d, tick, this.droneAt);
      draw(this.droneAt.x, this.droneAt.y);
    });
  }
  private readonly droneAt: Point = { x: 0, y: 0 };

  /** The local player's predicted position, or undefined before it is known. */
  localPosition(): Point | undefined {
    const p = this.room.state.players?.get(this.room.sessionId);
    return p ? this.playerPosition(p, { x: 0, y: 0 }) : undefined;
  }

  /**
   * The exact predicted position of the local player (what the simulation says after
   * replaying unacked intents), without render smoothing. For logic and tests.
   */
  predictedPosition(): Point | undefined {
    // The reconciler adopts an ack only when polled (predict.tick, once a frame): read between
    // frames, the prediction could predate the last acks (found by the chaos test's long stalls).
    this.me?.tick(performance.now());
    return this.me ? { x: this.me.state.x, y: this.me.state.y } : undefined;
  }

  private reconcile(player: PlayerState): Reconciler<PredictedPose> {
    // The server moves nobody during the end-of-round scoreboard; predict the same.
    const local = new LocalPredictor(this.map, this.room.sessionId, () => player.alive && this.room.state.phase === Phase.Playing);
    const reconciler: Reconciler<PredictedPose> = this.predict.reconciler(player as unknown as PredictedPose, {
      input: this.input,
      fields: ["x", "y"],
      step: (ctx, pose, cmd) => local.apply(pose, cmd as unknown as Intent, ctx.subDt, ctx.subSteps),
      snap: SNAP_DISTANCE,
      // Setting a tolerance turns on the Reconciler's correction telemetry; Infinity never warns.
      warnOnDivergence: Number.POSITIVE_INFINITY,
      onReconcile: () => {
        if (reconciler.lastCorrectionMag > CORRECTION_EPSILON) this.stats.corrected(reconciler.lastCorrectionMag);
      },
    });
    return reconciler;
  }
}
