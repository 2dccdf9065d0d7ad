import type { Room } from "@colyseus/sdk";
import { INPUT_BATCH, INPUT_INTERVAL_MS } from "../../shared/constants.ts";
import { IntentInput } from "../../shared/arena/input.ts";

/**
 * The arena's intent channel, INPUT_BATCH intents to a WebSocket frame.
 *
 * Colyseus's "unreliable" input mode packs the last `historySize` intents into every frame,
 * each with its own sequence number, and the server applies each number once. A WebSocket has
 * no unreliable channel, so the SDK sends those frames on the ordered one, where the repeats
 * are waste. With `historySize` = INPUT_BATCH and only every INPUT_BATCH-th frame transmitted,
 * every intent travels exactly once, in a frame with the ones before it: batching, on
 * Colyseus's own wire format, seq-acked as before. The server takes both modes.
 *
 * The handle is used as any `room.input()` handle (and by `predict.reconciler`): one `send()`
 * per input tick. An intent held back waits for at most INPUT_BATCH - 1 more ticks.
 */
export function openIntentInput(room: Room) {
  if (INPUT_BATCH <= 1) return room.input({ type: IntentInput, mode: "reliable" });
  const handle = room.input({ type: IntentInput, mode: "unreliable", historySize: INPUT_BATCH });
  batchFrames(room.connection, INPUT_BATCH);
  return handle;
}

interface FrameSink {
  readonly isOpen: boolean;
  send(data: Uint8Array): void;
  sendUnreliable(data: Uint8Array): void;
}

/** How long a held-back frame waits for the next intent before it goes out alone (the sender stopped). */
const HOLD_LIMIT_MS = INPUT_INTERVAL_MS * 1.5;

/**
 * Transmit every `batch`-th input frame: each carries the intents held back before it. When no
 * next intent comes (the player left the page, a test stopped driving), the held frame is sent
 * by itself after HOLD_LIMIT_MS; the server ignores the repeat of its intents in the next frame.
 */
export function batchFrames(connection: FrameSink, batch: number): void {
  let count = 0;
  let held: Uint8Array | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const transmit = (data: Uint8Array) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    held = undefined;
    count = 0;
    if (connection.isOpen) connection.send(data);
  };
  connection.sendUnreliable = (data) => {
    if (++count >= batch) return transmit(data);
    held = data.slice(); // the SDK reuses its buffer for the next frame
    timer ??= setTimeout(() => {
      timer = undefined;
      if (held) transmit(held);
    }, HOLD_LIMIT_MS);
  };
}
