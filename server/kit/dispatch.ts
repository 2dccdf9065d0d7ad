/**
 * The one path every client message takes, the kit's (pong, kick, chat...) and a room type's
 * alike: validated against its schema in the registry, refused and counted with a named
 * reason when it does not fit, refused for spectators unless allowed, and a MoveError answered
 * to the sender alone. See docs/architecture.md, "The message registry".
 */
import type { Client } from "colyseus";
import { MoveError, type Seat } from "../../shared/kit/seats.ts";
import { Msg, RejectReason } from "../../shared/protocol.ts";
import { refusalOf, type MessageMap, type Received } from "../../shared/registry.ts";
import type { ClientGuard } from "../net/ClientGuard.ts";

/** How the kit handles one message: the payload is its schema's output. */
export interface Handler<T> {
  handle(client: Client, seat: Seat, payload: T): void;
  /** Whether spectators may send it (default: players only). */
  spectators?: boolean;
}

/** A handler for every message of a `toServer` map. */
export type Handlers<M extends MessageMap> = { readonly [K in keyof M]: Handler<Received<M, K>> };

/** What dispatch needs from the room it serves. */
export interface DispatchHost {
  readonly guard: ClientGuard;
  onMessage(type: string, handler: (client: Client, payload: unknown) => void): unknown;
  /** The sender's seat; a message from a client without one (still joining, or gone) is ignored. */
  seatOf(sessionId: string): Seat | undefined;
}

/** Register a handler for every message of `schemas` on `host`, each going through `dispatch`. */
export function listen<M extends MessageMap>(host: DispatchHost, schemas: M, handlers: Handlers<M>): void {
  for (const type of Object.keys(schemas) as Array<keyof M & string>) {
    const schema = schemas[type]!;
    const handler = handlers[type] as Handler<unknown>;
    host.onMessage(type, (client, raw) => dispatch(host, client, type, schema, handler, raw));
  }
}

/** One message: check, then handle. */
export function dispatch(host: DispatchHost, client: Client, type: string, schema: MessageMap[string], handler: Handler<unknown>, raw: unknown): void {
  const seat = host.seatOf(client.sessionId);
  if (!seat) return;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const refusal = refusalOf(parsed.error);
    host.guard.reject(client, (refusal.reason ?? RejectReason.Malformed) as RejectReason, `${type}: ${refusal.detail}`);
    return;
  }
  if (seat.role === "spectator" && !handler.spectators) {
    client.send(Msg.Rejected, { reason: RejectReason.Spectator, detail: "spectators cannot do that" });
    return;
  }
  try {
    handler.handle(client, seat, parsed.data);
  } catch (e) {
    if (!(e instanceof MoveError)) throw e;
    client.send(Msg.Rejected, { reason: e.reason, detail: e.message });
  }
}
