/**
 * The SDK's Client with Skirmish's transports: every room it makes connects through
 * ConnectionChoice (WebSocket first, the HTTP fallback when that cannot open).
 *
 * The SDK picks a room's transport inside `Room.connect` (`new Connection(protocol)`, a switch
 * over "ws" and "h3") and offers no option for another one. Its public seams are `createRoom`
 * (protected, for subclasses) and the Connection's public `transport` field, used here and
 * nowhere else: the room's `connection` property is replaced with an accessor that, when
 * Room.connect assigns the new Connection, swaps in a ConnectionChoice on that Connection's
 * own event map before the Connection connects. The SDK's WebSocket transport is reused as it is.
 */
import { Client, type Room } from "@colyseus/sdk";
import { ConnectionChoice, type ChoiceOptions, type SdkTransport } from "./ConnectionChoice.ts";
import type { TransportEvents } from "./HttpFallbackTransport.ts";

interface SdkConnection {
  transport: SdkTransport;
  events: TransportEvents;
}

export class TransportClient extends Client {
  constructor(
    endpoint: string,
    private readonly choice: ChoiceOptions = {},
  ) {
    super(endpoint);
  }

  protected override createRoom<T>(roomName: string, rootSchema?: never): Room<any, T> {
    const room = super.createRoom<T>(roomName, rootSchema);
    useChoice(room, this.choice);
    return room;
  }
}

/** The transport a room's connection uses now (tests and the room bar read it). */
export function transportOf(room: Room): ConnectionChoice | undefined {
  const t = (room as unknown as { connection?: SdkConnection }).connection?.transport;
  return t instanceof ConnectionChoice ? t : undefined;
}

function useChoice(room: object, choice: ChoiceOptions): void {
  let connection: SdkConnection | undefined;
  Object.defineProperty(room, "connection", {
    configurable: true,
    enumerable: true,
    get: () => connection,
    set: (c: SdkConnection) => {
      connection = c;
      const WebSocketTransport = c.transport.constructor as new (events: TransportEvents) => SdkTransport;
      c.transport = new ConnectionChoice(c.events, WebSocketTransport, choice);
    },
  });
}
