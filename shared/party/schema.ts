/**
 * The synced party state: who is in it, who leads, who is connected. Data only.
 * Members are keyed by session id; account ids stay on the server.
 */
import { MapSchema, schema, t, type SchemaType } from "@colyseus/schema";

export const PartyMember = schema(
  {
    name: t.string().default(""),
    /** False while the member's connection is down and their place is held (RECONNECT_SECONDS). */
    connected: t.boolean().default(true),
    /** When the member joined (join order decides the next leader). */
    joinedOrder: t.uint32().default(0),
  },
  "PartyMember",
);
export type PartyMember = SchemaType<typeof PartyMember>;

export const PartyState = schema(
  {
    /** The code friends join by ("" until issued). */
    code: t.string().default(""),
    /** Session id of the leader, who alone can press play. */
    leaderId: t.string().default(""),
    members: t.map(PartyMember).default(() => new MapSchema<PartyMember>()),
    /** Most members this party takes. */
    maxSize: t.uint8().default(0),
  },
  "PartyState",
);
export type PartyState = SchemaType<typeof PartyState>;
