/**
 * The intent a client sends every simulation tick, as a flat schema for Colyseus
 * `defineInput`. The SDK delta-encodes it, numbers it (the seq is the send count)
 * and the server acks it on every state frame; see docs/protocol.md.
 */
import { schema, t, type SchemaType } from "@colyseus/schema";

export const IntentInput = schema(
  {
    /** -1, 0 or 1. Anything else is refused by the server and counted. */
    dx: t.int8().default(0),
    dy: t.int8().default(0),
    /** Aim angle; 16-bit, wrapping, identical on both peers after quantization. */
    aim: t.angle().default(0),
    fire: t.boolean().default(false),
  },
  "IntentInput",
);
export type IntentInput = SchemaType<typeof IntentInput>;
