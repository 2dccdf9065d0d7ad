import type { Room } from "@colyseus/sdk";
import { INPUT_INTERVAL_MS } from "../../shared/constants.ts";
import { IntentInput } from "../../shared/arena/input.ts";
import type { Intent } from "../../shared/arena/world.ts";

/**
 * Sends one intent per input tick (INPUT_RATE a second) on the room's input channel, as the game client does,
 * until stopped. Returns a stop function.
 */
export function streamIntents(room: Room, next: () => Partial<Intent>): () => void {
  const input = room.input({ type: IntentInput, mode: "reliable" });
  const timer = setInterval(() => {
    Object.assign(input.data, { dx: 0, dy: 0, fire: false }, next());
    input.send();
  }, INPUT_INTERVAL_MS);
  return () => clearInterval(timer);
}
