import type { ArenaMap } from "../../shared/arena/maps.ts";
import type { ArenaState, PlayerState, ProjectileState } from "../../shared/arena/schema.ts";
import type { Intent } from "../../shared/arena/world.ts";
import type { GameEvent } from "../../shared/protocol.ts";
import type { Point } from "./ArenaClient.ts";

/**
 * What ArenaScene draws from: a live room (ArenaClient: predicted and interpolated) or a
 * replay (ArenaReplay: re-simulated from a tick log). The scene cannot tell them apart.
 */
export interface ArenaView {
  readonly map: ArenaMap;
  readonly state: ArenaState;
  /** The player drawn as "you" and followed by the camera ("" for none). */
  readonly sessionId: string;
  /** Whether this page steers that player (its aim line follows the pointer): a replay does not. */
  readonly steers: boolean;
  onEvent(listener: (e: GameEvent) => void): void;
  /** Once per rendered frame, with the local player's intent (a replay ignores it). */
  frame(now: number, intent: Intent): void;
  playerPosition(player: PlayerState, out: Point): Point;
  projectilePosition(p: ProjectileState, out: Point): Point;
  forEachDrone(draw: (x: number, y: number) => void): void;
  localPosition(): Point | undefined;
}
