/**
 * Keep a room's live state from one client: a delayed spectator (SpectatorFeed.ts) must not
 * get the arena's positions as they are now, not even once in the first full state, or it
 * could relay them. Its connection is given an empty state where Colyseus sends the full one
 * (the SDK needs one to finish joining) and none of the patches; its messages (the delayed
 * feed, chat, pings) pass untouched. Per connection, so every other client is served by
 * Colyseus's own serializer as before, and a reconnect (a new connection) is wrapped again.
 */
import { Protocol, ProtocolModifier, SchemaSerializer, type Client } from "colyseus";
import type { Schema } from "@colyseus/schema";

const MODIFIERS = ProtocolModifier.TIMED | ProtocolModifier.UNRELIABLE;

/** The full-state frame of a fresh, empty state of the room's type (encoded once per room). */
export function blankStateFrame(blank: Schema): Uint8Array {
  const serializer = new SchemaSerializer();
  serializer.reset(blank);
  return new Uint8Array(serializer.getFullState());
}

export function blindToState(client: Client, blankFrame: Uint8Array): void {
  const raw = client.raw.bind(client);
  client.raw = (data, options, cb) => {
    const code = (data[0] ?? 0) & ~MODIFIERS;
    if (code === Protocol.ROOM_STATE) return raw(blankFrame, options, cb);
    if (code === Protocol.ROOM_STATE_PATCH) return cb?.();
    return raw(data, options, cb);
  };
  if (client.rawUnreliable) client.rawUnreliable = () => undefined;
}
