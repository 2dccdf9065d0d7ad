/**
 * The intent a client sends every simulation tick, as a flat schema for Colyseus
 * `defineInput`. The SDK delta-encodes it, numbers it (the seq is the send count)
 * and the server acks it on every state frame; see docs/protocol.md.
 */
import { schema, t, type SchemaType } from "@colyseus/schema";
import type { Intent } from "./world.ts";

export const IntentInput = schema(
  {
    /** -1, 0 or 1. Anything else is refused by the server and counted. */
    dx: t.int8().default(0),
    dy: t.int8().default(0),
    /** Aim angle; 16-bit, wrapping, identical on both peers after quantization. */
    aim: t.angle().default(0),
    fire: t.boolean().default(false),
    /** The server tick the sender drew the other players at (lag compensation); 0: unknown. */
    seen: t.uint32().default(0),
  },
  "IntentInput",
);
export type IntentInput = SchemaType<typeof IntentInput>;

const isDirection = (v: unknown): boolean => v === -1 || v === 0 || v === 1;

/**
 * Why an intent is invalid, or undefined when it is fine. Hand-written, not a zod schema:
 * it runs at the tick rate for every client and must not allocate in the common, valid case.
 */
export function intentProblem(intent: Intent): string | undefined {
  if (!isDirection(intent.dx) || !isDirection(intent.dy)) return "dx and dy must each be -1, 0 or 1";
  if (typeof intent.aim !== "number" || !Number.isFinite(intent.aim)) return "aim must be a finite angle";
  if (typeof intent.fire !== "boolean") return "fire must be a boolean";
  if (intent.seen !== undefined && (!Number.isInteger(intent.seen) || intent.seen < 0)) return "seen must be a tick (a non-negative integer)";
  return undefined;
}
