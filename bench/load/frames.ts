/**
 * Wire frames a load client sends, built once and reused, so a load client never encodes
 * anything per send. Each frame is valid on its own whatever was sent before it:
 * - arena: a ROOM_INPUT_RELIABLE frame whose body sets all four intent fields (with
 *   --input-batch 1; batched frames are built by IntentBatcher below). The SDK sends
 *   only changed fields, but the server applies absolute field values, so a full body
 *   is always correct (a few bytes longer than the SDK's typical delta).
 * - plain: a ROOM_DATA "input" message with a msgpack body, as `room.send()` would send it.
 */
import { encode, decode, type Iterator } from "@colyseus/schema";
import { InputEncoder } from "@colyseus/schema/input";
import { Protocol } from "@colyseus/sdk";
import { IntentInput } from "../../shared/arena/input.ts";
import type { Intent } from "../../shared/arena/world.ts";
import { Msg } from "../../shared/protocol.ts";
import { PLAIN_INPUT } from "../rooms/PlainRoom.ts";

export type RoomKind = "arena" | "plain";

/** Eight headings of movement, each with the gun pointing along it, held and not. */
export function scriptedIntents(): Intent[] {
  const out: Intent[] = [];
  for (let i = 0; i < 8; i++) {
    const aim = (i / 8) * 2 * Math.PI;
    const dx = Math.round(Math.cos(aim));
    const dy = Math.round(Math.sin(aim));
    out.push({ dx, dy, aim, fire: false }, { dx, dy, aim, fire: true });
  }
  return out;
}

export function buildFrames(kind: RoomKind, intents: readonly Intent[]): Array<Uint8Array<ArrayBuffer>> {
  return intents.map((intent) => (kind === "arena" ? inputFrame(intent) : plainFrame(intent)));
}

/** Each intent's input body with all four fields set (see above). */
export function intentBodies(intents: readonly Intent[]): Uint8Array[] {
  return intents.map((intent) => {
    const data = new IntentInput();
    Object.assign(data, intent);
    const encoder = new InputEncoder(data);
    encoder.reset(); // mark every field dirty: a full body
    return encoder.encode().slice();
  });
}

/**
 * A load client's batched intents, framed as game/net/intentInput.ts sends them: a
 * ROOM_INPUT_UNRELIABLE frame `[code][varint seq of the first][varint length][body]...` every
 * `batch` intents. Bodies are pre-built; only the sequence number is written per frame.
 */
export class IntentBatcher {
  private seq = 0;
  private readonly held: number[] = [];

  constructor(
    private readonly bodies: readonly Uint8Array[],
    private readonly batch: number,
  ) {}

  /** Add one tick's intent (an index into the bodies); every `batch`-th call returns the frame to send. */
  push(index: number): Uint8Array<ArrayBuffer> | undefined {
    this.seq++;
    this.held.push(index);
    if (this.held.length < this.batch) return undefined;
    let size = 1 + 5;
    for (const i of this.held) size += 1 + this.bodies[i]!.length;
    const frame = new Uint8Array(size);
    const it: Iterator = { offset: 0 };
    frame[it.offset++] = Protocol.ROOM_INPUT_UNRELIABLE;
    encode.number(frame, this.seq - this.held.length + 1, it);
    for (const i of this.held) {
      const body = this.bodies[i]!;
      encode.number(frame, body.length, it);
      frame.set(body, it.offset);
      it.offset += body.length;
    }
    this.held.length = 0;
    return frame.slice(0, it.offset);
  }
}

function inputFrame(intent: Intent): Uint8Array<ArrayBuffer> {
  const body = intentBodies([intent])[0]!;
  const frame = new Uint8Array(1 + body.length);
  frame[0] = Protocol.ROOM_INPUT_RELIABLE;
  frame.set(body, 1);
  return frame;
}

/** msgpack of a flat object: schema's number and string encoders write msgpack's own formats. */
function plainFrame(intent: Intent): Uint8Array<ArrayBuffer> {
  const buf = new Uint8Array(64);
  const it: Iterator = { offset: 0 };
  buf[it.offset++] = Protocol.ROOM_DATA;
  encode.string(buf, PLAIN_INPUT, it);
  buf[it.offset++] = 0x80 | 4; // fixmap, four entries
  for (const key of ["dx", "dy", "aim"] as const) {
    encode.string(buf, key, it);
    encode.number(buf, intent[key], it);
  }
  encode.string(buf, "fire", it);
  buf[it.offset++] = intent.fire ? 0xc3 : 0xc2;
  return buf.slice(0, it.offset);
}

/** ROOM_DATA frames carry `[13][type][msgpack]`. Returns the ping id, or undefined for any other frame. */
export function pingId(frame: Uint8Array): number | undefined {
  if (frame[0] !== Protocol.ROOM_DATA) return undefined;
  const it: Iterator = { offset: 1 };
  if (!decode.stringCheck(frame, it) || decode.string(frame as Buffer, it) !== Msg.Ping) return undefined;
  // { id: n }: fixmap of one, the key "id", then the number.
  if (frame[it.offset++] !== 0x81 || decode.string(frame as Buffer, it) !== "id") return undefined;
  return decode.number(frame as Buffer, it);
}

export function pongFrame(id: number): Uint8Array<ArrayBuffer> {
  const buf = new Uint8Array(32);
  const it: Iterator = { offset: 0 };
  buf[it.offset++] = Protocol.ROOM_DATA;
  encode.string(buf, Msg.Pong, it);
  buf[it.offset++] = 0x81;
  encode.string(buf, "id", it);
  encode.number(buf, id, it);
  return buf.slice(0, it.offset);
}

export const JOIN_ACK = Uint8Array.of(Protocol.JOIN_ROOM);
export const PING_FRAME = Uint8Array.of(Protocol.PING);
export { Protocol };
