/**
 * The floor: what the standard scenario's traffic alone costs, with no game at all.
 * Every client is sent one frame of a fixed size 20 times a second (the arena's patch rate,
 * sized like its measured patches) and its 30 Hz input messages are received and dropped.
 * No simulation (an empty step on the arena's loop), no state changes, no encoding: what is left is WebSocket framing, the
 * socket reads and writes, and Colyseus's message dispatch. Any room's CPU per client at
 * this traffic sits above it.
 */
import { getMessageBytes, Protocol, Room } from "colyseus";
import { schema, t, type SchemaType } from "@colyseus/schema";
import { INPUT_RATE, PATCH_INTERVAL_MS, SUBSTEPS } from "../../shared/constants.ts";
import { PLAIN_INPUT } from "./PlainRoom.ts";

export const FLOOR_ROOM = "floor";
/** Bytes per frame: the arena's measured download (~3.9 KB/s per client) over 20 patches a second. */
export const FLOOR_FRAME_BYTES = 195;
export const FLOOR_MESSAGE = "f";

const FloorState = schema({ tick: t.uint32().default(0) }, "FloorState");
type FloorState = SchemaType<typeof FloorState>;

export class FloorRoom extends Room<{ state: FloorState }> {
  override state = new FloorState();
  override maxClients = 16;
  /** A ROOM_DATA message "f" carrying a byte string: real clients dispatch it and ignore it. */
  private readonly frame = getMessageBytes.raw(Protocol.ROOM_DATA, FLOOR_MESSAGE, "x".repeat(FLOOR_FRAME_BYTES - 6));

  override onCreate(setup: { seats?: number } = {}): void {
    this.maxClients = setup.seats ?? 16;
    // Patches run as in the arena, but nothing in the state changes, so none is sent: the
    // frames below stand in for them.
    this.patchRate = PATCH_INTERVAL_MS;
    this.onMessage(PLAIN_INPUT, () => undefined);
    // An empty step on the arena's loop, so the bench counts this room, its clients and its ticks.
    this.setFixedTimestep(() => undefined, INPUT_RATE, { subSteps: SUBSTEPS });
    this.clock.setInterval(() => {
      for (const client of this.clients) client.raw(this.frame);
    }, PATCH_INTERVAL_MS);
  }
}
