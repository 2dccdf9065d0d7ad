/**
 * Hostile things a client can send, drawn from a seeded Rng so a failing fuzz run replays
 * exactly: wrong types, NaN/Infinity/huge numbers, deep nesting, long strings, unknown
 * message types and binary junk. Pure; the fuzz test decides where each one goes.
 */
import { encode } from "@colyseus/schema";
import { Protocol } from "@colyseus/sdk";
import { pack } from "msgpackr";
import { randomInt, type Rng } from "../../shared/rng.ts";

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[randomInt(rng, xs.length)]!;

const NUMBERS = [NaN, Infinity, -Infinity, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 2 ** 31, -(2 ** 31) - 1, 0.5, 65536, -1];

/** A string: empty, long, control characters, lone surrogates, or prototype keys. */
export function hostileString(rng: Rng): string {
  switch (randomInt(rng, 6)) {
    case 0:
      return "";
    case 1:
      return "x".repeat(200 + randomInt(rng, 1500));
    case 2:
      return "\u0000\u0007\u001b[2J\r\n";
    case 3:
      return "\ud800\udfff\ud800";
    case 4:
      return pick(rng, ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"]);
    default:
      return String.fromCharCode(...Array.from({ length: 32 }, () => randomInt(rng, 0x3000)));
  }
}

/** Nested arrays or objects `depth` levels deep (each level costs a byte or two of msgpack). */
export function deeplyNested(rng: Rng, depth: number): unknown {
  let v: unknown = pick(rng, NUMBERS);
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

/** Any value of a wrong or extreme kind. */
export function hostileValue(rng: Rng): unknown {
  switch (randomInt(rng, 10)) {
    case 0:
      return pick(rng, NUMBERS);
    case 1:
      return hostileString(rng);
    case 2:
      return deeplyNested(rng, 20 + randomInt(rng, 400));
    case 3:
      return null;
    case 4:
      return undefined;
    case 5:
      return pick(rng, [true, false]);
    case 6:
      return BigInt(2) ** BigInt(63) - BigInt(1);
    case 7:
      return Array.from({ length: randomInt(rng, 50) }, () => pick(rng, NUMBERS));
    case 8:
      return new Uint8Array(randomInt(rng, 200));
    default:
      return { [hostileString(rng)]: pick(rng, NUMBERS), id: pick(rng, NUMBERS), target: pick(rng, NUMBERS), text: pick(rng, NUMBERS) };
  }
}

/** A payload shaped like the real one with one field wrong, or something else entirely. */
export function wrongPayload(rng: Rng): unknown {
  if (rng.next() < 0.5) return hostileValue(rng);
  return { id: hostileValue(rng), target: hostileValue(rng), text: hostileValue(rng), after: hostileValue(rng), minutes: hostileValue(rng), column: hostileValue(rng) };
}

/** A message type no room handles: a random string, a huge one, or a number. */
export function unknownType(rng: Rng): string | number {
  if (rng.next() < 0.3) return randomInt(rng, 1000);
  return rng.next() < 0.2 ? "t".repeat(300) : `no_such_${randomInt(rng, 1e6)}`;
}

/**
 * Bytes that are not a valid frame: random bytes, or a real frame code followed by junk
 * (so Colyseus's own decoders see it).
 */
export function binaryJunk(rng: Rng): Uint8Array {
  const codes = [Protocol.ROOM_DATA, Protocol.ROOM_DATA_BYTES, Protocol.ROOM_INPUT_RELIABLE, Protocol.ROOM_INPUT_UNRELIABLE, Protocol.ROOM_REQUEST, 0xff, 0, 31, 63];
  const bytes = new Uint8Array(1 + randomInt(rng, 300));
  for (let i = 0; i < bytes.length; i++) bytes[i] = randomInt(rng, 256);
  if (rng.next() < 0.7) bytes[0] = pick(rng, codes) | (rng.next() < 0.3 ? 0x20 : 0);
  // A leave or a second join is a valid frame, not junk: those are tested elsewhere.
  if ((bytes[0]! & 31) === Protocol.LEAVE_ROOM || (bytes[0]! & 31) === Protocol.JOIN_ROOM) bytes[0] = 0xff;
  return bytes;
}

/**
 * A ROOM_DATA frame as `room.send(type, payload)` writes it, for payloads too big for the
 * SDK's send buffer: the type (msgpack string or number), then the msgpack body.
 * msgpackr is the encoder the SDK and Colyseus use themselves.
 */
export function dataFrame(type: string | number, payload: unknown): Uint8Array {
  const head = new Uint8Array(16 + Buffer.byteLength(String(type)) * 2);
  const it = { offset: 0 };
  head[it.offset++] = Protocol.ROOM_DATA;
  if (typeof type === "string") encode.string(head, type, it);
  else encode.number(head, type, it);
  const body = payload === undefined ? new Uint8Array(0) : pack(payload);
  const frame = new Uint8Array(it.offset + body.length);
  frame.set(head.subarray(0, it.offset), 0);
  frame.set(body, it.offset);
  return frame;
}

/**
 * A ROOM_DATA frame whose body is `depth` nested one-element msgpack arrays (one byte each),
 * written by hand: deeper than any encoder would go, to reach the server's decoder.
 */
export function deeplyNestedFrame(type: string, depth: number): Uint8Array {
  const head = dataFrame(type, undefined);
  const frame = new Uint8Array(head.length + depth + 1);
  frame.set(head, 0);
  frame.fill(0x91, head.length, head.length + depth); // fixarray of length 1
  frame[frame.length - 1] = 0xc0; // nil
  return frame;
}
